// The persistence interfaces the routes use. Async, so that another database can sit beside SQLite.
import type { CommentFlagReason, CommentStatus, DebateSettings, Locale, MapSettings, ModerationLogEntry, ModerationQueueState, Role, Stance, Theme, Workflow } from '@civic-elements/protocol';
import type { BBox, ContributePolicy, ContributionStatus, FieldDefinition, FieldValues, FlagReason, Geometry, MapSymbol, ModerationPolicy, Polygon } from '@civic-elements/protocol';
import type { AdmissionQuorum, ConsultationPhase, PollEligibility, PollKind, PollStatus, ResultsVisibility, ProposalStatus, SuggestionDegree } from '@civic-elements/protocol';

export interface OrgRecord {
  id: string;
  slug: string;
  name: string;
  defaultLocale: Locale;
  theme: Theme;
  map: MapSettings;
  allowedOrigins: string[];
  passwordSignIn: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface NewOrg {
  slug: string;
  name: string;
  defaultLocale?: Locale;
  theme?: Theme;
  map: MapSettings;
  allowedOrigins?: string[];
  passwordSignIn?: boolean;
}

export type OrgChanges = Partial<Pick<OrgRecord, 'name' | 'defaultLocale' | 'theme' | 'map' | 'allowedOrigins' | 'passwordSignIn'>>;

export interface DepartmentRecord {
  id: string;
  orgId: string;
  slug: string;
  name: string;
}

export interface UserRecord {
  id: string;
  email: string;
  name: string;
  locale: Locale;
  emailVerified: boolean;
  passwordHash: string | null;
  createdAt: string;
}

export interface MembershipRecord {
  orgId: string;
  orgSlug: string;
  userId: string;
  role: Role;
  /** Department slugs, for officers. */
  departments: string[];
  joinedAt: string;
}

export interface MemberRow extends MembershipRecord {
  email: string;
  name: string;
}

export interface CodeRecord {
  id: string;
  userId: string;
  orgId: string;
  codeHash: string;
  triesLeft: number;
  expiresAt: string;
  createdAt: string;
}

export interface SessionRecord {
  id: string;
  userId: string;
  /** The organisation the session was opened through. */
  orgId: string;
  createdAt: string;
  revokedAt: string | null;
}

export interface TokenRecord {
  hash: string;
  sessionId: string;
  expiresAt: string;
  /** Refresh tokens only: when it was exchanged for a new pair. */
  spentAt: string | null;
}

export interface NewTokens {
  accessHash: string;
  accessExpiresAt: string;
  refreshHash: string;
  refreshExpiresAt: string;
}

/** Thrown by a store when a unique key is already taken. */
export class ConflictError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConflictError';
  }
}

export interface OrgStore {
  create(org: NewOrg, now: Date): Promise<OrgRecord>;
  bySlug(slug: string): Promise<OrgRecord | null>;
  byId(id: string): Promise<OrgRecord | null>;
  update(id: string, changes: OrgChanges, now: Date): Promise<OrgRecord>;
  count(): Promise<number>;
  /** Every origin some organisation allows. */
  allAllowedOrigins(): Promise<string[]>;
  departments(orgId: string): Promise<DepartmentRecord[]>;
  /** Throws ConflictError when the slug is taken in this organisation. */
  addDepartment(orgId: string, department: { slug: string; name: string }): Promise<DepartmentRecord>;
  /** False when there was no such department. */
  removeDepartment(orgId: string, slug: string): Promise<boolean>;
}

export interface UserStore {
  /** Throws ConflictError when the email is taken. */
  create(user: { email: string; name: string; locale: Locale; passwordHash?: string | null }, now: Date): Promise<UserRecord>;
  byEmail(email: string): Promise<UserRecord | null>;
  byId(id: string): Promise<UserRecord | null>;
  update(id: string, changes: Partial<Pick<UserRecord, 'name' | 'locale' | 'emailVerified' | 'passwordHash'>>): Promise<UserRecord>;
}

export interface MembershipStore {
  get(orgId: string, userId: string): Promise<MembershipRecord | null>;
  forUser(userId: string): Promise<MembershipRecord[]>;
  /** Makes the person a resident of the organisation unless they already belong to it. */
  ensure(orgId: string, userId: string, now: Date): Promise<MembershipRecord>;
  /** Creates or replaces the membership; department slugs must exist in the organisation. */
  set(orgId: string, userId: string, role: Role, departments: string[], now: Date): Promise<MembershipRecord>;
  countWithRole(orgId: string, role: Role): Promise<number>;
  /** Oldest members first; `after` is the cursor a previous page returned. */
  list(orgId: string, page: { after: { joinedAt: string; userId: string } | null; limit: number }): Promise<MemberRow[]>;
}

export interface CodeStore {
  /** Stores a new code for the person, replacing any older one. */
  replace(code: Omit<CodeRecord, 'id'>): Promise<CodeRecord>;
  forUser(userId: string): Promise<CodeRecord | null>;
  /** Records a wrong try; returns the tries left. */
  useTry(id: string): Promise<number>;
  remove(id: string): Promise<void>;
}

export interface SessionStore {
  create(session: { userId: string; orgId: string }, tokens: NewTokens, now: Date): Promise<SessionRecord>;
  byId(id: string): Promise<SessionRecord | null>;
  accessToken(hash: string): Promise<TokenRecord | null>;
  refreshToken(hash: string): Promise<TokenRecord | null>;
  /**
   * Spends the refresh token and stores the new pair, atomically. False when the token was
   * spent meanwhile (a concurrent refresh), in which case nothing is stored.
   */
  rotate(sessionId: string, spentRefreshHash: string, tokens: NewTokens, now: Date): Promise<boolean>;
  revoke(sessionId: string, now: Date): Promise<void>;
}

// ─── Maps: projects, categories, contributions, places, events ───────────────────────────────

export interface CategoryRecord {
  id: string;
  projectId: string;
  position: number;
  name: string;
  colour: string;
  symbol: MapSymbol;
  fields: FieldDefinition[];
  /** Taken off the project but kept, because contributions use it. */
  archived: boolean;
}

export interface ProjectRecord {
  id: string;
  orgId: string;
  title: string;
  description: string;
  area: Polygon;
  bbox: BBox;
  contribute: ContributePolicy;
  moderation: ModerationPolicy;
  status: 'active' | 'archived';
  /** Every category, archived ones included, in order. */
  categories: CategoryRecord[];
  createdAt: string;
  updatedAt: string;
}

/** A category as an officer sends it: with the id of an existing one to keep (and change) it. */
export interface CategorySpec {
  id?: string;
  name: string;
  colour: string;
  symbol: MapSymbol;
  fields: FieldDefinition[];
}

export interface NewProject {
  title: string;
  description: string;
  area: Polygon;
  contribute: ContributePolicy;
  moderation: ModerationPolicy;
  categories: CategorySpec[];
}

export type ProjectChanges = Partial<Omit<NewProject, 'categories'> & { status: 'active' | 'archived'; categories: CategorySpec[] }>;

