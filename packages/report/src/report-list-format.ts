// Dates and distances of <civic-report-list> in the reader's language: "3 days ago" beside the date itself.
import { html, type TemplateResult } from 'lit';
import { formatDate, formatNumber } from '@civic-elements/core';

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 86_400],
  ['month', 61 * 86_400], // weeks up to two months: "last month" read oddly before "4 weeks ago"
  ['week', 7 * 86_400],
  ['day', 86_400],
  ['hour', 3_600],
  ['minute', 60],
];

/** "3 days ago", "yesterday", "now" in `lang`; a time in the future reads "in 2 days". */
export function relativeTime(lang: string, iso: string, now = Date.now()): string {
  const seconds = (Date.parse(iso) - now) / 1000;
  const format = new Intl.RelativeTimeFormat(lang, { numeric: 'auto' });
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return format.format(Math.round(seconds / (unit === 'month' ? 30.44 * 86_400 : size)), unit);
  }
  return format.format(0, 'second');
}

/** A `<time>`: the relative time, then the date (and with `time`, the time of day), both in `lang`. */
export function when(lang: string, iso: string, t: (key: string, params: Record<string, string>) => string, time = false): TemplateResult {
  const absolute = formatDate(lang, iso, time ? { dateStyle: 'long', timeStyle: 'short' } : { dateStyle: 'long' });
  return html`<time datetime=${iso}>${t('report-list.when', { relative: relativeTime(lang, iso), date: absolute })}</time>`;
}

/** A calendar day (`YYYY-MM-DD`) in `lang`, read at local noon so that no time zone moves it. */
export const day = (lang: string, date: string): string => formatDate(lang, `${date}T12:00:00`, { dateStyle: 'long' });

/** "350 m", "1.2 km" in `lang`. */
export function distance(lang: string, metres: number): string {
  return metres < 1000
    ? formatNumber(lang, Math.round(metres / 10) * 10 || Math.round(metres), { style: 'unit', unit: 'meter' })
    : formatNumber(lang, metres / 1000, { style: 'unit', unit: 'kilometer', maximumFractionDigits: 1 });
}
