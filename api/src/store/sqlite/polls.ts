// Polls in SQLite: polls and options, voters kept apart from ballots, the running tally updated in the
// ballot's own transaction. The full recount: poll-recount.ts; verified residents: verified-residents.ts.
// Tables: migrations/009-polls.sql.
import { randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { PollEligibility, PollKind, PollStatus, ResultsVisibility } from '@civic-elements/protocol';
import { pollPhase } from '../../domain/poll-phase.js';
import { addToTally, emptyTally, tallyBytes, tallyFromBytes } from '../../domain/tally.js';
import {
  ConflictError,
  PollNotOpenError,
  type PollChanges,
  type PollOptionRecord,
  type PollRecord,
  type PollStore,
  type PollTally,
  type StoredBallot,
} from '../types.js';
import { isUniqueViolation } from './orgs.js';
import { createCounter } from './poll-count.mjs';
import { pollWriter } from './poll-writer.js';
import { recountPoll } from './poll-recount.js';
import { sqliteVerifiedResidents } from './verified-residents.js';

/** Ballots counted at a time when importing. */
const IMPORT_BATCH = 16_384;

interface PollRow {
  rowid: number;
  id: string;
  org_id: string;
  consultation_id: string | null;
  title: string;
  description: string;
  kind: PollKind;
  min_choices: number | null;
  max_choices: number | null;
  eligibility: PollEligibility;
  results: ResultsVisibility;
  status: PollStatus;
  opens_at: string | null;
  closes_at: string | null;
  opened_at: string | null;
  closed_at: string | null;
  option_count: number;
  turnout: number;
  tally_version: number;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

interface OptionRow {
  poll_rowid: number;
  position: number;
  id: string;
  label: string;
  description: string | null;
  image_media_id: string | null;
  image_url: string | null;
  image_alt: string | null;
  lon: number | null;
  lat: number | null;
  proposal_id: string | null;
  status_quo: number;
}

const POLL_COLUMNS = `rowid, id, org_id, consultation_id, title, description, kind, min_choices, max_choices, eligibility, results, status,
  opens_at, closes_at, opened_at, closed_at, option_count, turnout, tally_version, created_by, created_at, updated_at`;

const toOption = (row: OptionRow): PollOptionRecord => ({
  id: row.id,
  position: row.position,
  label: row.label,
  description: row.description,
  image: row.image_media_id !== null || row.image_url !== null ? { mediaId: row.image_media_id, url: row.image_url, alt: row.image_alt } : null,
  location: row.lon !== null && row.lat !== null ? [row.lon, row.lat] : null,
  proposalId: row.proposal_id,
  statusQuo: row.status_quo === 1,
});

const toPoll = (row: PollRow, options: PollOptionRecord[]): PollRecord => ({
  rowid: row.rowid,
  id: row.id,
  orgId: row.org_id,
  consultationId: row.consultation_id,
  title: row.title,
  description: row.description,
  kind: row.kind,
  minChoices: row.min_choices,
  maxChoices: row.max_choices,
  eligibility: row.eligibility,
  results: row.results,
  status: row.status,
  opensAt: row.opens_at,
  closesAt: row.closes_at,
  openedAt: row.opened_at,
  closedAt: row.closed_at,
  createdBy: row.created_by,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  options,
  turnout: row.turnout,
  tallyVersion: row.tally_version,
});

/** A random ballot id in [1, 2^53): 53 random bits. */
function randomBallotId(): number {
  for (;;) {
    const bytes = randomBytes(7);
    const id = (bytes.readUIntBE(0, 3) & 0x1fffff) * 2 ** 32 + bytes.readUInt32BE(3);
    if (id > 0) return id;
  }
}

/** Random ballot ids, in ascending order so that a bulk insert appends (the ballots are shuffled instead). */
function randomIds(count: number): Float64Array {
  const ids = new Float64Array(count);
  const bytes = randomBytes(count * 7);
  for (let i = 0; i < count; i++) ids[i] = (bytes.readUIntBE(i * 7, 3) & 0x1fffff) * 2 ** 32 + bytes.readUInt32BE(i * 7 + 3) || 1;
  return ids.sort();
}

/** Shuffles in place with cryptographic randomness: the order ballots are imported in is not kept. */
function shuffle<T>(items: T[]): void {
  const bytes = randomBytes(Math.max(1, items.length) * 4);
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor((bytes.readUInt32LE(i * 4) / 2 ** 32) * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
}

const sqliteCode = (error: unknown) => (error instanceof Error && 'code' in error ? String((error as { code: unknown }).code) : '');

export function sqlitePolls(db: Database.Database): PollStore {
  const pollById = db.prepare(`SELECT ${POLL_COLUMNS} FROM polls WHERE org_id = ? AND id = ?`);
  const pollByRowid = db.prepare(`SELECT ${POLL_COLUMNS} FROM polls WHERE org_id = ? AND rowid = ?`);
  const pollState = db.prepare('SELECT kind, status, opens_at, closes_at, closed_at, option_count, turnout, tally, tally_version FROM polls WHERE org_id = ? AND rowid = ?');
  const optionsOf = db.prepare('SELECT * FROM poll_options WHERE poll_rowid = ? ORDER BY position');
  const optionsOfMany = db.prepare('SELECT * FROM poll_options WHERE poll_rowid IN (SELECT value FROM json_each(?)) ORDER BY poll_rowid, position');
  const listPolls = db.prepare(`SELECT ${POLL_COLUMNS} FROM polls WHERE org_id = @org AND (
      (@draft = 1 AND status = 'draft')
      OR (@open = 1 AND status = 'open' AND (closes_at IS NULL OR closes_at > @now))
      OR (@closed = 1 AND (status = 'closed' OR (status = 'open' AND closes_at <= @now)))
    ) AND (@after_created IS NULL OR (created_at, rowid) < (@after_created, @after_rowid))
    ORDER BY created_at DESC, rowid DESC LIMIT @limit`);
  const updatePoll = db.prepare(`UPDATE polls SET title = @title, description = @description, kind = @kind, min_choices = @min_choices, max_choices = @max_choices,
    eligibility = @eligibility, results = @results, opens_at = @opens_at, closes_at = @closes_at, option_count = @option_count, tally = @tally, updated_at = @at
    WHERE rowid = @rowid`);
  const writer = pollWriter(db);
  const deletePoll = db.prepare('DELETE FROM polls WHERE org_id = ? AND rowid = ?');
  const deleteEvents = db.prepare('DELETE FROM stream_events WHERE org_id = ? AND topic = ?');
  const insertVoter = db.prepare('INSERT INTO poll_voters (poll_rowid, user_id, voted_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING');
  const touchVoter = db.prepare('UPDATE poll_voters SET changed_at = ? WHERE poll_rowid = ? AND user_id = ?');
  const voterOf = db.prepare('SELECT voted_at, changed_at FROM poll_voters WHERE poll_rowid = ? AND user_id = ?');
  const insertBallot = db.prepare('INSERT INTO poll_ballots (poll_rowid, id, voter_key, receipt_hash, choices) VALUES (?, ?, ?, ?, ?)');
  const importBallot = db.prepare('INSERT INTO poll_ballots (poll_rowid, id, choices) VALUES (?, ?, ?) ON CONFLICT DO NOTHING');
  const ballotOfKey = db.prepare('SELECT id, choices FROM poll_ballots WHERE voter_key = ? AND poll_rowid = ?');
  const ballotOfReceipt = db.prepare('SELECT choices FROM poll_ballots WHERE receipt_hash = ? AND poll_rowid = ?').pluck();
  const replaceBallot = db.prepare('UPDATE poll_ballots SET receipt_hash = ?, choices = ? WHERE poll_rowid = ? AND id = ?');
  const ballotPage = db.prepare('SELECT id, receipt_hash, choices FROM poll_ballots WHERE poll_rowid = ? AND id > ? ORDER BY id LIMIT ?');
  const saveTally = db.prepare('UPDATE polls SET tally = ?, turnout = ?, tally_version = tally_version + 1 WHERE rowid = ?');
  const lastEvent = db.prepare('SELECT max(id) FROM stream_events WHERE org_id = ? AND topic = ?').pluck();

  type StateRow = { kind: PollKind; status: PollStatus; opens_at: string | null; closes_at: string | null; closed_at: string | null; option_count: number; turnout: number; tally: Buffer; tally_version: number };
  const state = (orgId: string, rowid: number): StateRow => {
    const row = pollState.get(orgId, rowid) as StateRow | undefined;
    if (!row) throw new Error(`poll ${rowid} is not in this organisation`);
    return row;
  };

  const load = (orgId: string, rowid: number): PollRecord => {
    const row = pollByRowid.get(orgId, rowid) as PollRow | undefined;
    if (!row) throw new Error(`poll ${rowid} is not in this organisation`);
    return toPoll(row, (optionsOf.all(rowid) as OptionRow[]).map(toOption));
  };

  const create = db.transaction((orgId: string, poll: Parameters<PollStore['create']>[1], at: string): number => writer.insert(orgId, poll, at));

  const update = db.transaction((orgId: string, rowid: number, changes: PollChanges, at: string) => {
    const current = load(orgId, rowid);
    if (current.status !== 'draft') throw new ConflictError('Only a draft poll can be changed: this one has been opened.');
    const kind = changes.kind ?? current.kind;
    const optionCount = changes.options?.length ?? current.options.length;
    updatePoll.run({
      rowid,
      title: changes.title ?? current.title,
      description: changes.description ?? current.description,
      kind,
      min_choices: changes.minChoices !== undefined ? changes.minChoices : current.minChoices,
      max_choices: changes.maxChoices !== undefined ? changes.maxChoices : current.maxChoices,
      eligibility: changes.eligibility ?? current.eligibility,
      results: changes.results ?? current.results,
      opens_at: changes.opensAt !== undefined ? changes.opensAt : current.opensAt,
      closes_at: changes.closesAt !== undefined ? changes.closesAt : current.closesAt,
      option_count: optionCount,
      // A draft has no ballots: its tally starts again in the new shape.
      tally: tallyBytes(emptyTally(kind, optionCount)),
      at,
    });
    if (changes.options) writer.replaceOptions(rowid, changes.options);
  });

  const close = db.transaction((orgId: string, rowid: number, now: Date) => {
    const current = state(orgId, rowid);
    if (current.status === 'draft') throw new ConflictError('A draft poll cannot be closed: open it first, or delete it.');
    if (current.status === 'closed') throw new ConflictError('This poll is already closed.');
    const phase = pollPhase({ status: current.status, opensAt: current.opens_at, closesAt: current.closes_at, closedAt: current.closed_at }, now);
    // Closed by its closing time already: the record says so, not the later moment an officer noticed.
    writer.close(rowid, phase.closedAt ?? now.toISOString(), now.toISOString());
  });

  const cast = db.transaction((orgId: string, rowid: number, ballot: Parameters<PollStore['cast']>[2], now: Date) => {
    const poll = state(orgId, rowid);
    const phase = pollPhase({ status: poll.status, opensAt: poll.opens_at, closesAt: poll.closes_at, closedAt: poll.closed_at }, now);
    if (!phase.accepting) throw new PollNotOpenError(phase.status, poll.opens_at);
    if (ballot.choices.length !== poll.option_count) throw new Error(`a ballot of ${ballot.choices.length} choices for a poll of ${poll.option_count} options`);
    const tally = tallyFromBytes(poll.tally);
    let turnout = poll.turnout;
    const at = now.toISOString();
    const first = insertVoter.run(rowid, ballot.userId, at).changes === 1;
    if (first) {
      for (;;) {
        try {
          insertBallot.run(rowid, randomBallotId(), ballot.voterKey, ballot.receiptHash, ballot.choices);
          break;
        } catch (error) {
          // A random id drawn twice (once in about 20,000 polls of a million ballots): draw again. A
          // voter key already filed with no voter row is a broken link: never count a second ballot.
          if (sqliteCode(error) === 'SQLITE_CONSTRAINT_PRIMARYKEY') continue;
          if (isUniqueViolation(error)) throw new ConflictError('A ballot is already filed for you in this poll.');
          throw error;
        }
      }
      turnout += 1;
    } else {
      const old = ballotOfKey.get(ballot.voterKey, rowid) as { id: number; choices: string } | undefined;
      if (!old) throw new ConflictError('You have voted in this poll, but your ballot can no longer be found to change it (the server’s key has changed). Your first ballot is still counted.');
      replaceBallot.run(ballot.receiptHash, ballot.choices, rowid, old.id);
      touchVoter.run(at, rowid, ballot.userId);
      addToTally(tally, poll.kind, old.choices, -1);
    }
    addToTally(tally, poll.kind, ballot.choices, 1);
    saveTally.run(tallyBytes(tally), turnout, rowid);
    return { changed: !first, turnout, version: poll.tally_version + 1 };
  });

  /** The poll with its options, voters and ballots (cascading), and its stream's stored events. */
  const remove = db.transaction((orgId: string, rowid: number): boolean => {
    const row = pollByRowid.get(orgId, rowid) as PollRow | undefined;
    if (!row) return false;
    deleteEvents.run(orgId, `poll:${row.id}`); // the topic polls/notify.ts names
    return deletePoll.run(orgId, rowid).changes > 0;
  });

  const importBallots = db.transaction((orgId: string, rowid: number, list: string[]): PollTally => {
    const poll = state(orgId, rowid);
    const wrong = list.find((choices) => choices.length !== poll.option_count);
    if (wrong !== undefined) throw new Error(`an imported ballot of ${wrong.length} choices for a poll of ${poll.option_count} options`);
    const counter = createCounter(poll.kind, poll.option_count);
    for (let i = 0; i < list.length; i += IMPORT_BATCH) counter.add(list.slice(i, i + IMPORT_BATCH).join(''));
    shuffle(list);
    const ids = randomIds(list.length);
    list.forEach((choices, i) => {
      let id = ids[i]!;
      while (importBallot.run(rowid, id, choices).changes === 0) id = randomBallotId();
    });
    const { tally: counted } = counter.finish();
    const tally = tallyFromBytes(poll.tally);
    counted.forEach((value, i) => (tally[i]! += value));
    saveTally.run(tallyBytes(tally), poll.turnout + list.length, rowid);
    return { kind: poll.kind, options: poll.option_count, turnout: poll.turnout + list.length, version: poll.tally_version + 1, tally };
  });

  return {
    async create(orgId, poll, now) {
      return load(orgId, create.immediate(orgId, poll, now.toISOString()));
    },
    async byId(orgId, id) {
      const row = pollById.get(orgId, id) as PollRow | undefined;
      return row ? toPoll(row, (optionsOf.all(row.rowid) as OptionRow[]).map(toOption)) : null;
    },
    async list(orgId, query, now) {
      const rows = listPolls.all({
        org: orgId,
        draft: query.statuses.includes('draft') ? 1 : 0,
        open: query.statuses.includes('open') ? 1 : 0,
        closed: query.statuses.includes('closed') ? 1 : 0,
        now: now.toISOString(),
        after_created: query.after?.createdAt ?? null,
        after_rowid: query.after?.rowid ?? null,
        limit: query.limit,
      }) as PollRow[];
      const options = new Map<number, PollOptionRecord[]>();
      if (rows.length > 0) {
        for (const row of optionsOfMany.all(JSON.stringify(rows.map((r) => r.rowid))) as OptionRow[]) {
          let list = options.get(row.poll_rowid);
          if (!list) options.set(row.poll_rowid, (list = []));
          list.push(toOption(row));
        }
      }
      return rows.map((row) => toPoll(row, options.get(row.rowid) ?? []));
    },
    async update(orgId, rowid, changes, now) {
      update.immediate(orgId, rowid, changes, now.toISOString());
      return load(orgId, rowid);
    },
    async open(orgId, rowid, now) {
      const at = now.toISOString();
      if (!writer.open(orgId, rowid, at)) {
        const current = state(orgId, rowid);
        throw new ConflictError(current.status === 'closed' ? 'This poll has closed; it cannot be opened again.' : 'This poll is already open.');
      }
      return load(orgId, rowid);
    },
    async close(orgId, rowid, now) {
      close.immediate(orgId, rowid, now);
      return load(orgId, rowid);
    },
    async remove(orgId, rowid) {
      return remove.immediate(orgId, rowid);
    },
    async tally(orgId, rowid) {
      const row = pollState.get(orgId, rowid) as StateRow | undefined;
      if (!row) return null;
      return { kind: row.kind, options: row.option_count, turnout: row.turnout, version: row.tally_version, tally: tallyFromBytes(row.tally) };
    },
    async cast(orgId, rowid, ballot, now) {
      return cast.immediate(orgId, rowid, ballot, now);
    },
    async voter(orgId, rowid, userId) {
      state(orgId, rowid);
      const row = voterOf.get(rowid, userId) as { voted_at: string; changed_at: string | null } | undefined;
      return row ? { votedAt: row.voted_at, changedAt: row.changed_at } : null;
    },
    async ballotByKey(orgId, rowid, voterKey) {
      state(orgId, rowid);
      return (ballotOfKey.get(voterKey, rowid) as { choices: string } | undefined)?.choices ?? null;
    },
    async ballotByReceipt(orgId, rowid, receiptHash) {
      state(orgId, rowid);
      return (ballotOfReceipt.get(receiptHash, rowid) as string | undefined) ?? null;
    },
    async ballots(orgId, rowid, afterId, limit) {
      state(orgId, rowid);
      return (ballotPage.all(rowid, afterId, limit) as { id: number; receipt_hash: Buffer | null; choices: string }[]).map(
        (row): StoredBallot => ({ id: row.id, receiptHash: row.receipt_hash, choices: row.choices }),
      );
    },
    async importBallots(orgId, rowid, choices) {
      return importBallots.immediate(orgId, rowid, [...choices]);
    },
    async recount(orgId, rowid, options = {}) {
      return recountPoll(db, { rowid, ...state(orgId, rowid) }, options);
    },
    ...sqliteVerifiedResidents(db),
    async lastEventId(orgId, topic) {
      return (lastEvent.get(orgId, topic) as number | null) ?? 0;
    },
  };
}