export type FeatureKind = 'contribution' | 'place' | 'event';

/** A photo a feature shows, as stored with it (the media row's size at the time it was attached). */
export interface PhotoRef {
  id: string;
  width: number;
  height: number;
}

export interface FeatureRecord {
  /** The spatial index's key. */
  rowid: number;
  id: string;
  kind: FeatureKind;
  orgId: string;
  projectId: string | null;
  categoryId: string | null;
  status: ContributionStatus;
  geometry: Geometry;
  /** Representative point (the point itself, or near the middle of a line or polygon). */
  lon: number;
  lat: number;
  title: string;
  description: string;
  organiser: string;
  url: string | null;
  start: string | null;
  end: string | null;
  fields: FieldValues;
  photos: PhotoRef[];
  authorId: string | null;
  authorName: string | null;
  /** Flags not yet resolved by a moderator. */
  openFlags: number;
  createdAt: string;
  updatedAt: string;
}

export interface NewFeature {
  kind: FeatureKind;
  orgId: string;
  projectId: string | null;
  categoryId: string | null;
  status: ContributionStatus;
  geometry: Geometry;
  title?: string;
  description?: string;
  organiser?: string;
  url?: string | null;
  start?: string | null;
  end?: string | null;
  fields?: FieldValues;
  photos?: PhotoRef[];
  authorId: string | null;
}

export type FeatureChanges = Partial<
  Pick<NewFeature, 'categoryId' | 'geometry' | 'title' | 'description' | 'organiser' | 'url' | 'start' | 'end' | 'fields' | 'photos' | 'projectId' | 'status'>
>;

export interface FlagRecord {
  userId: string;
  reason: FlagReason;
  note: string | null;
  createdAt: string;
  resolvedAt: string | null;
}

export interface ModerationEntry {
  userId: string | null;
  action: 'approve' | 'reject' | 'restore' | 'delete' | 'flagged' | 'edited';
  note?: string | null;
}

export interface ViewportCluster {
  key: string;
  lon: number;
  lat: number;
  count: number;
  bbox: BBox;
  expansionZoom: number;
}

/** What one map viewport gets: features one by one, and clusters where they would be too many. */
export interface ViewportResult {
  total: number;
  clustered: boolean;
  features: FeatureRecord[];
  clusters: ViewportCluster[];
}

export interface FeaturePage {
  after: { createdAt: string; id: string } | null;
  limit: number;
}

export interface MapStore {
  createProject(orgId: string, project: NewProject, now: Date): Promise<ProjectRecord>;
  project(orgId: string, id: string): Promise<ProjectRecord | null>;
  /** Oldest first, with the given statuses. */
  projects(orgId: string, statuses: readonly ('active' | 'archived')[], page: FeaturePage): Promise<ProjectRecord[]>;
  /**
   * Changes a project. `categories` replaces the list: a category left out is deleted, or archived
   * when contributions use it. Throws ConflictError for a category id the project does not have.
   */
  updateProject(orgId: string, id: string, changes: ProjectChanges, now: Date): Promise<ProjectRecord>;
  /** Deletes a project that has no contributions (ConflictError otherwise); false when there was none. */
  deleteProject(orgId: string, id: string): Promise<boolean>;
  /** Active contributions per project. */
  contributionCounts(orgId: string, projectIds: readonly string[]): Promise<Map<string, number>>;
  projectMembers(orgId: string, projectId: string): Promise<string[]>;
  setProjectMembers(orgId: string, projectId: string, emails: readonly string[]): Promise<string[]>;
  isProjectMember(orgId: string, projectId: string, email: string): Promise<boolean>;

  createFeature(feature: NewFeature, now: Date, log?: ModerationEntry): Promise<FeatureRecord>;
  feature(orgId: string, kind: FeatureKind, id: string): Promise<FeatureRecord | null>;
  /** Changes a feature (and its place in the spatial index); logs `log` when given. */
  updateFeature(orgId: string, rowid: number, changes: FeatureChanges, now: Date, log?: ModerationEntry): Promise<FeatureRecord>;
  /** Removes a place or event for good. */
  removeFeature(orgId: string, rowid: number): Promise<void>;
  /**
   * Features or clusters of the layers in the box. `layers` are spatial layer keys
   * (`c:project:category:status`, `p:org`, `e:org`); rows of other organisations are never returned.
   */
  viewport(orgId: string, q: { layers: string[]; bbox: BBox; zoom: number; limit: number }): Promise<ViewportResult>;
  /** Events in the box that overlap [from, to), clustered beyond `limit`. */
  eventsViewport(orgId: string, q: { bbox: BBox; zoom: number; limit: number; from: string | null; to: string | null }): Promise<ViewportResult>;
  /** A person's own contributions of a project with the given statuses in the box (what only they and moderators see). */
  ownContributions(orgId: string, projectId: string, userId: string, statuses: readonly ContributionStatus[], bbox: BBox): Promise<FeatureRecord[]>;
  /** Contributions of a project with the given statuses, oldest first. */
  contributions(orgId: string, projectId: string, statuses: readonly ContributionStatus[], page: FeaturePage): Promise<FeatureRecord[]>;
  /** Events of the organisation (of one project when given) ending after `endsAfter`, by start. */
  events(orgId: string, options: { projectId?: string; endsAfter?: string; limit: number }): Promise<FeatureRecord[]>;
  /**
   * Records one person's flag; when the open flags reach `threshold` and the feature is active, it
   * moves to `review`. Throws ConflictError when this person already flagged it.
   */
  flag(orgId: string, rowid: number, flag: { userId: string; reason: FlagReason; note: string | null }, threshold: number, now: Date): Promise<FeatureRecord>;
  flags(orgId: string, rowid: number): Promise<FlagRecord[]>;
  /** Sets a contribution's status, resolving its open flags, and logs the decision. */
  moderate(orgId: string, rowid: number, status: ContributionStatus, entry: ModerationEntry, now: Date): Promise<FeatureRecord>;
  moderationLog(orgId: string, rowid: number): Promise<(ModerationEntry & { fromStatus: string; toStatus: string; createdAt: string })[]>;
  /**
   * The stored photos among `ids` that belong to the organisation, in the order asked.
   * Ids that are not (yet) media of this organisation are left out.
   */
  photosOf(orgId: string, ids: readonly string[]): Promise<PhotoRef[]>;
}

// ─── Media (photos) and the gazetteer (address search) ──────────────────────────────────────────

export type MediaMime = 'image/jpeg' | 'image/png' | 'image/webp';

/** One uploaded photo; its files are named by `sha256` under DATA_DIR/media. */
export interface MediaRecord {
  id: string;
  orgId: string;
  uploaderId: string | null;
  /** sha256 (hex) of the uploaded bytes. */
  sha256: string;
  /** What the bytes were (the stored variants are all JPEG). */
  mime: MediaMime;
  /** Of the stored original, after turning it upright. */
  width: number;
  height: number;
  /** Size of the upload. */
  bytes: number;
  createdAt: string;
}

