// <civic-config>: sets api, org and lang once for every Civic Elements widget inside it.

/**
 * Page-wide settings for the widgets it contains. It renders nothing of its own (`display: contents`).
 *
 * @attr api - The API's base URL.
 * @attr org - The organisation's slug.
 * @attr lang - The language of the widgets inside (en, it, ar).
 */
export class CivicConfig extends HTMLElement {
  connectedCallback(): void {
    this.style.display = 'contents';
  }

  get api(): string { return this.getAttribute('api') ?? ''; }
  set api(value: string) { this.setAttribute('api', value); }
  get org(): string { return this.getAttribute('org') ?? ''; }
  set org(value: string) { this.setAttribute('org', value); }
}
