// The persistence interfaces the routes use. Async, so that another database can sit beside SQLite.
import type { Locale, MapSettings, Role, Theme } from '@civic-elements/protocol';

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

export interface Store {
  orgs: OrgStore;
  users: UserStore;
  memberships: MembershipStore;
  codes: CodeStore;
  sessions: SessionStore;
  /** Resolves when the database answers. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
