// The one error shape every API error uses, and the codes a widget may need to tell apart.
import { z } from 'zod';

/**
 * Machine-readable error codes. A widget maps each to words a resident understands;
 * an unknown code falls back to the `message` the API sent.
 */
export const ErrorCode = z.enum([
  'validation_failed',
  'invalid_json',
  'unsupported_media_type',
  'payload_too_large',
  'not_found',
  'org_not_found',
  'origin_not_allowed',
  'unauthenticated',
  'token_expired',
  'forbidden',
  'rate_limited',
  'unknown_email',
  'email_taken',
  'no_code',
  'wrong_code',
  'code_expired',
  'code_exhausted',
  'wrong_password',
  'no_password',
  'invalid_refresh_token',
  'conflict',
  'internal',
  /** Comments: the person is suspended from commenting in this organisation (`details.until`). */
  'suspended',
  /** Comments: the same text was already posted by this person (`details.commentId`). */
  'duplicate_text',
  /** Comments: the text contains a word the organisation does not allow (`details.words`). */
  'blocked_word',
  /** Comments: the honeypot field was filled in, as robots do. */
  'automated',
  /** Comments: the edit window (15 minutes) has closed. */
  'edit_window_closed',
  /** Polls: the poll takes no ballots now — a draft, not open yet, or closed (`details.status`, `details.opensAt`). */
  'poll_not_open',
  /** Polls: the person may not vote in this poll (`details.eligibility` says who may). */
  'not_eligible',
  /** Polls: the results are published when the poll closes (`details.closesAt` when known). */
  'results_hidden',
  /** Consultations: the consultation's current phase does not allow this (`details.phase`). */
  'wrong_phase',
  /** A service the API relies on (an external geocoder) did not answer in time or at all: try again later. */
  'service_unavailable',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const ApiErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    /** Per-field messages for `validation_failed`, keyed by the field's dotted path. */
    fields: z.record(z.string(), z.string()).optional(),
    /** Extra facts some errors carry: `triesLeft` for `wrong_code`, `retryAfter` seconds for `rate_limited`. */
    details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
    requestId: z.string().optional(),
  }),
});
export type ApiErrorBody = z.infer<typeof ApiErrorBody>;
