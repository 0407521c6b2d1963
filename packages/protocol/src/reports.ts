// Reports of local problems (ImproveMyCity's job): report categories with their own questions, each
// organisation's status workflow, reports and their public timeline, officers' updates, webhooks and
// Open311 keys. The wire format `<civic-report-form>`, `<civic-report-list>`, `<civic-inbox>` and the
// API share. (Open311 GeoReport v2 speaks its own format at /open311/v2/, over the same reports.)
import { z } from 'zod';
import { Email, Id, IsoTime, OrgSlug } from './common.js';
import { Point } from './geo.js';
import { ClusterFeature, FieldDefinition, FieldValues, Photo } from './map.js';

// ─── Categories: what a resident can report ─────────────────────────────────────────────────────

/** A category's code: its Open311 `service_code`, stable across renames (`pothole`, `fly-tipping`). */
export const CategoryCode = z
  .string()
  .min(2)
  .max(40)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'A code uses lower-case letters, digits and single hyphens.');

const ReportFields = z
  .array(FieldDefinition)
  .max(20, 'A category asks at most 20 questions.')
  .refine((fields) => new Set(fields.map((f) => f.key)).size === fields.length, 'Each question needs its own key.');

/** `GET /v1/orgs/:org/report-categories` lists them; the form groups them by `group` and searches name, group and keywords. */
export const ReportCategory = z.object({
  id: Id,
  code: CategoryCode,
  name: z.string(),
  /** The heading it is listed under: "Roads and pavements", "Rubbish and recycling". */
  group: z.string(),
  description: z.string(),
  /** Other words residents use for it ("litter", "dumped"), for the form's search. */
  keywords: z.array(z.string()),
  /** The department a new report in this category goes to (a slug of the organisation's departments), if any. */
  department: z.string().nullable(),
  /** The category's own questions, answered in `fields` of a report (same definitions as map categories). */
  fields: z.array(FieldDefinition),
  /** Inactive categories keep their reports but take no new ones. */
  active: z.boolean(),
});
export type ReportCategory = z.infer<typeof ReportCategory>;
export const ReportCategoryList = z.object({ items: z.array(ReportCategory) });
export type ReportCategoryList = z.infer<typeof ReportCategoryList>;

const Text = (max: number, what: string) => z.string().trim().min(1, `Give ${what}.`).max(max, `At most ${max} characters.`);

/** `POST /v1/orgs/:org/report-categories` (admins). */
export const ReportCategoryCreate = z
  .object({
    code: CategoryCode,
    name: Text(120, 'it a name'),
    group: Text(120, 'it a group'),
    description: z.string().trim().max(1000).default(''),
    keywords: z.array(z.string().trim().min(1).max(40)).max(30).default([]),
    department: OrgSlug.nullable().default(null),
    fields: ReportFields.default([]),
    active: z.boolean().default(true),
  })
  .strict();
export type ReportCategoryCreate = z.input<typeof ReportCategoryCreate>;
/** `PATCH /v1/orgs/:org/report-categories/:id` (admins); the code does not change. */
export const ReportCategoryUpdate = ReportCategoryCreate.omit({ code: true }).partial().strict();
export type ReportCategoryUpdate = z.input<typeof ReportCategoryUpdate>;

// ─── The workflow: each organisation's status steps ─────────────────────────────────────────────

/** A status key: `submitted`, `in-progress`. */
export const StatusKey = z
  .string()
  .min(2)
  .max(40)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'A status key uses lower-case letters, digits and single hyphens.');
export type StatusKey = z.infer<typeof StatusKey>;

export const StatusStep = z.object({
  key: StatusKey,
  label: Text(60, 'the step a name'),
  /** What Open311 calls it. */
  open311: z.enum(['open', 'closed']),
  /** A short explanation residents see next to the status ("We have passed it to the team who will fix it"). */
  description: z.string().trim().max(300).default(''),
});
export type StatusStep = z.infer<typeof StatusStep>;

