// Making a report: the checks every way in shares (the /v1 route and Open311), then the store.
import { createHmac } from 'node:crypto';
import type { FieldValues, Point } from '@civic-elements/protocol';
import { bboxContains } from '../domain/geo.js';
import { validateFields } from '../domain/fields.js';
import { referencePrefix } from '../domain/reference.js';
import { firstStep } from '../domain/workflow.js';
import { ApiError } from '../http/errors.js';
import type { Deps } from '../http/env.js';
import { assertNoProblems, under } from '../http/problems.js';
import { ConflictError, type OrgRecord, type PhotoRef, type ReportRecord, type ReportSettingsRecord, type UserRecord } from '../store/types.js';

/** How long an anonymous upload may wait for its report. */
export const ANONYMOUS_PHOTO_TTL_MS = 60 * 60 * 1000;

export interface ReportInput {
  /** A category code. */
  category: string;
  description: string;
  location: Point;
  address: string | null;
  fields: FieldValues;
  /** Media ids from POST /v1/orgs/:org/media. */
  photos: string[];
  clientRequestId?: string | undefined;
}

/** A signed-in reporter, or an anonymous one with an email for updates (and the client's address key, for photos); Open311 may give no email. */
export type Reporter = { user: UserRecord } | { email: string | null; name: string | null; addressHash: string | null };

/**
 * A keyed hash of a client's address: anonymous uploads are tied to it without keeping the address.
 * Keyed with the server's SECRET so that the stored value cannot be reversed by trying addresses.
 */
export function addressKey(deps: Deps, address: string): string {
  return createHmac('sha256', deps.config.secret ?? 'civic-elements').update(`anonymous-upload:${address}`).digest('hex');
}

/** The report a resend (same clientRequestId) refers to, when the same reporter sent it; 409 when someone else did. */
export async function existingResend(deps: Deps, org: OrgRecord, clientRequestId: string | undefined, reporter: Reporter): Promise<ReportRecord | null> {
  if (clientRequestId === undefined) return null;
  const existing = await deps.store.reports.byClientRequestId(org.id, clientRequestId);
  if (!existing) return null;
  const same = 'user' in reporter ? existing.reporterId === reporter.user.id : existing.reporterId === null && existing.reporterEmail === reporter.email && reporter.email !== null;
  if (!same) throw new ApiError(409, 'conflict', 'This clientRequestId belongs to another report. Send a new one for a new report.', { fields: { clientRequestId: 'Use a new random id.' } });
  return existing;
}

/**
 * Checks everything about a new report at once (so a resident hears every problem together) and
 * makes it. 400 `validation_failed` with `fields` keyed `category`, `location`, `fields.<key>`,
 * `photos.<i>`. A resend with a clientRequestId already used answers the first report (`created: false`).
 */
export async function createReport(
  deps: Deps,
  org: OrgRecord,
  settings: ReportSettingsRecord,
  input: ReportInput,
  reporter: Reporter,
): Promise<{ report: ReportRecord; created: boolean }> {
  const { store } = deps;
  const resent = await existingResend(deps, org, input.clientRequestId, reporter);
  if (resent) return { report: resent, created: false };

  const problems: Record<string, string> = {};
  const category = await store.reports.categoryByCode(org.id, input.category);
  if (!category) problems.category = `${org.name} has no category “${input.category}”. Choose one of its categories.`;
  else if (!category.active) problems.category = `“${category.name}” no longer takes new reports. Choose another category.`;

  const [lon, lat] = input.location.coordinates as [number, number];
  if (!bboxContains(org.map.extent, [lon, lat])) {
    problems.location = `This place is outside the area ${org.name} looks after. Choose a place inside it, or report it to the council responsible for that area.`;
  }

  let fields: FieldValues = {};
  if (category) {
    const check = validateFields(category.fields, input.fields);
    Object.assign(problems, under('fields', check.problems));
    fields = check.values;
  }

  let photos: PhotoRef[] = [];
  if (input.photos.length > 0) {
    const uploader =
      'user' in reporter
        ? { userId: reporter.user.id }
        : reporter.addressHash !== null
          ? { addressHash: reporter.addressHash, since: new Date(deps.clock().getTime() - ANONYMOUS_PHOTO_TTL_MS).toISOString() }
          : null;
    const usable = uploader ? await store.reports.attachablePhotos(org.id, input.photos, uploader) : [];
    const found = new Set(usable.map((p) => p.id));
    input.photos.forEach((id, i) => {
      if (input.photos.indexOf(id) !== i) problems[`photos.${i}`] = 'This photo is already attached.';
      else if (!found.has(id)) problems[`photos.${i}`] = 'This photo cannot be attached: upload it again from this device.';
    });
    photos = usable;
  }
  assertNoProblems(problems);

  const step = firstStep(settings.workflow);
  try {
    return await store.reports.create(
      {
        orgId: org.id,
        referencePrefix: referencePrefix(org.slug),
        categoryId: category!.id,
        description: input.description,
        lon,
        lat,
        address: input.address,
        fields,
        photos,
        status: step.key,
        open: step.open311 === 'open',
        department: category!.department?.slug ?? null,
        reporterId: 'user' in reporter ? reporter.user.id : null,
        reporterName: 'user' in reporter ? null : reporter.name,
        reporterEmail: 'user' in reporter ? null : reporter.email,
        clientRequestId: input.clientRequestId ?? null,
      },
      {
        kind: 'created',
        actor: { kind: 'reporter', name: 'Resident', userId: 'user' in reporter ? reporter.user.id : null },
        status: step.key,
        statusLabel: step.label,
      },
      deps.clock(),
    );
  } catch (error) {
    if (error instanceof ConflictError) {
      throw new ApiError(400, 'validation_failed', error.message, { fields: { photos: error.message } });
    }
    throw error;
  }
}
