// Store records as the protocol's wire shapes.
import type { Department, Me, Member, Membership, OrgPublic, OrgSettings, User } from '@civic-elements/protocol';
import type { DepartmentRecord, MemberRow, MembershipRecord, OrgRecord, UserRecord } from './store/types.js';

export const departmentOut = (d: DepartmentRecord): Department => ({ id: d.id, slug: d.slug, name: d.name });

export const orgPublic = (org: OrgRecord, departments: DepartmentRecord[]): OrgPublic => ({
  slug: org.slug,
  name: org.name,
  defaultLocale: org.defaultLocale,
  theme: org.theme,
  departments: departments.map(departmentOut),
  map: org.map,
  passwordSignIn: org.passwordSignIn,
});

export const orgSettings = (org: OrgRecord, departments: DepartmentRecord[]): OrgSettings => ({
  ...orgPublic(org, departments),
  allowedOrigins: org.allowedOrigins,
});

export const userOut = (user: UserRecord): User => ({
  id: user.id,
  email: user.email,
  name: user.name,
  locale: user.locale,
  emailVerified: user.emailVerified,
  hasPassword: user.passwordHash !== null,
  createdAt: user.createdAt,
});

export const membershipOut = (m: MembershipRecord): Membership => ({
  org: m.orgSlug,
  role: m.role,
  departments: m.departments,
});

export const meOut = (user: UserRecord, memberships: MembershipRecord[]): Me => ({
  user: userOut(user),
  memberships: memberships.map(membershipOut),
});

export const memberOut = (m: MemberRow): Member => ({
  userId: m.userId,
  email: m.email,
  name: m.name,
  role: m.role,
  departments: m.departments,
  joinedAt: m.joinedAt,
});
