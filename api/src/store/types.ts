// The persistence interfaces the routes use. Async, so that another database can sit beside SQLite.
import type { Locale, MapSettings, Role, Theme } from '@civic-elements/protocol';
import type { BBox, ContributePolicy, ContributionStatus, FieldDefinition, FieldValues, FlagReason, Geometry, MapSymbol, ModerationPolicy, Polygon } from '@civic-elements/protocol';

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

export interface Store {
  orgs: OrgStore;
  users: UserStore;
  memberships: MembershipStore;
  codes: CodeStore;
  sessions: SessionStore;
  maps: MapStore;
  media: MediaStore;
  gazetteer: GazetteerStore;
  /** Resolves when the database answers. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