export type NewMedia = Omit<MediaRecord, 'id' | 'createdAt'>;

export interface MediaStore {
  create(media: NewMedia, now: Date): Promise<MediaRecord>;
  /** The photo when it belongs to the organisation; null otherwise (so one organisation cannot use another's). */
  byId(orgId: string, id: string): Promise<MediaRecord | null>;
  /** Any organisation's photo, for serving its files (the random id is the capability). */
  find(id: string): Promise<MediaRecord | null>;
}

export type GazetteerKind = 'street' | 'place' | 'postcode' | 'area';

/** A street, place, postcode or area with its point and (when known) its box. */
export interface GazetteerEntry {
  label: string;
  kind: GazetteerKind;
  lon: number;
  lat: number;
  bbox?: BBox | null;
  /** Other names it is known by (searched, not shown). */
  aliases?: string[];
}

export interface GazetteerStore {
  /**
   * Makes the entries tagged `area` exactly `entries`: new ones added, changed ones updated, ones no
   * longer listed removed. Idempotent; returns how many rows changed.
   */
  replaceArea(area: string, entries: readonly GazetteerEntry[]): Promise<number>;
  /**
   * Entries whose words start with the words of `q` (diacritics folded), best first: those inside
   * `bbox` (when given) before the rest, then labels starting with the query, then FTS rank.
   */
  search(q: string, options: { bbox?: BBox | null; limit: number }): Promise<GazetteerEntry[]>;
  count(area?: string): Promise<number>;
}

// ─── Webhooks: organisations' subscriptions to report events, and their delivery log ─────────────

export type WebhookEventName = 'report.created' | 'report.updated';
export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

export interface WebhookRecord {
  id: string;
  orgId: string;
  url: string;
  events: WebhookEventName[];
  /** The signing secret, encrypted (api/src/webhooks/secret-box.ts); never the secret itself. */
  sealedSecret: string;
  active: boolean;
  createdAt: string;
}

export interface DeliveryRecord {
  id: string;
  /** Its place in the order deliveries were made (several can be made in the same millisecond). */
  seq: number;
  webhookId: string;
  orgId: string;
  event: WebhookEventName;
  reportId: string;
  /** The exact body every attempt sends and signs. */
  payload: string;
  status: DeliveryStatus;
  attempts: number;
  maxAttempts: number;
  nextAttemptAt: string | null;
  lastStatus: number | null;
  lastError: string | null;
  createdAt: string;
  deliveredAt: string | null;
}

/** A delivery a worker holds the claim on, with what it needs to send it. */
export interface ClaimedDelivery extends DeliveryRecord {
  claim: string;
  url: string;
  sealedSecret: string;
}

/** What one attempt came to: sent, to be tried again at `nextAttemptAt`, or given up. */
export interface DeliveryOutcome {
  status: DeliveryStatus;
  lastStatus: number | null;
  lastError: string | null;
  nextAttemptAt: string | null;
  deliveredAt: string | null;
}

export interface WebhooksStore {
  /** `id` is chosen by the caller because the sealed secret is bound to it. */
  create(orgId: string, hook: { id: string; url: string; events: WebhookEventName[]; sealedSecret: string }, now: Date): Promise<WebhookRecord>;
  /** Oldest first. */
  list(orgId: string): Promise<WebhookRecord[]>;
  count(orgId: string): Promise<number>;
  byId(orgId: string, id: string): Promise<WebhookRecord | null>;
  /** Deletes the webhook and its log; false when the organisation has no such webhook. */
  remove(orgId: string, id: string): Promise<boolean>;
  /**
   * One pending delivery, due now, for every active webhook of the organisation that subscribes to
   * `event` (never another organisation's); `payload` makes each body from its delivery id.
   */
  enqueue(
    orgId: string,
    event: WebhookEventName,
    reportId: string,
    payload: (deliveryId: string, createdAt: string) => string,
    maxAttempts: number,
    now: Date,
  ): Promise<DeliveryRecord[]>;
  /**
   * Claims up to `limit` due deliveries in one transaction: counts the attempt, moves
   * next_attempt_at to `leaseUntil` and hands each a fresh claim. Deliveries already out of
   * attempts (a worker stopped during the last one) are marked failed instead.
   */
  claimDue(now: Date, leaseUntil: Date, limit: number): Promise<ClaimedDelivery[]>;
  /** Records the outcome of an attempt; false (and nothing written) when the claim was lost meanwhile. */
  finish(id: string, claim: string, outcome: DeliveryOutcome): Promise<boolean>;
  /** A webhook's deliveries, newest first; `after` is the cursor a previous page returned. */
  deliveries(orgId: string, webhookId: string, page: { after: { createdAt: string; seq: number } | null; limit: number }): Promise<DeliveryRecord[]>;
  delivery(orgId: string, webhookId: string, id: string): Promise<DeliveryRecord | null>;
  /** Gives a failed delivery one more attempt, due now; null when there is no failed delivery with this id. */
  retry(orgId: string, webhookId: string, id: string, now: Date): Promise<DeliveryRecord | null>;
  /** The earliest next_attempt_at of a pending delivery, if any. */
  nextDue(): Promise<string | null>;
  /** Deletes delivered and failed deliveries made before `before`; returns how many. */
  prune(before: Date): Promise<number>;
}

// ─── Open311 GeoReport v2: api_keys and what each Open311 request carried ───────────────────────

export interface Open311KeyRecord {
  id: string;
  orgId: string;
  /** The application it was given to ("FixMyStreet", "Back office connector"). */
  application: string;
  createdAt: string;
  revokedAt: string | null;
}

export interface Open311Store {
  /** `keyHash` is the SHA-256 (hex) of the key; the key itself is never stored. */
  createKey(orgId: string, key: { application: string; keyHash: string; createdBy: string | null }, now: Date): Promise<Open311KeyRecord>;
  /** Oldest first, revoked ones included. */
  keys(orgId: string): Promise<Open311KeyRecord[]>;
  /** Any organisation's key with this hash (the caller checks it belongs to the jurisdiction asked for). */
  keyByHash(hash: string): Promise<Open311KeyRecord | null>;
  /** Revokes the key unless it already was (its first revocation time stays); null when the organisation has no such key. */
  revokeKey(orgId: string, id: string, now: Date): Promise<Open311KeyRecord | null>;
  /** Up to `limit` organisation slugs, oldest first: with one organisation, jurisdiction_id may be left out. */
  jurisdictions(limit: number): Promise<string[]>;
  /** When a report category last changed (or was made), anywhere; null when there is none yet. */
  changeset(): Promise<string | null>;
  /** Records what an Open311 client sent with the report it made. */
  recordRequest(request: Open311RequestRecord, now: Date): Promise<void>;
  /** The reference of the report an Open311 token stands for, in this organisation only. */
  referenceOfToken(orgId: string, token: string): Promise<string | null>;
  /**
   * For each report (by rowid) of the organisation: its latest public note, whether it was merged
   * into another after that note (or with no note at all), and the media_url it was posted with.
   */
  requestExtras(orgId: string, reportRowids: readonly number[]): Promise<Map<number, { latestPublicNote: string | null; mergedAfterNote: boolean; mediaUrl: string | null }>>;
}

