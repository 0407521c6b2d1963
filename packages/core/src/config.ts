// Resolves api, org and lang for an element: its own attributes, a <civic-config> ancestor, <html lang>.

/** The next node up, crossing shadow roots to their host. */
function parentOf(node: Node): Node | null {
  if (node.parentNode instanceof ShadowRoot) return node.parentNode.host;
  return node.parentNode ?? (node instanceof ShadowRoot ? node.host : null);
}

/** The first non-blank `name` attribute on the element, else on the ancestors (only <civic-config> ones unless `anyAncestor`). */
function closestAttribute(element: Element, name: string, anyAncestor: boolean): string | undefined {
  for (let node: Node | null = element; node; node = parentOf(node)) {
    if (node instanceof Element && (anyAncestor || node === element || node.localName === 'civic-config')) {
      const value = node.getAttribute(name)?.trim();
      if (value) return value;
    }
  }
  return undefined;
}

/** The value of `name` on the element itself, else on the nearest <civic-config> ancestor. */
export const resolveSetting = (element: Element, name: 'api' | 'org'): string | undefined => closestAttribute(element, name, false);

/**
 * The element's language: its own `lang`, else the nearest ancestor with one (a <civic-config lang>
 * is such an ancestor), crossing shadow roots, else `<html lang>`, else English.
 */
export const resolveLang = (element: Element): string => closestAttribute(element, 'lang', true) || document.documentElement.lang || 'en';

type Listener = () => void;
const listeners = new Set<Listener>();
let observer: MutationObserver | undefined;

/**
 * Calls `listener` when an api, org or lang attribute changes anywhere in the document, or when a
 * <civic-config> is added or removed. One observer serves every element on the page.
 */
export function watchConfig(listener: Listener): () => void {
  listeners.add(listener);
  if (!observer) {
    observer = new MutationObserver((records) => {
      const relevant = records.some((record) => record.type === 'attributes' ||
        [...record.addedNodes, ...record.removedNodes].some((node) => node instanceof Element && (node.localName === 'civic-config' || !!node.querySelector('civic-config'))));
      if (relevant) for (const notify of [...listeners]) notify();
    });
    observer.observe(document.documentElement, { subtree: true, childList: true, attributes: true, attributeFilter: ['api', 'org', 'lang'] });
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) {
      observer?.disconnect();
      observer = undefined;
    }
  };
}