/**
 * An organisation's steps, in the order a report usually moves through them. A new report takes the
 * first step (which is open); a report merged into another takes `duplicateStep` (which is closed).
 * Officers may move a report to any step, forwards or back; every move is kept in its timeline.
 */
export const Workflow = z
  .object({
    steps: z.array(StatusStep).min(2, 'A workflow has at least 2 steps.').max(12, 'A workflow has at most 12 steps.'),
    duplicateStep: StatusKey,
  })
  .superRefine((workflow, ctx) => {
    const keys = workflow.steps.map((s) => s.key);
    if (new Set(keys).size !== keys.length) ctx.addIssue({ code: 'custom', message: 'Each step needs its own key.', path: ['steps'] });
    if (workflow.steps[0] && workflow.steps[0].open311 !== 'open') ctx.addIssue({ code: 'custom', message: 'The first step, which new reports take, is an open one.', path: ['steps', 0, 'open311'] });
    if (!workflow.steps.some((s) => s.open311 === 'closed')) ctx.addIssue({ code: 'custom', message: 'At least one step closes a report.', path: ['steps'] });
    const duplicate = workflow.steps.find((s) => s.key === workflow.duplicateStep);
    if (!duplicate || duplicate.open311 !== 'closed') ctx.addIssue({ code: 'custom', message: 'The duplicate step is one of the closed steps.', path: ['duplicateStep'] });
  });
export type Workflow = z.infer<typeof Workflow>;

/** `GET /v1/orgs/:org/report-settings` (anyone) and `PUT` (admins). */
export const ReportSettings = z.object({
  workflow: Workflow,
  /** Whether someone not signed in may report, giving an email address for updates. */
  anonymousReports: z.boolean(),
  /** How far (metres) the form looks for similar open reports before submitting. */
  nearbyRadius: z.number().int().min(10).max(2000),
});
export type ReportSettings = z.infer<typeof ReportSettings>;

// ─── Reports ─────────────────────────────────────────────────────────────────────────────────────

export const ReportReference = z.string().regex(/^[A-Z]{2,4}-\d{4,9}$/, 'A reference looks like SWK-1042.');

/** Who did something, as the public sees it: a resident stays anonymous, an officer speaks as their department. */
export const Actor = z.object({
  kind: z.enum(['reporter', 'resident', 'officer', 'system']),
  /** The department's name for officers ("Highways"), else the organisation's name or "Resident". */
  name: z.string(),
});
export type Actor = z.infer<typeof Actor>;

export const TimelineKind = z.enum(['created', 'status', 'note', 'category', 'department', 'expected', 'merged', 'photo-removed']);
export type TimelineKind = z.infer<typeof TimelineKind>;

/** One change in a report's life. The public timeline leaves out `internalNote` (officers see it). */
export const TimelineEntry = z.object({
  id: Id,
  at: IsoTime,
  kind: TimelineKind,
  by: Actor,
  /** For `status`: the step moved to, with its label at the time. */
  status: StatusKey.optional(),
  statusLabel: z.string().optional(),
  /** For `category` and `department`: the new name; for `merged`: the reference merged into. */
  to: z.string().optional(),
  /** For `merged` on the report that was kept: the reference of the duplicate merged into it. */
  from: z.string().optional(),
  /** For `expected`: the date the work is expected, or null when it was cleared. */
  expectedOn: z.iso.date().nullable().optional(),
  /** What the public reads. */
  publicNote: z.string().optional(),
  /** Officers only. */
  internalNote: z.string().optional(),
});
export type TimelineEntry = z.infer<typeof TimelineEntry>;

