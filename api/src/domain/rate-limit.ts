// Sliding-window rate-limit arithmetic: given the times of earlier attempts, may one more happen now?

export interface WindowDecision {
  allowed: boolean;
  /** Attempts still inside the window, including this one when allowed. */
  kept: number[];
  /** Whole seconds until the next attempt would be allowed; 0 when allowed. */
  retryAfterSeconds: number;
}

export function slidingWindow(attempts: readonly number[], now: number, windowMs: number, limit: number): WindowDecision {
  const kept = attempts.filter((time) => time > now - windowMs);
  if (kept.length < limit) return { allowed: true, kept: [...kept, now], retryAfterSeconds: 0 };
  // The oldest attempt that still counts must leave the window before another is allowed.
  const oldest = kept[kept.length - limit] ?? now;
  const retryAfterSeconds = Math.max(1, Math.ceil((oldest + windowMs - now) / 1000));
  return { allowed: false, kept, retryAfterSeconds };
}
