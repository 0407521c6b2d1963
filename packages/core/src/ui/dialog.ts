// A modal dialog around native <dialog>: focus trapping, Escape and the top layer come from the browser.
import { html, type TemplateResult } from 'lit';
import { button } from './button.js';

export interface DialogOptions {
  id: string;
  /** The id of the element naming the dialog (its heading). */
  labelledBy: string;
  closeLabel: string;
  content: unknown;
  onClose: () => void;
}

export function dialog(o: DialogOptions): TemplateResult {
  return html`<dialog id=${o.id} class="dialog" part="dialog" aria-labelledby=${o.labelledBy} @close=${o.onClose}>
    <div class="dialog__close">
      ${button({ label: o.closeLabel, variant: 'link', part: 'button close', onClick: (event) => ((event.currentTarget as Element).closest('dialog') as HTMLDialogElement).close() })}
    </div>
    ${o.content}
  </dialog>`;
}

/** Opens a <dialog> modally if it is not open yet. */
export function showDialog(element: HTMLDialogElement | null | undefined): void {
  if (element && !element.open) element.showModal();
}
