// Reports for the <civic-report-list> tests, made through the real API: residents report, officers
// move them along the workflow. Each test file puts its reports at a place of its own (tests share
// one API), so that "near" and "category" lists hold only what the test made.
import { executeServerCommand } from '@web/test-runner-commands';
import type { FieldValues, Me, Photo, Report, ReportCategory, ReportCreate, ReportSettings, Role, SessionResponse } from '@civic-elements/protocol';
import { api, ORG, uniqueEmail } from '../../core/test/support.js';

export async function call<T>(method: string, path: string, body?: unknown, token?: string): Promise<T> {
  const response = await fetch(api() + path, {
    method,
    headers: { 'Content-Type': 'application/json', Accept: 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? null : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

/** A person with `role` in the test organisation and a session, as a sign-in would open it. */
export async function person(role: Role = 'resident', email = uniqueEmail(role)): Promise<SessionResponse> {
  const tokens = await executeServerCommand<{ accessToken: string; refreshToken: string }, object>('civic:make-role', { email, org: ORG, role });
  const me = await call<Me>('GET', '/v1/me', undefined, tokens.accessToken);
  const soon = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();
  return { ...me, accessToken: tokens.accessToken, refreshToken: tokens.refreshToken, accessExpiresAt: soon(14), refreshExpiresAt: soon(60 * 24) };
}

/** Sets up the test organisation's report categories and settings (the council's usual ones; no reports). */
export const seedCategories = () => executeServerCommand<unknown, { count: number }>('civic:seed-reports', { count: 0 });

/** The organisation's active categories (seedCategories first). */
export const categories = async (): Promise<ReportCategory[]> =>
  (await call<{ items: ReportCategory[] }>('GET', `/v1/orgs/${ORG}/report-categories`)).items.filter((category) => category.active);

/** An answer to every required question of the category. */
export function answers(category: ReportCategory): FieldValues {
  const values: FieldValues = {};
  for (const field of category.fields) {
    if (!field.required) continue;
    if (field.type === 'choice') values[field.key] = field.options[0]!.value;
    else if (field.type === 'multichoice') values[field.key] = [field.options[0]!.value];
    else if (field.type === 'number') values[field.key] = field.min ?? 1;
    else if (field.type === 'boolean') values[field.key] = true;
    else if (field.type === 'date') values[field.key] = '2026-01-15';
    else if (field.type === 'time') values[field.key] = '09:30';
    else if (field.type === 'datetime') values[field.key] = '2026-01-15T09:30:00Z';
    else values[field.key] = 'AB12 CDE';
  }
  return values;
}

export const settings = () => call<ReportSettings>('GET', `/v1/orgs/${ORG}/report-settings`);

const CELLS = 7 * 9;
let next = Math.floor(Math.random() * CELLS);
/**
 * A spot of its own inside test-council's extent [-0.11, 51.42, -0.03, 51.51], 700 m or more from any
 * other this function gives out in the same file (63 cells, starting at a random one), with room for
 * reports up to 500 m east of it.
 */
export function spot(): [number, number] {
  const cell = next++ % CELLS;
  return [-0.105 + (cell % 7) * 0.01, 51.425 + Math.floor(cell / 7) * 0.009];
}

/** `metres` east of `[lon, lat]`. */
export const east = ([lon, lat]: [number, number], metres: number): [number, number] =>
  [lon + metres / (111_320 * Math.cos((lat * Math.PI) / 180)), lat];

/** A report by `token`'s holder, in `category` (its required questions answered), at `at`. */
export async function report(token: string, body: Omit<Partial<ReportCreate>, 'category'> & { category: ReportCategory; at: [number, number] }): Promise<Report> {
  const { at, category, ...rest } = body;
  return call<Report>('POST', `/v1/orgs/${ORG}/reports`, {
    description: 'A problem that needs looking at, by the kerb.',
    address: null,
    fields: answers(category),
    ...rest,
    category: category.code,
    location: { type: 'Point', coordinates: at },
  }, token);
}

/** An officer's update: a status step, a public note, or both. */
export const update = (token: string, id: string, change: { status?: string; publicNote?: string; expectedOn?: string | null }) =>
  call<unknown>('POST', `/v1/orgs/${ORG}/reports/${encodeURIComponent(id)}/updates`, change, token);

/** A small PNG photo, drawn here and uploaded as the resident. */
export async function photo(token: string): Promise<Photo> {
  const canvas = document.createElement('canvas');
  canvas.width = 64;
  canvas.height = 48;
  const context = canvas.getContext('2d')!;
  context.fillStyle = '#7a5c3a';
  context.fillRect(0, 0, 64, 48);
  context.fillStyle = '#222';
  context.beginPath();
  context.arc(32, 24, 12, 0, Math.PI * 2);
  context.fill();
  const blob = await new Promise<Blob>((resolve) => canvas.toBlob((b) => resolve(b!), 'image/png'));
  const response = await fetch(`${api()}/v1/orgs/${ORG}/media`, { method: 'POST', headers: { 'Content-Type': 'image/png', Authorization: `Bearer ${token}` }, body: blob });
  if (!response.ok) throw new Error(`POST media: ${response.status} ${await response.text()}`);
  return (await response.json()) as Photo;
}
