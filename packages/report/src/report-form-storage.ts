// What <civic-report-form> keeps in localStorage, per API and organisation: the draft of an unsent
// report (so a failed submit, a reload or a lost connection never loses it) and the offline queue.
import { apiKey, type FieldInputs, type SavedPhoto } from '@civic-elements/core';
import type { Point, ReportCreate } from '@civic-elements/protocol';

export type Step = 'category' | 'location' | 'nearby' | 'details' | 'send';

export interface ReportDraft {
  step: Step;
  /** The category's code. */
  category: string;
  inputs: FieldInputs;
  location: Point | null;
  description: string;
  /** Photos already uploaded (their ids go in the report). */
  photos: SavedPhoto[];
  email: string;
  name: string;
  /** Sent as `clientRequestId`, so that sending the same report twice makes one report. */
  requestId: string;
}

/** A report waiting for the connection to come back. */
export interface QueuedReport {
  body: ReportCreate & { clientRequestId: string };
  /** Who was signed in when it was queued (null: sent without an account, with `email`). */
  user: string | null;
  /** What the form held, to give back as a draft if the API refuses the report for good. */
  draft: ReportDraft;
}

const key = (kind: 'draft' | 'queue', api: string, org: string): string => `civic-elements.report-${kind}:${apiKey(api)}:${org}`;

function read(name: string): unknown {
  try {
    return JSON.parse(localStorage.getItem(name) ?? 'null');
  } catch {
    return null; // a corrupt or blocked store only means nothing is kept
  }
}

function write(name: string, value: unknown): void {
  try {
    if (value === undefined) localStorage.removeItem(name);
    else localStorage.setItem(name, JSON.stringify(value));
  } catch {
    // storage blocked or full: the draft lives in memory only
  }
}

const isString = (value: unknown): value is string => typeof value === 'string';
const STEPS: readonly Step[] = ['category', 'location', 'nearby', 'details', 'send'];

function isPoint(value: unknown): value is Point {
  const point = value as Point | null;
  return point?.type === 'Point' && Array.isArray(point.coordinates) && point.coordinates.length >= 2 && point.coordinates.every((n) => typeof n === 'number' && Number.isFinite(n));
}

function isSaved(value: unknown): value is SavedPhoto {
  const saved = value as SavedPhoto | null;
  return !!saved && isString(saved.name) && !!saved.photo && isString(saved.photo.id) && isString(saved.photo.thumb);
}

/** The draft, if one is kept and has the shape of one. */
export function readDraft(api: string, org: string): ReportDraft | undefined {
  const value = read(key('draft', api, org)) as Partial<ReportDraft> | null;
  if (!value || !isString(value.category) || !isString(value.requestId) || !STEPS.includes(value.step!)) return undefined;
  return {
    step: value.step!,
    category: value.category,
    inputs: value.inputs && typeof value.inputs === 'object' ? value.inputs : {},
    location: isPoint(value.location) ? value.location : null,
    description: isString(value.description) ? value.description : '',
    photos: Array.isArray(value.photos) ? value.photos.filter(isSaved) : [],
    email: isString(value.email) ? value.email : '',
    name: isString(value.name) ? value.name : '',
    requestId: value.requestId,
  };
}

export const writeDraft = (api: string, org: string, draft: ReportDraft | undefined): void => write(key('draft', api, org), draft);

export function readQueue(api: string, org: string): QueuedReport[] {
  const value = read(key('queue', api, org));
  return Array.isArray(value) ? value.filter((item: Partial<QueuedReport>) => isString(item?.body?.clientRequestId)) : [];
}

/** Adds a report to the queue (once: a report already queued under the same id is replaced). */
export function enqueue(api: string, org: string, item: QueuedReport): void {
  const rest = readQueue(api, org).filter((queued) => queued.body.clientRequestId !== item.body.clientRequestId);
  write(key('queue', api, org), [...rest, item]);
}

/** Takes a report off the queue. */
export function dequeue(api: string, org: string, requestId: string): void {
  const rest = readQueue(api, org).filter((queued) => queued.body.clientRequestId !== requestId);
  write(key('queue', api, org), rest.length ? rest : undefined);
}
