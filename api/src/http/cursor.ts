// Opaque cursors for lists ordered by (createdAt, id): what a page hands out and the next request sends back.
import { ApiError } from './errors.js';

export interface PagePosition {
  createdAt: string;
  id: string;
}

export function encodeCursor(position: PagePosition): string {
  return Buffer.from(JSON.stringify([position.createdAt, position.id])).toString('base64url');
}

/** The position in a cursor this API handed out; 400 for anything else. */
export function decodeCursor(cursor: string | undefined): PagePosition | null {
  if (cursor === undefined) return null;
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && typeof value[1] === 'string') {
      return { createdAt: value[0], id: value[1] };
    }
  } catch {
    // reported below
  }
  throw new ApiError(400, 'validation_failed', 'The cursor is not one this list handed out.', {
    fields: { cursor: 'Use the nextCursor of the previous page.' },
  });
}

/** Cuts a list read with `limit + 1` rows into a page and the cursor of the next one. */
export function pageOf<T extends PagePosition, U>(rows: readonly T[], limit: number, out: (row: T) => U): { items: U[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items: items.map(out), nextCursor: rows.length > limit && last ? encodeCursor(last) : null };
}