export interface Open311RequestRecord {
  reportRowid: number;
  orgId: string;
  keyId: string;
  token: string;
  accountId: string | null;
  mediaUrl: string | null;
}

// ─── Reports: categories, settings (the workflow), reports, photos, timeline, followers, supporters ─

export interface ReportCategoryRecord {
  id: string;
  orgId: string;
  code: string;
  name: string;
  group: string;
  description: string;
  keywords: string[];
  /** The department new reports go to, if any (its slug and name). */
  department: { slug: string; name: string } | null;
  fields: FieldDefinition[];
  active: boolean;
  position: number;
  createdAt: string;
  updatedAt: string;
}

export interface NewReportCategory {
  code: string;
  name: string;
  group: string;
  description: string;
  keywords: string[];
  /** A department slug of the organisation (the store refuses others with ConflictError). */
  department: string | null;
  fields: FieldDefinition[];
  active: boolean;
}

export type ReportCategoryChanges = Partial<Omit<NewReportCategory, 'code'>>;

export interface ReportSettingsRecord {
  workflow: Workflow;
  anonymousReports: boolean;
  nearbyRadius: number;
}

export interface ReportPhotoRef extends PhotoRef {
  removedAt: string | null;
}

export interface ReportRecord {
  /** The spatial index's key (filed as -rowid). */
  rowid: number;
  id: string;
  orgId: string;
  number: number;
  reference: string;
  category: { id: string; code: string; name: string };
  description: string;
  lon: number;
  lat: number;
  address: string | null;
  fields: FieldValues;
  /** In the order attached, removed ones included (with removedAt). */
  photos: ReportPhotoRef[];
  status: string;
  open: boolean;
  department: { slug: string; name: string } | null;
  expectedOn: string | null;
  mergedInto: { id: string; reference: string } | null;
  /** Signed-in reporter; else null with the anonymous reporter's name and email. */
  reporterId: string | null;
  /** The reporter's name and email (the account's when signed in). */
  reporterName: string | null;
  reporterEmail: string | null;
  reporterLocale: Locale | null;
  clientRequestId: string | null;
  followerCount: number;
  supportCount: number;
  createdAt: string;
  updatedAt: string;
}

export type ActorKind = 'reporter' | 'resident' | 'officer' | 'system';

export interface NewTimelineEntry {
  kind: 'created' | 'status' | 'note' | 'category' | 'department' | 'expected' | 'merged' | 'photo-removed';
  actor: { kind: ActorKind; name: string; userId: string | null };
  status?: string;
  statusLabel?: string;
  to?: string;
  from?: string;
  /** For `expected`: the date, or null when it was cleared. */
  expectedOn?: string | null;
  publicNote?: string;
  internalNote?: string;
}

export interface TimelineRecord extends NewTimelineEntry {
  id: string;
  at: string;
}

export interface NewReport {
  orgId: string;
  /** Letters of the reference ("SWK"); the store gives the number. */
  referencePrefix: string;
  categoryId: string;
  description: string;
  lon: number;
  lat: number;
  address: string | null;
  fields: FieldValues;
  /** Media ids, already checked as attachable by this reporter (see attachablePhotos). */
  photos: PhotoRef[];
  status: string;
  open: boolean;
  /** Department slug, if any. */
  department: string | null;
  reporterId: string | null;
  reporterName: string | null;
  reporterEmail: string | null;
  clientRequestId: string | null;
}

/** What an officer's update changes on the report itself (the timeline entries come with it). */
export interface ReportChanges {
  status?: { key: string; open: boolean };
  categoryId?: string;
  /** A department slug, or null for none. */
  department?: string | null;
  expectedOn?: string | null;
}

export type ReportSort = 'newest' | 'oldest' | 'updated' | 'nearest' | 'supported';

export interface ReportListQuery {
  /** Only this reporter's reports. */
  reporterId?: string;
  /** Only reports this person follows. */
  followerId?: string;
  categoryIds?: readonly string[];
  statuses?: readonly string[];
  open?: boolean;
  /** Department slugs; `null` in the list means "no department". */
  departments?: readonly (string | null)[];
  bbox?: BBox;
  /** Within `radius` metres of `near`; adds the distance to each row. */
  near?: { point: [number, number]; radius: number };
  createdBefore?: string;
  createdAfter?: string;
  /** Words to find in the reference, description or address. */
  q?: string;
  /** References to keep (Open311's service_request_id). */
  references?: readonly string[];
  /** Merged duplicates are left out unless true. */
  includeMerged?: boolean;
  sort: ReportSort;
  /** The cursor of the previous page: the last row's sort value and id. */
  after?: { value: string | number; id: string } | null;
  limit: number;
}

export interface ReportListRow extends ReportRecord {
  /** Metres from `near`, when asked. */
  distance?: number;
}

export interface ReportViewport {
  total: number;
  clustered: boolean;
  reports: ReportRecord[];
  clusters: ViewportCluster[];
}

export interface ReportsStore {
  /** In the organisation's order; inactive ones too unless `activeOnly`. */
  categories(orgId: string, options?: { activeOnly?: boolean }): Promise<ReportCategoryRecord[]>;
  category(orgId: string, id: string): Promise<ReportCategoryRecord | null>;
  categoryByCode(orgId: string, code: string): Promise<ReportCategoryRecord | null>;
  /** Throws ConflictError when the code is taken or the department is not the organisation's. */
  createCategory(orgId: string, category: NewReportCategory, now: Date): Promise<ReportCategoryRecord>;
  /** Null when the organisation has no such category; ConflictError for an unknown department. */
  updateCategory(orgId: string, id: string, changes: ReportCategoryChanges, now: Date): Promise<ReportCategoryRecord | null>;

  /** The organisation's settings, or null while it uses the defaults. */
  settings(orgId: string): Promise<ReportSettingsRecord | null>;
  /** Saves the settings and brings every report's open/closed side in step with the new workflow. */
  saveSettings(orgId: string, settings: ReportSettingsRecord, now: Date): Promise<ReportSettingsRecord>;
  /** How many reports are at each step (for checking a workflow change). */
  statusCounts(orgId: string): Promise<Map<string, number>>;