export const Report = z.object({
  id: Id,
  /** What residents quote on the phone and what Open311 calls `service_request_id`. */
  reference: ReportReference,
  org: OrgSlug,
  category: z.object({ id: Id, code: CategoryCode, name: z.string() }),
  description: z.string(),
  location: Point,
  /** The address the resident chose or the nearest one the gazetteer knows, if any. */
  address: z.string().nullable(),
  fields: FieldValues,
  photos: z.array(Photo),
  status: StatusKey,
  statusLabel: z.string(),
  /** Open311's view: false once the report reached a closed step. */
  open: z.boolean(),
  department: z.object({ slug: z.string(), name: z.string() }).nullable(),
  expectedOn: z.iso.date().nullable(),
  supportCount: z.number().int(),
  followerCount: z.number().int(),
  /** When this report was merged into another as a duplicate. */
  mergedInto: z.object({ id: Id, reference: ReportReference }).nullable(),
  createdAt: IsoTime,
  updatedAt: IsoTime,
  /** Metres from `near`, when the list was asked for reports near a place. */
  distance: z.number().optional(),
  /** The signed-in person's relation to it; absent when nobody is signed in. */
  viewer: z.object({ mine: z.boolean(), following: z.boolean(), supported: z.boolean() }).optional(),
  /** Officers of the organisation only: who reported it. */
  reporter: z.object({ name: z.string().nullable(), email: z.string().nullable() }).nullable().optional(),
});
export type Report = z.infer<typeof Report>;

/** `GET /v1/orgs/:org/reports/:idOrReference`: the report with its timeline, oldest first. */
export const ReportDetail = Report.extend({ timeline: z.array(TimelineEntry) });
export type ReportDetail = z.infer<typeof ReportDetail>;

export const ReportPage = z.object({ items: z.array(Report), nextCursor: z.string().nullable(), total: z.number().int().optional() });
export type ReportPage = z.infer<typeof ReportPage>;

/**
 * `POST /v1/orgs/:org/reports`. Signed in, or (where the organisation allows it) anonymous with
 * `email`. `photos` are ids from `POST /v1/orgs/:org/media`. `clientRequestId` makes a resend of
 * the same report (an offline queue retrying) answer with the report already made, not a second one.
 */
export const ReportCreate = z
  .object({
    category: CategoryCode,
    description: z.string().trim().min(10, 'Describe the problem in at least 10 characters.').max(2000, 'At most 2000 characters.'),
    location: Point,
    address: z.string().trim().max(200).nullable().default(null),
    fields: FieldValues.default({}),
    photos: z.array(Id).max(5, 'At most 5 photos.').default([]),
    email: Email.optional(),
    name: z.string().trim().max(120).optional(),
    clientRequestId: z.string().uuid().optional(),
  })
  .strict();
export type ReportCreate = z.input<typeof ReportCreate>;

/** A boolean query value as a URL carries it. */
const QueryBoolean = z.enum(['true', 'false']).transform((v) => v === 'true');
const Csv = (item: z.ZodString) =>
  z
    .string()
    .max(500)
    .transform((v) => v.split(',').filter(Boolean))
    .pipe(z.array(item).max(20));

/**
 * `GET /v1/orgs/:org/reports`: newest first unless `sort` says otherwise. `mine=true` needs a
 * signed-in person; `near=lon,lat` with `radius` (metres) adds `distance` and allows `sort=nearest`;
 * `status`, `category` and `department` take comma-separated lists; `olderThan`/`newerThan` are days
 * since the report was made (the inbox's "age"). Officers see every report of their organisation;
 * officers with departments see only those departments' reports unless `department` asks otherwise.
 */
