// Registration, one-time codes, sign-in, refresh and the signed-in user.
import { z } from 'zod';
import { Email, Id, IsoTime, Locale, OrgSlug } from './common.js';
import { Membership } from './orgs.js';

export const PersonName = z
  .string()
  .trim()
  .min(1, 'Enter your name.')
  .max(80, 'Your name can be at most 80 characters.');

export const Password = z
  .string()
  .min(10, 'A password has at least 10 characters.')
  .max(200, 'A password has at most 200 characters.');

/** The six digits sent by email. Spaces a resident types are ignored. */
export const OneTimeCode = z
  .string()
  .transform((value) => value.replace(/\s+/g, ''))
  .pipe(z.string().regex(/^\d{6}$/, 'Enter the 6-digit code from the email.'));

/** `POST /v1/auth/register`: create an account (or, for an existing one, just send a code). */
export const RegisterRequest = z
  .object({
    org: OrgSlug,
    email: Email,
    name: PersonName,
    password: Password.optional(),
    locale: Locale.optional(),
  })
  .strict();
export type RegisterRequest = z.input<typeof RegisterRequest>;

/** `POST /v1/auth/code`: email me a code to sign in. */
export const CodeRequest = z.object({ org: OrgSlug, email: Email, locale: Locale.optional() }).strict();
export type CodeRequest = z.input<typeof CodeRequest>;

/** Answer to register and code requests (202). */
export const CodeSent = z.object({
  email: z.string(),
  expiresAt: IsoTime,
  /** How many wrong tries a code allows. */
  maxTries: z.number().int(),
});
export type CodeSent = z.infer<typeof CodeSent>;

/** `POST /v1/auth/sign-in`: with the emailed code, or with a password. */
export const SignInRequest = z.union([
  z.object({ org: OrgSlug, email: Email, code: OneTimeCode }).strict(),
  z.object({ org: OrgSlug, email: Email, password: z.string().min(1).max(200) }).strict(),
]);
export type SignInRequest = z.input<typeof SignInRequest>;

export const User = z.object({
  id: Id,
  email: z.string(),
  name: z.string(),
  locale: Locale,
  emailVerified: z.boolean(),
  hasPassword: z.boolean(),
  createdAt: IsoTime,
});
export type User = z.infer<typeof User>;

/** Tokens are opaque random strings; the API keeps only their hashes. */
export const Tokens = z.object({
  accessToken: z.string(),
  /** When the access token stops working; refresh before then. */
  accessExpiresAt: IsoTime,
  refreshToken: z.string(),
  refreshExpiresAt: IsoTime,
});
export type Tokens = z.infer<typeof Tokens>;

/** Answer to sign-in and refresh (200). */
export const SessionResponse = Tokens.extend({ user: User, memberships: z.array(Membership) });
export type SessionResponse = z.infer<typeof SessionResponse>;

/** `POST /v1/auth/refresh`. The refresh token is single-use: each refresh returns a new one. */
export const RefreshRequest = z.object({ refreshToken: z.string().min(1).max(200) }).strict();
export type RefreshRequest = z.infer<typeof RefreshRequest>;

/** `GET /v1/me`. */
export const Me = z.object({ user: User, memberships: z.array(Membership) });
export type Me = z.infer<typeof Me>;

/** `PATCH /v1/me`. */
export const MeUpdate = z.object({ name: PersonName, locale: Locale }).partial().strict();
export type MeUpdate = z.infer<typeof MeUpdate>;

/** `PUT /v1/me/password`. */
export const PasswordSet = z.object({ password: Password }).strict();
export type PasswordSet = z.infer<typeof PasswordSet>;

export const Health = z.object({ status: z.literal('ok'), database: z.literal('ok'), version: z.string() });
export type Health = z.infer<typeof Health>;

/** `GET /dev/outbox.json` (demo and tests only): the newest messages first. */
export const OutboxMessage = z.object({
  id: z.string(),
  to: z.string(),
  subject: z.string(),
  text: z.string(),
  sentAt: IsoTime,
});
export type OutboxMessage = z.infer<typeof OutboxMessage>;

export { Id };
