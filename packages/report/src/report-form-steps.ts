// The steps of <civic-report-form>, which step shows which control, and the API's `fields` mapped onto those controls.
import { fieldId } from '@civic-elements/core';
import type { ReportCategory } from '@civic-elements/protocol';
import type { Step } from './report-form-storage.js';

/** Every step in order; `nearby` is only shown when similar reports were found. */
export const STEPS: readonly Step[] = ['category', 'location', 'nearby', 'details', 'send'];

/** The step that shows the control with this id. */
export function stepOf(id: string): Step {
  if (id === 'category' || id === 'location' || id === 'nearby') return id;
  if (id === 'email' || id === 'name') return 'send';
  return 'details'; // description, photos, and the category's questions (field-…)
}

/** The steps a resident goes through: `nearby` only when there are reports to show. */
export const stepsShown = (withNearby: boolean): Step[] => STEPS.filter((step) => step !== 'nearby' || withNearby);

/** The value of the nearby step's last radio: none of the reports shown. */
export const NONE = 'none';

export const DESCRIPTION_MIN = 10;
export const DESCRIPTION_MAX = 2000;

/** A plausible email address (the API has the last word). */
export const looksLikeEmail = (value: string): boolean => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value.trim());

/**
 * The API's `fields` of a refused `POST …/reports` by the id of the control they are about: `location`
 * and `location.coordinates` → location, `fields.<key>` → that question, `photos.<n>` → photos.
 * What matches no control is returned in `rest`, to show in the error summary.
 */
export function mapApiFields(fields: Record<string, string>, category: ReportCategory | undefined): { errors: Record<string, string>; rest: string[]; photos: [number, string][] } {
  const errors: Record<string, string> = {};
  const rest: string[] = [];
  const photos: [number, string][] = [];
  const keys = new Set(category?.fields.map((f) => f.key));
  for (const [path, message] of Object.entries(fields)) {
    const [head, second] = path.split('.');
    let id: string | undefined;
    if (head === 'category' || head === 'location' || head === 'description' || head === 'email' || head === 'name') id = head;
    else if (head === 'address') id = 'location';
    else if (head === 'fields' && second && keys.has(second)) id = fieldId(second);
    else if (head === 'photos') {
      id = 'photos';
      if (second !== undefined && /^\d+$/.test(second)) photos.push([Number(second), message]);
    }
    // The first problem of each control is shown, in the API's own (plain English) words.
    if (id) errors[id] ??= message;
    else rest.push(message);
  }
  return { errors, rest, photos };
}
