// Organisations: their public configuration for widgets, and what their admins may change.
import { z } from 'zod';
import { HexColour, Id, Locale, LonLat, BBox, Origin, OrgSlug } from './common.js';

export const Department = z.object({
  id: Id,
  slug: OrgSlug,
  name: z.string().min(1).max(120),
});
export type Department = z.infer<typeof Department>;

/** Theme defaults an organisation sets; a host page may still override them with custom properties. */
export const Theme = z.object({
  primary: HexColour.optional(),
  primaryText: HexColour.optional(),
  accent: HexColour.optional(),
  radius: z.number().int().min(0).max(24).optional(),
  fontFamily: z.string().max(200).regex(/^[\w\s,'"-]*$/, 'Use font names, commas and quotes only.').optional(),
});
export type Theme = z.infer<typeof Theme>;

export const MapSettings = z.object({
  center: LonLat,
  zoom: z.number().min(0).max(22),
  /** The organisation's area: locations outside it are refused. */
  extent: BBox,
});
export type MapSettings = z.infer<typeof MapSettings>;

/** `GET /v1/orgs/:slug`: what a widget needs to know about the organisation it is embedded for. */
export const OrgPublic = z.object({
  slug: OrgSlug,
  name: z.string(),
  defaultLocale: Locale,
  theme: Theme,
  departments: z.array(Department),
  map: MapSettings,
  /** Whether residents may also set a password (sign-in by emailed code always works). */
  passwordSignIn: z.boolean(),
});
export type OrgPublic = z.infer<typeof OrgPublic>;

/** `GET /v1/orgs/:slug/settings` (admins): everything, including the allowed web origins. */
export const OrgSettings = OrgPublic.extend({
  allowedOrigins: z.array(Origin),
});
export type OrgSettings = z.infer<typeof OrgSettings>;

/** `PATCH /v1/orgs/:slug` (admins). */
export const OrgUpdate = z
  .object({
    name: z.string().trim().min(1).max(120),
    defaultLocale: Locale,
    theme: Theme,
    map: MapSettings,
    allowedOrigins: z.array(Origin).max(50),
    passwordSignIn: z.boolean(),
  })
  .partial()
  .strict();
export type OrgUpdate = z.infer<typeof OrgUpdate>;

/** `POST /v1/orgs/:slug/departments` (admins). */
export const DepartmentCreate = z.object({ slug: OrgSlug, name: z.string().trim().min(1).max(120) }).strict();
export type DepartmentCreate = z.infer<typeof DepartmentCreate>;

export const Role = z.enum(['resident', 'officer', 'moderator', 'admin']);
export type Role = z.infer<typeof Role>;

export const Membership = z.object({
  org: OrgSlug,
  role: Role,
  /** Department slugs an officer works in; empty for other roles. */
  departments: z.array(OrgSlug),
});
export type Membership = z.infer<typeof Membership>;

/** A row of `GET /v1/orgs/:slug/members` (admins). */
export const Member = z.object({
  userId: Id,
  email: z.string(),
  name: z.string(),
  role: Role,
  departments: z.array(OrgSlug),
  joinedAt: z.string(),
});
export type Member = z.infer<typeof Member>;

/** `PUT /v1/orgs/:slug/members/:userId` (admins). */
export const MemberUpdate = z
  .object({ role: Role, departments: z.array(OrgSlug).max(50).default([]) })
  .strict()
  .refine((m) => m.role === 'officer' || m.departments.length === 0, {
    message: 'Only officers work in departments.',
    path: ['departments'],
  });
export type MemberUpdate = z.infer<typeof MemberUpdate>;
