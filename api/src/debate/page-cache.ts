// The first page of a discussion as signed-out readers get it, kept as JSON text: it is the same for all
// of them, and it is the most read thing a discussion has (every page view). Whatever changes a
// discussion publicly goes through its stream (notify.ts), which drops the subject's pages; a page is
// also kept no longer than a few seconds, for what does not (a person renaming themselves).
const MAX_AGE_MS = 5000;
const MAX_PAGES = 500;

export class FirstPageCache {
  readonly #pages = new Map<string, { text: string; at: number; subject: string }>();

  constructor(private readonly now: () => number) {}

  static key(orgId: string, subjectKey: string, variant: string): string {
    return `${orgId}\n${subjectKey}\n${variant}`;
  }

  get(key: string): string | undefined {
    const page = this.#pages.get(key);
    if (!page) return undefined;
    if (this.now() - page.at > MAX_AGE_MS) {
      this.#pages.delete(key);
      return undefined;
    }
    return page.text;
  }

  set(key: string, orgId: string, subjectKey: string, text: string): void {
    // The oldest goes first when full (a Map keeps the order things were put in).
    if (this.#pages.size >= MAX_PAGES) this.#pages.delete(this.#pages.keys().next().value!);
    this.#pages.delete(key);
    this.#pages.set(key, { text, at: this.now(), subject: `${orgId}\n${subjectKey}\n` });
  }

  /** Drops every page of a subject (all its orders and sizes). */
  drop(orgId: string, subjectKey: string): void {
    const prefix = `${orgId}\n${subjectKey}\n`;
    for (const [key, page] of this.#pages) if (page.subject === prefix) this.#pages.delete(key);
  }
}