  /**
   * Makes the report with its `created` entry, its reporter as first follower (when signed in) and
   * its photos, in one transaction. With a clientRequestId already used in the organisation, makes
   * nothing and answers the report made then (`created: false`). Throws ConflictError when one of
   * the photos was claimed by another report meanwhile.
   */
  create(report: NewReport, entry: NewTimelineEntry, now: Date): Promise<{ report: ReportRecord; created: boolean }>;
  byId(orgId: string, id: string): Promise<ReportRecord | null>;
  byReference(orgId: string, reference: string): Promise<ReportRecord | null>;
  byClientRequestId(orgId: string, clientRequestId: string): Promise<ReportRecord | null>;
  list(orgId: string, query: ReportListQuery): Promise<ReportListRow[]>;
  count(orgId: string, query: Omit<ReportListQuery, 'sort' | 'after' | 'limit'>): Promise<number>;
  timeline(orgId: string, rowid: number): Promise<TimelineRecord[]>;
  /** Applies the changes and appends the entries (oldest first), in one transaction. */
  update(orgId: string, rowid: number, changes: ReportChanges, entries: readonly NewTimelineEntry[], now: Date): Promise<ReportRecord>;
  /**
   * Makes `rowid` a duplicate of `intoRowid`: at `status` (closed), merged_into set, its followers and
   * supporters moved over, an entry appended to each. Both reports belong to `orgId`.
   */
  merge(orgId: string, rowid: number, intoRowid: number, status: string, entries: { duplicate: NewTimelineEntry; kept: NewTimelineEntry }, now: Date): Promise<{ duplicate: ReportRecord; kept: ReportRecord }>;
  /** Marks the photo removed and appends the entry; null when the report has no such photo still shown. */
  removePhoto(orgId: string, rowid: number, mediaId: string, entry: NewTimelineEntry, now: Date): Promise<ReportRecord | null>;

  /** Follows (`on`) or stops; supporting also follows. Answers the report's relation for this person. */
  setFollowing(orgId: string, rowid: number, userId: string, on: boolean, now: Date): Promise<ReportRelationRecord>;
  setSupporting(orgId: string, rowid: number, userId: string, on: boolean, now: Date): Promise<ReportRelationRecord>;
  /** The person's relation to each of the reports (by rowid). */
  relations(userId: string, rowids: readonly number[]): Promise<Map<number, { following: boolean; supported: boolean }>>;
  /** The people following the report, with what an email needs. */
  followers(rowid: number): Promise<{ userId: string; email: string; name: string; locale: Locale }[]>;

  /**
   * The photos among `ids` this uploader may attach to a new report, in the order asked: media of the
   * organisation not yet on any report, uploaded by `userId`, or (anonymous) recorded for
   * `addressHash` after `since`. Others are left out.
   */
  attachablePhotos(orgId: string, ids: readonly string[], uploader: { userId: string } | { addressHash: string; since: string }): Promise<PhotoRef[]>;
  /** Whether an officer removed this photo from its report (it is then no longer served). */
  photoRemoved(mediaId: string): Promise<boolean>;
  /** Records an anonymous upload's client address (keyed hash). */
  recordAnonymousUpload(orgId: string, mediaId: string, addressHash: string, now: Date): Promise<void>;

  /** Reports in the box for the map: open ones (and closed ones with `closed`), merged never; clustered beyond `limit`. */
  viewport(orgId: string, q: { bbox: BBox; zoom: number; limit: number; categoryIds: readonly string[]; closed: boolean }): Promise<ReportViewport>;
}

export interface ReportRelationRecord {
  following: boolean;
  supported: boolean;
  followerCount: number;
  supportCount: number;
}

// ─── Discussions: comments, votes, flags, moderation, suspensions, settings, the stream's events ─

export interface CommentRecord {
  /** Internal key (threads, votes, flags, cursors). */
  rowid: number;
  id: string;
  orgId: string;
  /** The canonical subject key (`page:` addresses normalised). */
  subject: string;
  /** The top-level comment of its thread (itself when top-level). */
  threadRowid: number;
  parentRowid: number | null;
  parentId: string | null;
  depth: number;
  replyTo: { id: string; authorName: string | null } | null;
  stance: Stance;
  body: string;
  authorId: string | null;
  authorName: string | null;
  official: { organisation: string; department: string | null } | null;
  status: CommentStatus;
  hiddenReason: string | null;
  up: number;
  down: number;
  score: number;
  /** Replies under it (all levels) that are not waiting for a moderator. */
  replyCount: number;
  openFlags: number;
  createdAt: string;
  editedAt: string | null;
}

export interface NewComment {
  orgId: string;
  subject: string;
  /** The comment it is placed under, already resolved (depth and thread follow from it), or null. */
  parent: CommentRecord | null;
  /** The comment it answers when that is deeper than the last level (then `parent` is that one's parent). */
  replyTo: { id: string; authorName: string | null } | null;
  stance: Stance;
  body: string;
  textKey: string;
  authorId: string;
  official: { organisation: string; department: string | null } | null;
  status: 'published' | 'pending';
}

/** For the demo seed and the bench: a whole discussion written at once, in one transaction. */
export interface ImportedComment {
  /** Index of an earlier comment in the same list that it replies to. */
  replyTo?: number;
  stance: Stance;
  body: string;
  authorId: string;
  official?: { organisation: string; department: string | null } | null;
  createdAt: string;
  votes?: { userId: string; value: 1 | -1 }[];
}

export type CommentSort = 'best' | 'newest' | 'oldest' | 'debated';

export interface CommentVisibility {
  /** The signed-in reader: they also see their own comments waiting for a moderator. */
  viewerId: string | null;
  /** Moderators see every comment waiting for a moderator. */
  moderator: boolean;
}

export interface CommentListQuery extends CommentVisibility {
  subject: string;
  sort: CommentSort;
  /** The previous page's last row: its sort values and rowid. */
  after: (string | number)[] | null;
  limit: number;
}

export interface SubjectStats {
  counts: Record<Stance, number>;
  /** Published comments, replies included. */
  total: number;
  /** Top-level comments not waiting for a moderator. */
  topLevel: number;
  /** The subject's latest stream event id, or 0. */
  lastEventId: number;
}

export interface CommentFlagRecord {
  userId: string;
  reason: CommentFlagReason;
  note: string | null;
  createdAt: string;
}

export type ModerationAction = ModerationLogEntry['action'];

export interface ModerationLogRecord {
  rowid: number;
  id: string;
  action: ModerationAction;
  commentId: string | null;
  userId: string | null;
  moderator: { id: string; name: string } | null;
  reason: string | null;
  createdAt: string;
}

export interface SuspensionRecord {
  id: string;
  orgId: string;
  userId: string;
  userName: string;
  until: string;
  reason: string;
  createdAt: string;
  liftedAt: string | null;
}

export interface StreamEventRecord {
  id: number;
  event: string;
  data: string;
}