export const ReportQuery = z.object({
  mine: QueryBoolean.optional(),
  following: QueryBoolean.optional(),
  near: z
    .string()
    .regex(/^-?\d+(\.\d+)?,-?\d+(\.\d+)?$/, 'near is longitude,latitude.')
    .transform((v) => v.split(',').map(Number) as [number, number])
    .optional(),
  radius: z.coerce.number().int().min(10).max(5000).default(500),
  category: Csv(CategoryCode).optional(),
  status: Csv(StatusKey).optional(),
  open: QueryBoolean.optional(),
  department: Csv(z.string().min(1).max(64)).optional(),
  bbox: z.string().max(200).optional(),
  olderThan: z.coerce.number().int().min(0).max(3650).optional(),
  newerThan: z.coerce.number().int().min(0).max(3650).optional(),
  q: z.string().trim().max(100).optional(),
  sort: z.enum(['newest', 'oldest', 'updated', 'nearest', 'supported']).default('newest'),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export type ReportQuery = z.input<typeof ReportQuery>;

/**
 * `POST /v1/orgs/:org/reports/:id/updates` (officers of the report's department, or with no
 * departments; admins): any of these at once, each a timeline entry. A status change or a public
 * note emails the reporter and followers; every change, internal ones included, fires the
 * `report.updated` webhook (the organisation's own systems hear about everything).
 */
export const ReportUpdate = z
  .object({
    status: StatusKey.optional(),
    publicNote: z.string().trim().min(1).max(2000).optional(),
    internalNote: z.string().trim().min(1).max(2000).optional(),
    category: CategoryCode.optional(),
    department: z.string().min(1).max(64).nullable().optional(),
    expectedOn: z.iso.date().nullable().optional(),
  })
  .strict()
  .refine((u) => Object.values(u).some((v) => v !== undefined), 'Change at least one thing.');
export type ReportUpdate = z.input<typeof ReportUpdate>;

/** `POST /v1/orgs/:org/reports/bulk` (officers): the same update to up to 100 reports; each succeeds or fails alone. */
export const ReportBulkUpdate = z
  .object({ ids: z.array(Id).min(1).max(100, 'At most 100 reports at once.'), update: ReportUpdate })
  .strict();
export type ReportBulkUpdate = z.input<typeof ReportBulkUpdate>;
export const ReportBulkResult = z.object({
  updated: z.array(Id),
  failed: z.array(z.object({ id: Id, code: z.string(), message: z.string() })),
});
export type ReportBulkResult = z.infer<typeof ReportBulkResult>;

/**
 * `POST /v1/orgs/:org/reports/:id/merge` (officers): this report is a duplicate of `into`. It takes the
 * workflow's duplicate step, its followers and supporters move to `into`, and both timelines say so.
 */
export const ReportMerge = z.object({ into: Id, publicNote: z.string().trim().max(2000).optional() }).strict();
export type ReportMerge = z.infer<typeof ReportMerge>;

/** `DELETE /v1/orgs/:org/reports/:id/photos/:photoId` (officers) removes an inappropriate photo; `?reason=` goes in the internal note. */

/** `PUT` / `DELETE /v1/orgs/:org/reports/:id/follow` and `…/support` (signed in) answer with the new counts. Supporting also follows. */
export const ReportRelation = z.object({ following: z.boolean(), supported: z.boolean(), followerCount: z.number().int(), supportCount: z.number().int() });
export type ReportRelation = z.infer<typeof ReportRelation>;

/** The reports map layer (`GET /v1/orgs/:org/report-features?bbox=&zoom=`, a LayerFeatureCollection listed by `/layers` with kind `reports`): a feature's properties. Open reports only unless `open=false`; merged duplicates never. */
export const ReportFeatureProperties = z.object({
  layer: z.literal('reports'),
  title: z.string(),
  reference: ReportReference,
  category: CategoryCode,
  status: StatusKey,
  statusLabel: z.string(),
  open: z.boolean(),
  createdAt: IsoTime,
});
export type ReportFeatureProperties = z.infer<typeof ReportFeatureProperties>;
/** One report on the map: `id` is the report's id; clusters of reports come as `ClusterFeature`s. */
export const ReportFeature = z.object({ type: z.literal('Feature'), id: Id, geometry: Point, properties: ReportFeatureProperties });
export type ReportFeature = z.infer<typeof ReportFeature>;
/** What `GET /v1/orgs/:org/report-features` answers: a LayerFeatureCollection of reports and clusters of them. */
export const ReportFeatureCollection = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(z.union([ClusterFeature, ReportFeature])),
  clustered: z.boolean(),
  total: z.number().int(),
});
export type ReportFeatureCollection = z.infer<typeof ReportFeatureCollection>;

