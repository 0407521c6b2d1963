// What a report of <civic-report-list> is rendered from, and the ids and headings its parts share.
import { html, type TemplateResult } from 'lit';
import type { Report, ReportDetail } from '@civic-elements/protocol';

export type Translate = (key: string, params?: Record<string, string | number>) => string;

/** A report whose details are open: loading, shown, or failed to load; and the follow or support under way. */
export interface Opened {
  status: 'loading' | 'ready' | 'error';
  detail?: ReportDetail | undefined;
  error?: string | undefined;
  busy?: 'follow' | 'support' | undefined;
  /** Why the last follow or support failed, in words. */
  problem?: string | undefined;
}

export interface ItemView {
  t: Translate;
  lang: string;
  /** The level of each report's heading (its details' headings are one below). */
  level: number;
  signedIn: boolean;
  api: string;
  org: string;
  report: Report;
  opened: Opened | undefined;
  toggle: () => void;
  retry: () => void;
  follow: () => void;
  support: () => void;
}

/** An id attribute for something of this report (ids are opaque: keep what an id attribute can hold). */
export const idOf = (report: Pick<Report, 'id'>, what: string): string => `r-${report.id.replace(/[^\w-]/g, '_')}-${what}`;

/** A heading at `level` (1 to 6), as a role: the level is the page's to choose. */
export const heading = (level: number, id: string, className: string, content: unknown, part: string): TemplateResult =>
  html`<div role="heading" aria-level=${Math.min(6, Math.max(1, level))} id=${id} class=${className} part=${part} tabindex="-1">${content}</div>`;

