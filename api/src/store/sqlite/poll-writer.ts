// Writing a poll and its options, shared by the polls store and the consultations store (which opens a
// consultation's ranked vote inside the transaction that moves it to its voting phase). Synchronous:
// callers run it inside their own transactions.
import type Database from 'better-sqlite3';
import { emptyTally, tallyBytes } from '../../domain/tally.js';
import { newId } from '../../secrets.js';
import type { NewPoll, NewPollOption } from '../types.js';

export function pollWriter(db: Database.Database) {
  const insertPoll = db.prepare(`INSERT INTO polls (id, org_id, consultation_id, title, description, kind, min_choices, max_choices, eligibility, results, status,
    opens_at, closes_at, option_count, tally, created_by, created_at, updated_at)
    VALUES (@id, @org_id, @consultation_id, @title, @description, @kind, @min_choices, @max_choices, @eligibility, @results, 'draft',
    @opens_at, @closes_at, @option_count, @tally, @created_by, @at, @at)`);
  const insertOption = db.prepare(`INSERT INTO poll_options (poll_rowid, position, id, label, description, image_media_id, image_url, image_alt, lon, lat, proposal_id, status_quo)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const dropOptions = db.prepare('DELETE FROM poll_options WHERE poll_rowid = ?');
  const openPoll = db.prepare(`UPDATE polls SET status = 'open', opened_at = ?, updated_at = ? WHERE org_id = ? AND rowid = ? AND status = 'draft'`);
  const closePoll = db.prepare(`UPDATE polls SET status = 'closed', closed_at = ?, updated_at = ? WHERE rowid = ?`);

  function writeOptions(rowid: number, options: readonly NewPollOption[]): void {
    options.forEach((option, position) => {
      insertOption.run(
        rowid,
        position,
        option.id ?? newId(),
        option.label,
        option.description,
        option.image?.mediaId ?? null,
        option.image?.url ?? null,
        option.image?.alt ?? null,
        option.location?.[0] ?? null,
        option.location?.[1] ?? null,
        option.proposalId ?? null,
        option.statusQuo ? 1 : 0,
      );
    });
  }

  return {
    /** A new draft poll with its options and an empty tally; returns its rowid. */
    insert(orgId: string, poll: NewPoll, at: string): number {
      const result = insertPoll.run({
        id: newId(),
        org_id: orgId,
        consultation_id: poll.consultationId ?? null,
        title: poll.title,
        description: poll.description,
        kind: poll.kind,
        min_choices: poll.minChoices,
        max_choices: poll.maxChoices,
        eligibility: poll.eligibility,
        results: poll.results,
        opens_at: poll.opensAt,
        closes_at: poll.closesAt,
        option_count: poll.options.length,
        tally: tallyBytes(emptyTally(poll.kind, poll.options.length)),
        created_by: poll.createdBy,
        at,
      });
      const rowid = Number(result.lastInsertRowid);
      writeOptions(rowid, poll.options);
      return rowid;
    },
    /** Replaces a draft's options. */
    replaceOptions(rowid: number, options: readonly NewPollOption[]): void {
      dropOptions.run(rowid);
      writeOptions(rowid, options);
    },
    /** Draft to open; false when it was not a draft. */
    open(orgId: string, rowid: number, at: string): boolean {
      return openPoll.run(at, at, orgId, rowid).changes > 0;
    },
    /** Marks it closed at `closedAt` (the caller checked it was open). */
    close(rowid: number, closedAt: string, at: string): void {
      closePoll.run(closedAt, at, rowid);
    },
  };
}