// ─── Webhooks and Open311 keys ───────────────────────────────────────────────────────────────────

export const WebhookEvent = z.enum(['report.created', 'report.updated']);
export type WebhookEvent = z.infer<typeof WebhookEvent>;

/**
 * An organisation's webhook (admins manage them at `/v1/orgs/:org/webhooks`). Each delivery is a POST
 * of `{ id, event, createdAt, report: ReportDetail }` with `X-Civic-Event`, `X-Civic-Delivery` and
 * `X-Civic-Signature: sha256=<hex HMAC-SHA256 of the raw body with the secret>`, and for receivers that
 * refuse replays `X-Civic-Timestamp` (Unix seconds) with `X-Civic-Timestamp-Signature: sha256=<hex HMAC
 * of "<timestamp>.<raw body>">` (docs/webhooks.md); a failure (not 2xx, or no answer in 10 s) is
 * retried with back-off. The secret is shown once, when the webhook is made.
 */
export const Webhook = z.object({
  id: Id,
  url: z.string(),
  events: z.array(WebhookEvent),
  active: z.boolean(),
  createdAt: IsoTime,
  /** Only in the answer to the POST that made it. */
  secret: z.string().optional(),
});
export type Webhook = z.infer<typeof Webhook>;
export const WebhookCreate = z
  .object({
    url: z.string().max(500).refine((v) => /^https?:\/\//.test(v) && URL.canParse(v), 'Use a web address starting with https:// (or http:// for a test server).'),
    events: z.array(WebhookEvent).min(1).default(['report.created', 'report.updated']),
  })
  .strict();
export type WebhookCreate = z.input<typeof WebhookCreate>;

/** `GET /v1/orgs/:org/webhooks/:id/deliveries`: the delivery log, newest first. */
export const WebhookDelivery = z.object({
  id: Id,
  event: WebhookEvent,
  reportId: Id,
  status: z.enum(['pending', 'delivered', 'failed']),
  attempts: z.number().int(),
  /** HTTP status of the last attempt, or null when it got no answer. */
  lastStatus: z.number().int().nullable(),
  lastError: z.string().nullable(),
  nextAttemptAt: IsoTime.nullable(),
  createdAt: IsoTime,
  deliveredAt: IsoTime.nullable(),
});
export type WebhookDelivery = z.infer<typeof WebhookDelivery>;
/** `GET /v1/orgs/:org/webhooks`: oldest first, without secrets. */
export const WebhookList = z.object({ items: z.array(Webhook) });
export type WebhookList = z.infer<typeof WebhookList>;
/** `POST /v1/orgs/:org/webhooks/:id/ping`: a signed `ping` sent at once (not queued, not retried), and what the receiver answered. */
export const WebhookPingResult = z.object({ delivered: z.boolean(), status: z.number().int().nullable(), error: z.string().nullable() });
export type WebhookPingResult = z.infer<typeof WebhookPingResult>;

/** `POST /v1/orgs/:org/open311-keys` (admins): an Open311 `api_key` for one application, shown once; stored as a hash. */
export const Open311KeyCreate = z.object({ application: Text(120, 'the application a name') }).strict();
export const Open311Key = z.object({ id: Id, application: z.string(), createdAt: IsoTime, revokedAt: IsoTime.nullable(), key: z.string().optional() });
export type Open311Key = z.infer<typeof Open311Key>;
/** `GET /v1/orgs/:org/open311-keys` (admins): every key given out, oldest first, revoked ones included; never the keys themselves. */
export const Open311KeyList = z.object({ items: z.array(Open311Key) });
export type Open311KeyList = z.infer<typeof Open311KeyList>;
