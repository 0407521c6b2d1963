// Localisation: message catalogues registered per package, t() with {name} and plurals, Intl formats.
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export type Params = Record<string, string | number>;
export type Catalogue = Record<string, string>;
/** A catalogue, or a function that loads one (a language kept in a chunk of its own). */
export type CatalogueSource = Catalogue | (() => Promise<Catalogue>);

/** Languages the elements are translated into; anything else falls back to English. */
export const LANGUAGES = ['en', 'it', 'ar'] as const;
export type Language = (typeof LANGUAGES)[number];
const RTL = new Set(['ar', 'he', 'fa', 'ur']);

interface Registry {
  catalogues: Record<string, Catalogue>;
  /** Loaders registered for a language and not yet called. */
  pending: Record<string, (() => Promise<Catalogue>)[]>;
  /** Loads under way for a language. */
  loading: Record<string, Promise<void> | undefined>;
}
// On globalThis, so that two bundled copies of core on one page share what they have loaded.
const REGISTRY = Symbol.for('civic-elements.messages.v2');
const registry = ((globalThis as { [REGISTRY]?: Registry })[REGISTRY] ??= { catalogues: {}, pending: {}, loading: {} });
const { catalogues } = registry;

/** Adds a package's messages for a language (later registrations add to earlier ones), or a loader for them. */
export function registerMessages(lang: string, messages: CatalogueSource): void {
  if (typeof messages === 'function') (registry.pending[lang] ??= []).push(messages);
  else catalogues[lang] = { ...catalogues[lang], ...messages };
}

/**
 * Loads the catalogues registered for `lang` that have not arrived yet. Returns undefined when there
 * is nothing to wait for. A catalogue that fails to load (offline) leaves English in its place.
 */
export function loadMessages(lang: string): Promise<void> | undefined {
  const language = catalogueLanguage(lang);
  const pending = registry.pending[language];
  if (pending?.length) {
    registry.pending[language] = [];
    const loads = pending.map((load) =>
      load().then((messages) => registerMessages(language, messages), () => undefined),
    );
    const loading: Promise<void> = Promise.all([registry.loading[language], ...loads]).then(() => {
      if (registry.loading[language] === loading) registry.loading[language] = undefined;
    });
    registry.loading[language] = loading;
  }
  return registry.loading[language];
}

/** Whether English (the fallback of every language) has `key`. */
export const hasMessage = (key: string): boolean => key in (catalogues['en'] ?? {});

/** `it-IT` → `it`. */
const baseLanguage = (lang: string | undefined): string => (lang ?? '').toLowerCase().split(/[-_]/)[0]!;

/** `it-IT` → `it`; a language without a catalogue → `en`. */
export function catalogueLanguage(lang: string | undefined): Language {
  const base = baseLanguage(lang);
  return (LANGUAGES as readonly string[]).includes(base) ? (base as Language) : 'en';
}

export const directionOf = (lang: string | undefined): 'ltr' | 'rtl' => (RTL.has(baseLanguage(lang)) ? 'rtl' : 'ltr');

/** Translates `key` in `lang`. A `count` parameter picks `key_one`, `key_other`… by Intl.PluralRules. */
export function translate(lang: string, key: string, params?: Params): string {
  const language = catalogueLanguage(lang);
  const count = params?.['count'];
  /** The plural form of `key` for `count` in the language `target`, else its `_other` form. */
  const plural = (target: string): string | undefined =>
    typeof count === 'number'
      ? catalogues[target]?.[`${key}_${formatter(Intl.PluralRules, target).select(count)}`] ?? catalogues[target]?.[`${key}_other`]
      : undefined;
  const text = plural(language) ?? plural('en') ?? catalogues[language]?.[key] ?? catalogues['en']?.[key] ?? key;
  if (!params) return text;
  const numbers = formatter(Intl.NumberFormat, language);
  return text.replace(/\{(\w+)\}/g, (match, name: string) => {
    const value = params[name];
    return value === undefined ? match : typeof value === 'number' ? numbers.format(value) : value;
  });
}

/**
 * Gives an element t(), dir and Intl formatting in its resolved language. The host re-renders
 * when its language changes because the language is one of its reactive properties.
 */
export class LocalizeController implements ReactiveController {
  readonly #langOf: () => string;

  constructor(host: ReactiveControllerHost, langOf: () => string) {
    host.addController(this);
    this.#langOf = langOf;
  }

  /** The language tag in use (`it-IT` stays `it-IT` for Intl formats). */
  hostConnected(): void {}

  get lang(): string { return this.#langOf() || 'en'; }
  /** The catalogue language: en, it or ar. */
  get language(): Language { return catalogueLanguage(this.lang); }
  get dir(): 'ltr' | 'rtl' { return directionOf(this.lang); }

  t(key: string, params?: Params): string {
    return translate(this.lang, key, params);
  }



  /** "2 minutes", "30 secondi", in words, for waits. */
  duration(seconds: number): string {
    const [value, unit] = seconds >= 90 ? [Math.ceil(seconds / 60), 'minute' as const] : [Math.max(1, Math.ceil(seconds)), 'second' as const];
    return new Intl.NumberFormat(this.lang, { style: 'unit', unit, unitDisplay: 'long' }).format(value);
  }
}

// Formatting helpers are functions, not controller methods, so a bundle carries only those it uses.

/** A number in the reader's language: `formatNumber(this.localize.lang, 1234.5)`. */
export const formatNumber = (lang: string, value: number, options?: Intl.NumberFormatOptions): string =>
  formatter(Intl.NumberFormat, lang, options).format(value);

/** A date or time in the reader's language (medium date unless `options` say otherwise). */
export const formatDate = (lang: string, value: Date | string | number, options: Intl.DateTimeFormatOptions = { dateStyle: 'medium' }): string =>
  formatter(Intl.DateTimeFormat, lang, options).format(new Date(value));

/**
 * One Intl formatter per kind, language and options, made once: making one costs far more than using
 * it, and a list of 500 comments or reports formats a date for each.
 */
const formatters = new Map<string, object>();
export function formatter<F extends object, O>(Kind: new (lang: string, options?: O) => F, lang: string, options?: O): F {
  const key = `${Kind.name} ${lang} ${options ? JSON.stringify(options) : ''}`;
  let made = formatters.get(key) as F | undefined;
  if (!made) formatters.set(key, (made = new Kind(lang, options)));
  return made;
}
