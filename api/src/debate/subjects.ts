// What a discussion can be about. Each kind of subject (`report:`, `contribution:`, `page:`…) has a small
// resolver that checks the thing exists in the organisation and gives its canonical key and title.
// Another capability adds its own kind with registerSubjectKind (consultations/subject.ts registers `proposal`).
import type { SubjectKind } from '@civic-elements/protocol';
import { looksLikeReference, normaliseReference } from '../domain/reference.js';
import { normalisePageUrl } from '../domain/debate-text.js';
import { ApiError, notFound } from '../http/errors.js';
import type { Deps } from '../http/env.js';
import type { OrgRecord } from '../store/types.js';

export interface ResolvedSubject {
  kind: SubjectKind;
  /** The canonical key comments are filed under (`page:` addresses normalised, reports by id). */
  key: string;
  /** Words for the moderator's queue and the reply email: "SWK-1042 · Pothole", a page's address. */
  title: string;
  /** For a page: its address, so that emails can link to a comment on it. */
  url: string | null;
}

/** Finds the thing `value` (what follows `kind:`) names in the organisation; null when there is none. */
export type SubjectResolver = (deps: Deps, org: OrgRecord, value: string) => Promise<ResolvedSubject | null>;

const resolvers = new Map<SubjectKind, SubjectResolver>();
const missing: Record<SubjectKind, string> = {
  report: 'report',
  contribution: 'published map contribution',
  proposal: 'proposal',
  page: 'page',
};

export function registerSubjectKind(kind: SubjectKind, resolver: SubjectResolver): void {
  resolvers.set(kind, resolver);
}

/** Takes a kind away again (tests). */
export function unregisterSubjectKind(kind: SubjectKind): void {
  resolvers.delete(kind);
}

registerSubjectKind('report', async (deps, org, value) => {
  const report = looksLikeReference(value) ? await deps.store.reports.byReference(org.id, normaliseReference(value)) : await deps.store.reports.byId(org.id, value);
  return report ? { kind: 'report', key: `report:${report.id}`, title: `${report.reference} · ${report.category.name}`, url: null } : null;
});

registerSubjectKind('contribution', async (deps, org, value) => {
  const feature = await deps.store.maps.feature(org.id, 'contribution', value);
  if (!feature || feature.status !== 'active') return null;
  return { kind: 'contribution', key: `contribution:${feature.id}`, title: feature.title || 'A map contribution', url: null };
});

registerSubjectKind('page', async (_deps, org, value) => {
  const page = normalisePageUrl(value);
  if (!page) throw new ApiError(400, 'validation_failed', 'There is a problem with subject: give the page’s full address, starting with https://.', { fields: { subject: 'Give the page’s full address, starting with https://.' } });
  if (!org.allowedOrigins.includes(page.origin)) {
    const message = `${org.name} does not hold discussions on pages of ${page.origin}: use a page of one of its own web sites.`;
    throw new ApiError(400, 'validation_failed', `There is a problem with subject: ${message}`, { fields: { subject: message } });
  }
  return { kind: 'page', key: `page:${page.url}`, title: page.url, url: page.url };
});

/** The subject, checked against the organisation: 404 when it has no such thing, 400 for a page it does not hold. */
export async function resolveSubject(deps: Deps, org: OrgRecord, key: string): Promise<ResolvedSubject> {
  const colon = key.indexOf(':');
  const kind = key.slice(0, colon) as SubjectKind;
  const value = key.slice(colon + 1);
  const resolver = resolvers.get(kind);
  if (!resolver) {
    if (kind === 'proposal') throw notFound(`${org.name} has no proposals to discuss yet: proposals come with polls.`);
    throw notFound(`There is nothing called ${key} to discuss.`);
  }
  const subject = await resolver(deps, org, value);
  if (!subject) throw notFound(`${org.name} has no ${missing[kind] ?? kind} ${value.length <= 64 ? `“${value}”` : 'with this address'} to discuss.`);
  return subject;
}

/** The title of a stored subject key, for lists (the moderation queue); the key itself when its thing is gone. */
export async function subjectTitle(deps: Deps, org: OrgRecord, key: string): Promise<string> {
  try {
    return (await resolveSubject(deps, org, key)).title;
  } catch {
    return key.startsWith('page:') ? key.slice('page:'.length) : key;
  }
}
