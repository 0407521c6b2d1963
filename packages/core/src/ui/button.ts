// A native <button> in the house style: primary, secondary or link; busy keeps focus (aria-disabled).
import { html, nothing, type TemplateResult } from 'lit';

export interface ButtonOptions {
  label: string;
  variant?: 'primary' | 'secondary' | 'link';
  type?: 'button' | 'submit';
  busy?: boolean;
  /** Announced instead of the label while busy. */
  busyLabel?: string;
  part?: string;
  id?: string;
  onClick?: (event: MouseEvent) => void;
  haspopup?: 'dialog';
  expanded?: boolean;
}

export function button(options: ButtonOptions): TemplateResult {
  const { label, variant = 'primary', type = 'button', busy = false } = options;
  const click = (event: MouseEvent) => {
    if (busy) {
      event.preventDefault(); // a busy button stays focusable but does nothing
      return;
    }
    options.onClick?.(event);
  };
  return html`<button
    id=${options.id ?? nothing}
    class="button button--${variant}"
    type=${type}
    part=${options.part ?? 'button'}
    aria-disabled=${busy ? 'true' : nothing}
    aria-haspopup=${options.haspopup ?? nothing}
    aria-expanded=${options.expanded === undefined ? nothing : String(options.expanded)}
    @click=${click}
  >${busy ? html`<span class="spinner" aria-hidden="true"></span>` : nothing}<span>${busy && options.busyLabel ? options.busyLabel : label}</span></button>`;
}
