// Loads the definition of rarely used elements only when one of them first appears on the page.

/**
 * Calls `load` once, as soon as an element with one of `tags` is in the document (now, or when the
 * page adds one). It watches the document's own tree: an element rendered inside another
 * component's shadow root is not seen, so such a page imports the definitions itself.
 */
export function defineWhenUsed(tags: string[], load: () => Promise<unknown>): void {
  const selector = tags.join(',');
  const present = () => !!document.querySelector(selector);
  if (present()) {
    void load();
    return;
  }
  const observer = new MutationObserver(() => {
    if (!present()) return;
    observer.disconnect();
    void load();
  });
  observer.observe(document.documentElement, { childList: true, subtree: true });
}
