// Shared set-up for the report API tests: the people (every role that matters), a valid report, photo uploads, the outbox.
import sharp from 'sharp';
import type { ReportCreate } from '@civic-elements/protocol';
import type { TestApp } from './app.js';
import { seedReportFixtures, type ReportFixtureOptions } from './report-fixtures.js';

export interface Person {
  accessToken: string;
  user: { id: string };
}

/** Everyone the permission tests need, signed in. */
export async function reportCast(t: TestApp) {
  const people = {
    admin: await t.withRole('admin@test.example', 'admin'),
    highways: await t.withRole('highways@test.example', 'officer', 'test-council', ['highways']),
    housing: await t.withRole('housing@test.example', 'officer', 'test-council', ['housing']),
    anyOfficer: await t.withRole('any-officer@test.example', 'officer'),
    moderator: await t.withRole('moderator@test.example', 'moderator'),
    resident: await t.withRole('resident@test.example', 'resident'),
    neighbour: await t.withRole('neighbour@test.example', 'resident'),
    foreignOfficer: await t.withRole('officer@other.example', 'officer', 'other-org'),
    foreignAdmin: await t.withRole('admin@other.example', 'admin', 'other-org'),
  };
  return people as Record<keyof typeof people, Person>;
}

/** Categories (every council one), settings (anonymous reports on) and `count` reports in test-council. */
export const seedReports = (t: TestApp, options: ReportFixtureOptions = {}, org = 'test-council') => seedReportFixtures(t.store, org, { count: 0, now: t.clock(), ...options });

/** Inside test-council's extent [-0.11, 51.42, -0.03, 51.51]. */
export const HERE = { type: 'Point' as const, coordinates: [-0.0936, 51.4893] as [number, number] };

/** A pothole report that passes every check. */
export function potholeBody(overrides: Partial<ReportCreate> = {}): ReportCreate {
  return {
    category: 'pothole',
    description: 'Deep pothole in the bus lane outside the shops.',
    location: HERE,
    address: 'Walworth Road',
    fields: { depth: 'over-10cm', surface: 'road' },
    ...overrides,
  };
}

/** Makes a report as `token` (or anonymously with `email`) and returns its JSON. */
export async function report(t: TestApp, token: string | undefined, overrides: Partial<ReportCreate> = {}, org = 'test-council') {
  const res = await t.call('POST', `/v1/orgs/${org}/reports`, { ...(token ? { token } : {}), body: potholeBody(overrides) });
  if (res.status !== 201) throw new Error(`report: ${res.status} ${res.text}`);
  return res.json as Record<string, any> & { id: string; reference: string };
}

export const jpeg = (colour = '#6a8f3c') => sharp({ create: { width: 64, height: 48, channels: 3, background: colour } }).jpeg().toBuffer();

/** Uploads a small JPEG (as `token`, or anonymously from `address`); returns the response. */
export async function uploadPhoto(t: TestApp, options: { token?: string; address?: string; org?: string; colour?: string } = {}) {
  const headers: Record<string, string> = { 'Content-Type': 'image/jpeg' };
  if (options.token) headers.Authorization = `Bearer ${options.token}`;
  const env = { incoming: { socket: { remoteAddress: options.address ?? '192.0.2.10' } } };
  const response = await t.app.request(`/v1/orgs/${options.org ?? 'test-council'}/media`, { method: 'POST', headers, body: new Uint8Array(await jpeg(options.colour)) }, env as never);
  const text = await response.text();
  return { status: response.status, json: text ? (JSON.parse(text) as any) : undefined };
}

/** The emails to `email` about reports (sign-in codes left out), newest first. */
export async function reportMail(t: TestApp, email: string) {
  return (await t.outbox.list({ to: email })).filter((m) => !/sign-in code|codice di accesso/i.test(m.subject));
}

export const ANYWHERE = '-0.2,51.3,0.1,51.6';