export interface DebateStore {
  /** Adds the comment (a reply's depth and thread follow from its parent). */
  create(comment: NewComment, now: Date): Promise<CommentRecord>;
  /** Writes a whole discussion in one transaction, published, with its votes; returns the ids in order. */
  importComments(orgId: string, subject: string, comments: readonly ImportedComment[]): Promise<string[]>;
  byId(orgId: string, id: string): Promise<CommentRecord | null>;
  /** Top-level comments of the subject the reader may see, in the sort's order. */
  list(orgId: string, query: CommentListQuery): Promise<CommentRecord[]>;
  /** Replies of the threads the reader may see, each after its parent, siblings oldest first; at most `perThread` per thread, and how many each thread has. */
  replies(orgId: string, threadRowids: readonly number[], visibility: CommentVisibility, perThread: number): Promise<{ replies: CommentRecord[]; counts: Map<number, number> }>;
  /** The subject's counts, and the latest event id of its stream `topic`. */
  stats(orgId: string, subject: string, topic: string): Promise<SubjectStats>;
  /** The best-scored published top-level comments of one stance. */
  strongest(orgId: string, subject: string, stance: Stance, limit: number): Promise<CommentRecord[]>;
  /** Comments by the author made after `since`: how many, and when the oldest of them was made. */
  recentBy(orgId: string, authorId: string, since: string): Promise<{ count: number; oldest: string | null }>;
  /** The id of the author's comment (not deleted) with this text key, if any. */
  sameText(orgId: string, authorId: string, textKey: string): Promise<string | null>;
  /** Keeps the current text in the history and puts the new one in its place. */
  edit(orgId: string, rowid: number, changes: { body: string; textKey: string; stance: Stance }, now: Date): Promise<CommentRecord>;
  revisions(orgId: string, rowid: number): Promise<{ body: string; stance: Stance; at: string }[]>;
  /** Deleted by its author: the text and the history go, the place in the thread stays. */
  remove(orgId: string, rowid: number, now: Date): Promise<CommentRecord>;
  /** Sets (1, -1) or takes back (0) a person's vote and keeps up, down and score on the comment. */
  vote(orgId: string, rowid: number, userId: string, value: -1 | 0 | 1, now: Date): Promise<CommentRecord>;
  /** The person's vote on each of the comments (by rowid); comments without a vote are left out. */
  votesOf(userId: string, rowids: readonly number[]): Promise<Map<number, -1 | 1>>;
  /** The comments (by rowid) the person has flagged. */
  flaggedBy(userId: string, rowids: readonly number[]): Promise<Set<number>>;
  /**
   * Records one person's flag (ConflictError when they already flagged it). When the open flags reach
   * `threshold` and the comment is published, it goes back to pending and an `auto-hide` entry is logged.
   */
  flag(orgId: string, rowid: number, flag: { userId: string; reason: CommentFlagReason; note: string | null }, threshold: number, now: Date): Promise<{ comment: CommentRecord; autoHidden: boolean }>;
  /** Open flags of each comment (by rowid), oldest first. */
  openFlags(rowids: readonly number[]): Promise<Map<number, CommentFlagRecord[]>>;
  /**
   * Applies a moderator's decision and logs it, in one transaction: `hide` (with the public reason),
   * `restore`, `approve` (published, open flags dismissed), `dismiss` (open flags dismissed).
   */
  moderate(orgId: string, rowid: number, action: 'hide' | 'restore' | 'approve' | 'dismiss', by: { moderatorId: string; reason: string | null }, now: Date): Promise<CommentRecord>;
  /** The moderation queue, oldest first: waiting (pending), flagged (published with open flags), hidden. */
  queue(orgId: string, state: ModerationQueueState, after: number | null, limit: number): Promise<CommentRecord[]>;
  queueCount(orgId: string, state: ModerationQueueState): Promise<number>;
  /** Every moderation action, newest first. */
  log(orgId: string, before: number | null, limit: number): Promise<ModerationLogRecord[]>;

  suspend(orgId: string, suspension: { userId: string; until: string; reason: string; by: string }, now: Date): Promise<SuspensionRecord>;
  /** The suspension in force longest for the person, if any. */
  suspensionOf(orgId: string, userId: string, now: Date): Promise<SuspensionRecord | null>;
  /** Suspensions in force, newest first. */
  suspensions(orgId: string, now: Date): Promise<SuspensionRecord[]>;
  /** Lifts a suspension (logged); null when the organisation has no such suspension in force. */
  lift(orgId: string, id: string, by: string, now: Date): Promise<SuspensionRecord | null>;

  settings(orgId: string): Promise<DebateSettings | null>;
  saveSettings(orgId: string, settings: DebateSettings, now: Date): Promise<DebateSettings>;
  /** Whether replies are emailed to the person (yes unless they opted out). */
  repliesByEmail(orgId: string, userId: string): Promise<boolean>;
  setRepliesByEmail(orgId: string, userId: string, on: boolean, now: Date): Promise<void>;

  /** Appends an event to a topic's stream; returns its id (ids only grow, across every topic). */
  appendEvent(orgId: string, topic: string, event: string, data: string, now: Date): Promise<number>;
  /** A topic's events after `afterId`, oldest first. */
  eventsAfter(orgId: string, topic: string, afterId: number, limit: number): Promise<StreamEventRecord[]>;
  /** Forgets stream events from before `before` (a reconnect older than that reloads instead); how many went. */
  pruneEvents(before: Date): Promise<number>;
  /** The highest event id that may have been forgotten (0 when none has): a stream resumed from below it may have missed events. */
  forgottenUpTo(): Promise<number>;
}

// ─── Polls: polls and options, who voted kept apart from what was voted, the tally, verified residents ─

export interface PollOptionRecord {
  id: string;
  /** Its place in every ballot's choices and in the tally. */
  position: number;
  label: string;
  description: string | null;
  /** An uploaded photo of the organisation (`mediaId`) or an https address (`url`). */
  image: { mediaId: string | null; url: string | null; alt: string | null } | null;
  /** [longitude, latitude]. */
  location: [number, number] | null;
  /** In a consultation's vote: the proposal it stands for. */
  proposalId: string | null;
  /** In a consultation's vote: "Keep things as they are". */
  statusQuo: boolean;
}

export interface PollRecord {
  /** Internal key (options, voters, ballots). */
  rowid: number;
  id: string;
  orgId: string;
  /** The consultation whose vote this is, if any. */
  consultationId: string | null;
  title: string;
  description: string;
  kind: PollKind;
  minChoices: number | null;
  maxChoices: number | null;
  eligibility: PollEligibility;
  results: ResultsVisibility;
  /** As stored: an open poll whose closesAt has passed is still `open` here (see domain/poll-phase.ts). */
  status: PollStatus;
  opensAt: string | null;
  closesAt: string | null;
  openedAt: string | null;
  closedAt: string | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
  options: PollOptionRecord[];
  /** Ballots counted. */
  turnout: number;
  /** Grows with every change to the tally. */
  tallyVersion: number;
}

export interface NewPollOption {
  /** An existing option's id to keep (when a draft's options are replaced); a new one is made otherwise. */
  id?: string;
  label: string;
  description: string | null;
  image: PollOptionRecord['image'];
  location: [number, number] | null;
  proposalId?: string | null;
  statusQuo?: boolean;
}

export interface NewPoll {
  title: string;
  description: string;
  kind: PollKind;
  minChoices: number | null;
  maxChoices: number | null;
  eligibility: PollEligibility;
  results: ResultsVisibility;
  opensAt: string | null;
  closesAt: string | null;
  options: NewPollOption[];
  createdBy: string | null;
  consultationId?: string | null;
}

