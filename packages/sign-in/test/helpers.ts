// Helpers for driving <civic-sign-in> in tests: find things in its shadow root, type, submit, wait.
import { getSession } from '@civic-elements/core';
import type { CivicSignIn } from '../src/index.js';
import { api, until } from '../../core/test/support.js';

export const $ = <T extends Element = HTMLElement>(el: CivicSignIn, selector: string): T | null =>
  el.shadowRoot!.querySelector<T>(selector);

export const text = (el: CivicSignIn): string => (el.shadowRoot!.querySelector('.root')?.textContent ?? '').replace(/\s+/g, ' ');

/** Types into a field the way input events report it. */
export async function type(el: CivicSignIn, id: string, value: string): Promise<void> {
  const input = $<HTMLInputElement>(el, `#${id}`);
  if (!input) throw new Error(`no #${id} in ${text(el)}`);
  input.value = value;
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
  await el.updateComplete;
}

export function buttonNamed(el: CivicSignIn, name: string): HTMLButtonElement {
  const button = [...el.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.trim() === name);
  if (!button) throw new Error(`no button "${name}" in: ${text(el)}`);
  return button;
}

export async function click(el: CivicSignIn, name: string): Promise<void> {
  buttonNamed(el, name).click();
  await el.updateComplete;
}

/** Waits until nothing is busy and the element has rendered. */
export async function settled(el: CivicSignIn): Promise<void> {
  await el.updateComplete;
  await until(() => !$(el, '[aria-disabled="true"]'), 'the request to finish', 8000);
  await el.updateComplete;
  await el.updateComplete;
}

/** The heading as rendered (the hidden slot's fallback text is not part of it). */
export const heading = (el: CivicSignIn): string => $(el, '#heading')!.innerText.replace(/\s+/g, ' ').trim();
export const activeId = (el: CivicSignIn): string | undefined => (el.shadowRoot!.activeElement as HTMLElement | null)?.id || el.shadowRoot!.activeElement?.className;
export const summaryText = (el: CivicSignIn): string => $(el, '.error-summary')?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
export const fieldError = (el: CivicSignIn, id: string): string => $(el, `#${id}-error`)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

/** A clean slate: no session in memory or storage, no draft. */
export async function signedOutEverywhere(): Promise<void> {
  await getSession(api()).signOut();
  localStorage.clear();
  sessionStorage.clear();
}
