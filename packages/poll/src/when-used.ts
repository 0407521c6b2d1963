// Loads an element's definition only when the element first appears on the page.

/**
 * Calls `load` once, as soon as an element matching `tag` is in the document (now, or when the page
 * adds one). It watches the document's own tree: an element rendered inside another component's
 * shadow root is not seen, so such a page imports the definition itself (`define-poll.js`).
 */
export function whenUsed(tag: string, load: () => Promise<unknown>): void {
  if (document.querySelector(tag)) {
    void load();
    return;
  }
  const observer = new MutationObserver(() => {
    if (!document.querySelector(tag)) return;
    observer.disconnect();
    void load();
  });
  observer.observe(document.documentElement, { childList: true, subtree: true });
}