export type PollChanges = Partial<Omit<NewPoll, 'createdBy' | 'consultationId'>>;

/** A poll's running tally (laid out as domain/tally.ts says), as one transaction left it. */
export interface PollTally {
  kind: PollKind;
  options: number;
  turnout: number;
  version: number;
  tally: Int32Array;
}

export interface CastBallot {
  userId: string;
  /** HMAC of the poll and the user (polls/secrecy.ts): where this voter's ballot is filed. */
  voterKey: Buffer;
  /** SHA-256 of the new receipt code. */
  receiptHash: Buffer;
  /** The checked ballot, one character per option (domain/ballots.ts). */
  choices: string;
}

export interface CastResult {
  /** True when it replaced the voter's earlier ballot. */
  changed: boolean;
  turnout: number;
  version: number;
}

/** A ballot of the published set: no voter, no time. */
export interface StoredBallot {
  /** Random: its order says nothing about when it was cast. */
  id: number;
  receiptHash: Buffer | null;
  choices: string;
}

export interface RecountRecord {
  /** The tally counted from the stored ballots. */
  tally: Int32Array;
  /** The running tally, turnout and version as stored at the moment the ballots were read. */
  storedTally: Int32Array;
  turnout: number;
  version: number;
  /** Ballots read. */
  ballots: number;
  matches: boolean;
  milliseconds: number;
  /** Worker threads used (0: counted on the calling thread). */
  workers: number;
}

export interface VerifiedResidentRecord {
  userId: string;
  name: string;
  email: string;
  note: string | null;
  verifiedBy: { id: string; name: string } | null;
  verifiedAt: string;
}

/** Thrown by `cast` when the poll takes no ballots at that moment (a draft, not open yet, closed). */
export class PollNotOpenError extends ConflictError {
  constructor(readonly status: PollStatus, readonly opensAt: string | null) {
    super(status === 'draft' ? 'The poll is still a draft.' : status === 'closed' ? 'The poll has closed.' : 'The poll is not open yet.');
    this.name = 'PollNotOpenError';
  }
}

export interface PollStore {
  create(orgId: string, poll: NewPoll, now: Date): Promise<PollRecord>;
  byId(orgId: string, id: string): Promise<PollRecord | null>;
  /** Newest first, with the given statuses as they stand at `now` (an open poll past closesAt is closed). */
  list(orgId: string, query: { statuses: readonly PollStatus[]; after: { createdAt: string; rowid: number } | null; limit: number }, now: Date): Promise<PollRecord[]>;
  /** Changes a draft (options replaced, their tally reset); ConflictError when it is not a draft any more. */
  update(orgId: string, rowid: number, changes: PollChanges, now: Date): Promise<PollRecord>;
  /** Draft to open; ConflictError otherwise. */
  open(orgId: string, rowid: number, now: Date): Promise<PollRecord>;
  /** Open to closed (closedAt: now, or closesAt when that has passed); ConflictError when not open. */
  close(orgId: string, rowid: number, now: Date): Promise<PollRecord>;
  /** The poll with its options, voters and ballots; false when there was none. */
  remove(orgId: string, rowid: number): Promise<boolean>;
  tally(orgId: string, rowid: number): Promise<PollTally | null>;
  /**
   * Casts or replaces the voter's ballot and updates the tally (the old ballot taken away, the new one
   * added), in one transaction in which the poll is checked to be taking ballots at `now` (else
   * PollNotOpenError). One ballot per person is enforced by SQLite; ConflictError when the voter has
   * voted but their ballot cannot be found under this key (SECRET changed).
   */
  cast(orgId: string, rowid: number, ballot: CastBallot, now: Date): Promise<CastResult>;
  /** Whether and when the person voted. */
  voter(orgId: string, rowid: number, userId: string): Promise<{ votedAt: string; changedAt: string | null } | null>;
  /** The choices of the ballot filed under this voter key, if any. */
  ballotByKey(orgId: string, rowid: number, voterKey: Buffer): Promise<string | null>;
  /** The choices of the ballot with this receipt hash, if any. */
  ballotByReceipt(orgId: string, rowid: number, receiptHash: Buffer): Promise<string | null>;
  /** The ballot set, by id, after `afterId`. */
  ballots(orgId: string, rowid: number, afterId: number, limit: number): Promise<StoredBallot[]>;
  /** Adds ballots without voters or receipts (paper ballots, the demo, the bench) in one transaction, tally included. */
  importBallots(orgId: string, rowid: number, choices: Iterable<string>): Promise<PollTally>;
  /**
   * Counts every stored ballot again, from scratch, and compares the count with the running tally read
   * at the same moment. Ranked polls of at least `workerThreshold` ballots (default 250,000) are
   * counted by `workers` threads (default 2) by ranges of ballot id; `workers: 0` counts on the
   * calling thread.
   */
  recount(orgId: string, rowid: number, options?: { workers?: number; workerThreshold?: number }): Promise<RecountRecord>;

  /** Marks the person verified for the organisation's `officer-verified` polls (again: note and time replaced). */
  markVerified(orgId: string, userId: string, by: { userId: string | null; note: string | null }, now: Date): Promise<VerifiedResidentRecord>;
  /** False when they were not marked. */
  unmarkVerified(orgId: string, userId: string): Promise<boolean>;
  isVerified(orgId: string, userId: string): Promise<boolean>;
  /** Newest first. */
  verifiedResidents(orgId: string, after: { verifiedAt: string; userId: string } | null, limit: number): Promise<VerifiedResidentRecord[]>;
  /** A stream topic's latest event id, or 0. */
  lastEventId(orgId: string, topic: string): Promise<number>;
}

// ─── Consultations: proposals, revisions, supporters and confirmations, suggestions and ratings ──────

