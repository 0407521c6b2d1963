// Lifetimes of codes and tokens, and whether a stored expiry has passed.

export interface Lifetimes {
  codeSeconds: number;
  accessSeconds: number;
  refreshSeconds: number;
}

export function expiresAt(now: Date, seconds: number): string {
  return new Date(now.getTime() + seconds * 1000).toISOString();
}

export function hasExpired(expiry: string, now: Date): boolean {
  return Date.parse(expiry) <= now.getTime();
}