export interface ConsultationRecord {
  /** Internal key (proposals, supporters). */
  rowid: number;
  id: string;
  orgId: string;
  title: string;
  description: string;
  phase: ConsultationPhase;
  quorum: AdmissionQuorum;
  eligibility: PollEligibility;
  results: ResultsVisibility;
  autoAdvance: boolean;
  proposingEndsAt: string;
  discussionEndsAt: string;
  frozenEndsAt: string;
  votingEndsAt: string;
  /** When each phase began (null when it has not, or was skipped: voting when nothing was admitted). */
  startedAt: Record<'proposing' | 'discussion' | 'frozen' | 'voting' | 'closed', string | null>;
  /** The vote, from the voting phase on. */
  pollRowid: number | null;
  pollId: string | null;
  /** Every proposal, withdrawn ones included. */
  proposalCount: number;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface NewConsultation {
  title: string;
  description: string;
  quorum: AdmissionQuorum;
  eligibility: PollEligibility;
  results: ResultsVisibility;
  autoAdvance: boolean;
  proposingEndsAt: string;
  discussionEndsAt: string;
  frozenEndsAt: string;
  votingEndsAt: string;
  createdBy: string | null;
}

export type ConsultationChanges = Partial<Omit<NewConsultation, 'createdBy'>>;

export interface ProposalRecord {
  rowid: number;
  id: string;
  orgId: string;
  consultationRowid: number;
  consultationId: string;
  title: string;
  summary: string;
  body: string;
  authorId: string | null;
  authorName: string | null;
  /** As stored: proposed or withdrawn until the frozen phase ends (see domain/consultation.ts). */
  status: ProposalStatus;
  revision: number;
  supporters: number;
  confirmed: number;
  suggestions: number;
  createdAt: string;
  updatedAt: string;
  withdrawnAt: string | null;
}

export interface ProposalRevisionRecord {
  revision: number;
  title: string;
  summary: string;
  body: string;
  note: string | null;
  createdAt: string;
}

export interface SuggestionRecord {
  rowid: number;
  id: string;
  proposalRowid: number;
  proposalId: string;
  body: string;
  authorId: string | null;
  authorName: string | null;
  ratings: { must: number; should: number; shouldNot: number; mustNot: number };
  createdAt: string;
}

/** What advancing did. */
export interface AdvanceRecord {
  from: ConsultationPhase;
  /** `closed` straight from `frozen` when no proposal was admitted. */
  to: ConsultationPhase;
  /** The vote created (entering voting) or closed (leaving it). */
  pollRowid: number | null;
  /** Proposal ids admitted and not admitted when the frozen phase ended. */
  admitted: string[];
  notAdmitted: string[];
}

/** Thrown when the consultation's phase (read in the write's own transaction) does not allow the action. */
export class ConsultationPhaseError extends ConflictError {
  constructor(
    readonly phase: ConsultationPhase,
    readonly action: string,
  ) {
    super(`The consultation is in its ${phase} phase.`);
    this.name = 'ConsultationPhaseError';
  }
}

/** Thrown when only the proposal's supporters may do this (suggest, rate, confirm). */
export class NotSupporterError extends ConflictError {
  constructor() {
    super('Only supporters of this proposal can do this.');
    this.name = 'NotSupporterError';
  }
}

export interface ConsultationStore {
  create(orgId: string, consultation: NewConsultation, now: Date): Promise<ConsultationRecord>;
  byId(orgId: string, id: string): Promise<ConsultationRecord | null>;
  /** Newest first, in the given phases. */
  list(orgId: string, query: { phases: readonly ConsultationPhase[]; after: { createdAt: string; rowid: number } | null; limit: number }): Promise<ConsultationRecord[]>;
  /** ConsultationPhaseError when it has closed (the routes check each field against the phase first). */
  update(orgId: string, rowid: number, changes: ConsultationChanges, now: Date): Promise<ConsultationRecord>;
  /** The consultation with its proposals, supporters, suggestions, its vote and the stored stream events of each; false when there was none. */
  remove(orgId: string, rowid: number): Promise<boolean>;
  /**
   * Moves from `from` to the next phase in one transaction, only if the consultation is still in
   * `from` (null otherwise: someone else advanced it). Leaving frozen decides admission from confirmed
   * support and opens the ranked vote (or closes at once when nothing is admitted); leaving voting
   * closes the vote.
   */
  advance(orgId: string, rowid: number, from: ConsultationPhase, now: Date): Promise<AdvanceRecord | null>;
  /** Consultations of every organisation that the scheduler should advance at `now`, the most overdue first. */
  due(now: Date, limit: number): Promise<{ orgId: string; rowid: number; id: string; phase: ConsultationPhase }[]>;
  /** People supporting (or, `confirmed`, who confirmed support for) at least one proposal that is not withdrawn. */
  participants(orgId: string, rowid: number, basis: 'support' | 'confirmed'): Promise<number>;

  /** Not withdrawn first, then by submission. */
  proposals(orgId: string, consultationRowid: number): Promise<ProposalRecord[]>;
  proposal(orgId: string, id: string): Promise<ProposalRecord | null>;
  /**
   * Adds the proposal (revision 1) and its author's support, in a transaction that checks the phase
   * (ConsultationPhaseError) and the author's number of proposals (ConflictError beyond `maxPerAuthor`).
   */
  propose(orgId: string, consultationRowid: number, proposal: { title: string; summary: string; body: string; authorId: string }, maxPerAuthor: number, now: Date): Promise<ProposalRecord>;
  /** A new revision (the previous one stays in the history); ConsultationPhaseError or ConflictError (withdrawn). */
  revise(orgId: string, proposalRowid: number, changes: { title?: string; summary?: string; body?: string; note: string | null }, now: Date): Promise<ProposalRecord>;
  /** Every version, newest first. */
  revisions(orgId: string, proposalRowid: number): Promise<ProposalRevisionRecord[]>;
  withdraw(orgId: string, proposalRowid: number, now: Date): Promise<ProposalRecord>;
  /** True when added, false when the person already supported it; ConsultationPhaseError, ConflictError (withdrawn). */
  support(orgId: string, proposalRowid: number, userId: string, now: Date): Promise<boolean>;
  /** True when taken back, false when there was none (their ratings of its suggestions go too). */
  unsupport(orgId: string, proposalRowid: number, userId: string): Promise<boolean>;
  /** True when confirmed now, false when already confirmed; NotSupporterError, ConsultationPhaseError. */
  confirm(orgId: string, proposalRowid: number, userId: string, now: Date): Promise<boolean>;
  unconfirm(orgId: string, proposalRowid: number, userId: string): Promise<boolean>;
  /** The person's support in the consultation, by proposal id. */
  supportOf(orgId: string, consultationRowid: number, userId: string): Promise<Map<string, { confirmed: boolean }>>;

  /** The most wanted first (must + should − should not − must not), then oldest; with the reader's rating. */
  suggestions(orgId: string, proposalRowid: number, readerId: string | null): Promise<(SuggestionRecord & { yourRating: SuggestionDegree | null })[]>;
  suggestion(orgId: string, id: string): Promise<SuggestionRecord | null>;
  /** NotSupporterError, ConsultationPhaseError. */
  suggest(orgId: string, proposalRowid: number, suggestion: { body: string; authorId: string }, now: Date): Promise<SuggestionRecord>;
  /** Sets (or, null, takes back) a supporter's rating; NotSupporterError, ConsultationPhaseError. */
  rate(orgId: string, suggestionRowid: number, userId: string, degree: SuggestionDegree | null, now: Date): Promise<SuggestionRecord>;
  removeSuggestion(orgId: string, suggestionRowid: number): Promise<boolean>;
  /** A stream topic's latest event id, or 0. */
  lastEventId(orgId: string, topic: string): Promise<number>;
}

export interface Store {
  orgs: OrgStore;
  users: UserStore;
  memberships: MembershipStore;
  codes: CodeStore;
  sessions: SessionStore;
  maps: MapStore;
  media: MediaStore;
  gazetteer: GazetteerStore;
  webhooks: WebhooksStore;
  open311: Open311Store;
  reports: ReportsStore;
  debate: DebateStore;
  polls: PollStore;
  consultations: ConsultationStore;
  /** Resolves when the database answers. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
