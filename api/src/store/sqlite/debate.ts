// Discussions in SQLite: comments and their threads, votes, flags, history, moderation, suspensions,
// settings, reply-email opt-outs and the stream's events. Tables: migrations/008-debate.sql.
import type Database from 'better-sqlite3';
import type { CommentFlagReason, CommentStatus, DebateSettings, ModerationQueueState, Stance } from '@civic-elements/protocol';
import { textKey } from '../../domain/debate-text.js';
import { wilsonLowerBound } from '../../domain/wilson.js';
import { newId } from '../../secrets.js';
import {
  ConflictError,
  type CommentFlagRecord,
  type CommentRecord,
  type CommentSort,
  type DebateStore,
  type ModerationAction,
  type ModerationLogRecord,
  type NewComment,
  type StreamEventRecord,
  type SuspensionRecord,
} from '../types.js';
import { isUniqueViolation } from './orgs.js';

interface CommentRow {
  rowid: number;
  id: string;
  org_id: string;
  subject: string;
  thread_rowid: number | null;
  parent_rowid: number | null;
  parent_id: string | null;
  depth: number;
  reply_to_id: string | null;
  reply_to_name: string | null;
  stance: string;
  body: string;
  author_id: string | null;
  author_name: string | null;
  official_org: string | null;
  official_department: string | null;
  status: string;
  hidden_reason: string | null;
  up: number;
  down: number;
  score: number;
  reply_count: number;
  open_flags: number;
  created_at: string;
  edited_at: string | null;
}

const COLUMNS = `c.rowid, c.id, c.org_id, c.subject, c.thread_rowid, c.parent_rowid, c.parent_id, c.depth, c.reply_to_id, c.reply_to_name,
  c.stance, c.body, c.author_id, u.name AS author_name, c.official_org, c.official_department, c.status, c.hidden_reason,
  c.up, c.down, c.score, c.reply_count, c.open_flags, c.created_at, c.edited_at`;
const FROM = 'FROM comments c LEFT JOIN users u ON u.id = c.author_id';
/** What a reader may see: everything but comments waiting for a moderator, except their own (and all, for moderators). */
const VISIBLE = `(c.status <> 'pending' OR @moderator = 1 OR c.author_id = @viewer)`;

const toComment = (row: CommentRow): CommentRecord => ({
  rowid: row.rowid,
  id: row.id,
  orgId: row.org_id,
  subject: row.subject,
  threadRowid: row.thread_rowid ?? row.rowid,
  parentRowid: row.parent_rowid,
  parentId: row.parent_id,
  depth: row.depth,
  replyTo: row.reply_to_id !== null ? { id: row.reply_to_id, authorName: row.reply_to_name } : null,
  stance: row.stance as Stance,
  body: row.body,
  authorId: row.author_id,
  authorName: row.author_name,
  official: row.official_org !== null ? { organisation: row.official_org, department: row.official_department } : null,
  status: row.status as CommentStatus,
  hiddenReason: row.hidden_reason,
  up: row.up,
  down: row.down,
  score: row.score,
  replyCount: row.reply_count,
  openFlags: row.open_flags,
  createdAt: row.created_at,
  editedAt: row.edited_at,
});

/** Each sort's order, and the row values its cursor holds (the last row's, rowid last). */
const SORTS: Record<CommentSort, { columns: string; direction: 'ASC' | 'DESC' }> = {
  best: { columns: 'c.score, c.created_at, c.rowid', direction: 'DESC' },
  newest: { columns: 'c.created_at, c.rowid', direction: 'DESC' },
  oldest: { columns: 'c.created_at, c.rowid', direction: 'ASC' },
  debated: { columns: 'c.reply_count, c.up + c.down, c.rowid', direction: 'DESC' },
};

/** The values a cursor after this comment holds, for the sort. */
export function cursorValues(sort: CommentSort, comment: CommentRecord): (string | number)[] {
  switch (sort) {
    case 'best':
      return [comment.score, comment.createdAt, comment.rowid];
    case 'debated':
      return [comment.replyCount, comment.up + comment.down, comment.rowid];
    default:
      return [comment.createdAt, comment.rowid];
  }
}

interface SuspensionRow {
  id: string;
  org_id: string;
  user_id: string;
  user_name: string;
  until: string;
  reason: string;
  created_at: string;
  lifted_at: string | null;
}
const toSuspension = (row: SuspensionRow): SuspensionRecord => ({
  id: row.id,
  orgId: row.org_id,
  userId: row.user_id,
  userName: row.user_name,
  until: row.until,
  reason: row.reason,
  createdAt: row.created_at,
  liftedAt: row.lifted_at,
});

export function sqliteDebate(db: Database.Database): DebateStore {
  const byRowid = db.prepare(`SELECT ${COLUMNS} ${FROM} WHERE c.org_id = ? AND c.rowid = ?`);
  const byId = db.prepare(`SELECT ${COLUMNS} ${FROM} WHERE c.org_id = ? AND c.id = ?`);
  const insert = db.prepare(`INSERT INTO comments (id, org_id, subject, thread_rowid, parent_rowid, parent_id, depth, reply_to_id, reply_to_name,
    stance, body, text_key, author_id, official_org, official_department, status, created_at, updated_at)
    VALUES (@id, @org_id, @subject, @thread_rowid, @parent_rowid, @parent_id, @depth, @reply_to_id, @reply_to_name,
    @stance, @body, @text_key, @author_id, @official_org, @official_department, @status, @at, @at)`);
  const ownThread = db.prepare('UPDATE comments SET thread_rowid = rowid WHERE rowid = ?');
  const userName = db.prepare('SELECT name FROM users WHERE id = ?').pluck();

  const listStatements = new Map<string, Database.Statement>();
  for (const [sort, { columns, direction }] of Object.entries(SORTS)) {
    const order = columns
      .split(', ')
      .map((column) => `${column} ${direction}`)
      .join(', ');
    const base = `SELECT ${COLUMNS} ${FROM} WHERE c.org_id = @org AND c.subject = @subject AND c.depth = 0 AND ${VISIBLE}`;
    listStatements.set(`${sort}:first`, db.prepare(`${base} ORDER BY ${order} LIMIT @limit`));
    const placeholders = columns.split(', ').map((_, i) => `@v${i}`);
    listStatements.set(`${sort}:after`, db.prepare(`${base} AND (${columns}) ${direction === 'DESC' ? '<' : '>'} (${placeholders.join(', ')}) ORDER BY ${order} LIMIT @limit`));
  }
  const repliesOf = db.prepare(`SELECT * FROM (
      SELECT ${COLUMNS}, row_number() OVER ordered AS n, count(*) OVER (PARTITION BY c.thread_rowid) AS of ${FROM}
      WHERE c.thread_rowid IN (SELECT value FROM json_each(@threads)) AND c.depth > 0 AND ${VISIBLE}
      WINDOW ordered AS (PARTITION BY c.thread_rowid ORDER BY CASE c.depth WHEN 1 THEN c.rowid ELSE c.parent_rowid END, c.depth, c.rowid)
    ) WHERE n <= @per ORDER BY thread_rowid, n`);
  const statsOf = db.prepare('SELECT n_for, n_against, n_neutral, n_question, total, top_level FROM comment_subjects WHERE org_id = ? AND subject = ?');
  const lastEvent = db.prepare('SELECT max(id) FROM stream_events WHERE org_id = ? AND topic = ?').pluck();
  const strongest = db.prepare(`SELECT ${COLUMNS} ${FROM} WHERE c.org_id = ? AND c.subject = ? AND c.stance = ? AND c.depth = 0 AND c.status = 'published'
    ORDER BY c.score DESC LIMIT ?`);
  const recentBy = db.prepare('SELECT count(*) AS n, min(created_at) AS oldest FROM comments WHERE org_id = ? AND author_id = ? AND created_at > ?');
  const sameText = db.prepare(`SELECT id FROM comments WHERE org_id = ? AND author_id = ? AND text_key = ? AND status <> 'deleted' LIMIT 1`).pluck();
  const addRevision = db.prepare('INSERT INTO comment_revisions (comment_rowid, body, stance, at) VALUES (?, ?, ?, ?)');
  const revisions = db.prepare(`SELECT r.body, r.stance, r.at FROM comment_revisions r JOIN comments c ON c.rowid = r.comment_rowid
    WHERE c.org_id = ? AND r.comment_rowid = ? ORDER BY r.rowid`);
  const editRow = db.prepare('UPDATE comments SET body = ?, text_key = ?, stance = ?, edited_at = ?, updated_at = ? WHERE rowid = ?');
  const removeRow = db.prepare(`UPDATE comments SET status = 'deleted', body = '', hidden_reason = NULL, updated_at = ? WHERE rowid = ?`);
  const dropRevisions = db.prepare('DELETE FROM comment_revisions WHERE comment_rowid = ?');
  const clearFlags = db.prepare('UPDATE comments SET open_flags = 0 WHERE rowid = ?');
  const voteOf = db.prepare('SELECT value FROM comment_votes WHERE comment_rowid = ? AND user_id = ?').pluck();
  const upsertVote = db.prepare(`INSERT INTO comment_votes (comment_rowid, user_id, value, created_at) VALUES (?, ?, ?, ?)
    ON CONFLICT (comment_rowid, user_id) DO UPDATE SET value = excluded.value, created_at = excluded.created_at`);
  const deleteVote = db.prepare('DELETE FROM comment_votes WHERE comment_rowid = ? AND user_id = ?');
  const setVotes = db.prepare('UPDATE comments SET up = ?, down = ?, score = ? WHERE rowid = ?');
  const votesOf = db.prepare('SELECT comment_rowid, value FROM comment_votes WHERE user_id = ? AND comment_rowid IN (SELECT value FROM json_each(?))');
  const flaggedBy = db.prepare('SELECT comment_rowid FROM comment_flags WHERE user_id = ? AND comment_rowid IN (SELECT value FROM json_each(?))').pluck();
  const insertFlag = db.prepare('INSERT INTO comment_flags (comment_rowid, user_id, reason, note, created_at) VALUES (?, ?, ?, ?, ?)');
  const countFlag = db.prepare('UPDATE comments SET open_flags = open_flags + 1 WHERE rowid = ?');
  const openFlags = db.prepare(`SELECT comment_rowid, user_id, reason, note, created_at FROM comment_flags
    WHERE resolved_at IS NULL AND comment_rowid IN (SELECT value FROM json_each(?)) ORDER BY comment_rowid, created_at`);
  const resolveFlags = db.prepare('UPDATE comment_flags SET resolved_at = ? WHERE comment_rowid = ? AND resolved_at IS NULL');
  const setStatus = db.prepare('UPDATE comments SET status = ?, hidden_reason = ?, open_flags = ?, updated_at = ? WHERE rowid = ?');
  const insertLog = db.prepare(`INSERT INTO comment_moderation_log (id, org_id, action, comment_id, user_id, moderator_id, reason, created_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
  const QUEUE_WHERE: Record<ModerationQueueState, string> = {
    waiting: `c.status = 'pending'`,
    flagged: `c.open_flags > 0 AND c.status = 'published'`,
    hidden: `c.status = 'hidden'`,
  };
  const queueStatements = new Map<ModerationQueueState, Database.Statement>();
  const queueCounts = new Map<ModerationQueueState, Database.Statement>();
  for (const [state, where] of Object.entries(QUEUE_WHERE) as [ModerationQueueState, string][]) {
    queueStatements.set(state, db.prepare(`SELECT ${COLUMNS} ${FROM} WHERE c.org_id = ? AND ${where} AND c.rowid > ? ORDER BY c.rowid LIMIT ?`));
    queueCounts.set(state, db.prepare(`SELECT count(*) FROM comments c WHERE c.org_id = ? AND ${where}`).pluck());
  }
  const logPage = db.prepare(`SELECT l.rowid, l.id, l.action, l.comment_id, l.user_id, l.moderator_id, u.name AS moderator_name, l.reason, l.created_at
    FROM comment_moderation_log l LEFT JOIN users u ON u.id = l.moderator_id
    WHERE l.org_id = ? AND l.rowid < ? ORDER BY l.rowid DESC LIMIT ?`);
  const SUSPENSION = `SELECT s.id, s.org_id, s.user_id, u.name AS user_name, s.until, s.reason, s.created_at, s.lifted_at
    FROM comment_suspensions s JOIN users u ON u.id = s.user_id`;
  const insertSuspension = db.prepare(`INSERT INTO comment_suspensions (id, org_id, user_id, until, reason, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`);
  const suspensionById = db.prepare(`${SUSPENSION} WHERE s.org_id = ? AND s.id = ?`);
  const suspensionOf = db.prepare(`${SUSPENSION} WHERE s.org_id = ? AND s.user_id = ? AND s.lifted_at IS NULL AND s.until > ? ORDER BY s.until DESC LIMIT 1`);
  const suspensionsInForce = db.prepare(`${SUSPENSION} WHERE s.org_id = ? AND s.lifted_at IS NULL AND s.until > ? ORDER BY s.created_at DESC, s.id`);
  const liftSuspension = db.prepare('UPDATE comment_suspensions SET lifted_at = ? WHERE org_id = ? AND id = ? AND lifted_at IS NULL AND until > ?');
  const settingsRow = db.prepare('SELECT settings FROM debate_settings WHERE org_id = ?').pluck();
  const upsertSettings = db.prepare(`INSERT INTO debate_settings (org_id, settings, updated_at) VALUES (?, ?, ?)
    ON CONFLICT (org_id) DO UPDATE SET settings = excluded.settings, updated_at = excluded.updated_at`);
  const subscription = db.prepare('SELECT replies FROM comment_subscriptions WHERE org_id = ? AND user_id = ?').pluck();
  const upsertSubscription = db.prepare(`INSERT INTO comment_subscriptions (org_id, user_id, replies, updated_at) VALUES (?, ?, ?, ?)
    ON CONFLICT (org_id, user_id) DO UPDATE SET replies = excluded.replies, updated_at = excluded.updated_at`);
  const insertEvent = db.prepare('INSERT INTO stream_events (org_id, topic, event, data, created_at) VALUES (?, ?, ?, ?, ?)');
  const eventsAfter = db.prepare('SELECT id, event, data FROM stream_events WHERE org_id = ? AND topic = ? AND id > ? ORDER BY id LIMIT ?');
  const pruneEvents = db.prepare('DELETE FROM stream_events WHERE created_at < ?');
  // Ids only grow (AUTOINCREMENT): below the oldest event kept, some may be gone; with none kept, all up to the last one handed out.
  const forgotten = db.prepare(`SELECT coalesce((SELECT min(id) - 1 FROM stream_events), (SELECT seq FROM sqlite_sequence WHERE name = 'stream_events'), 0)`).pluck();

  const load = (orgId: string, rowid: number): CommentRecord => {
    const row = byRowid.get(orgId, rowid) as CommentRow | undefined;
    if (!row) throw new Error(`comment ${rowid} is not in this organisation`);
    return toComment(row);
  };

  const log = (orgId: string, action: ModerationAction, entry: { commentId: string | null; userId: string | null; moderatorId: string | null; reason: string | null }, at: string) =>
    insertLog.run(newId(), orgId, action, entry.commentId, entry.userId, entry.moderatorId, entry.reason, at);

  function insertComment(input: NewComment, at: string): number {
    const parent = input.parent;
    const result = insert.run({
      id: newId(),
      org_id: input.orgId,
      subject: input.subject,
      thread_rowid: parent ? parent.threadRowid : null,
      parent_rowid: parent ? parent.rowid : null,
      parent_id: parent ? parent.id : null,
      depth: parent ? parent.depth + 1 : 0,
      reply_to_id: input.replyTo?.id ?? null,
      reply_to_name: input.replyTo?.authorName ?? null,
      stance: input.stance,
      body: input.body,
      text_key: input.textKey,
      author_id: input.authorId,
      official_org: input.official?.organisation ?? null,
      official_department: input.official?.department ?? null,
      status: input.status,
      at,
    });
    const rowid = Number(result.lastInsertRowid);
    if (!parent) ownThread.run(rowid);
    return rowid;
  }

  function applyVote(rowid: number, userId: string, value: -1 | 0 | 1, at: string, current: { up: number; down: number }): { up: number; down: number } {
    const before = (voteOf.get(rowid, userId) as number | undefined) ?? 0;
    if (before === value) return current;
    if (value === 0) deleteVote.run(rowid, userId);
    else upsertVote.run(rowid, userId, value, at);
    const up = current.up - (before === 1 ? 1 : 0) + (value === 1 ? 1 : 0);
    const down = current.down - (before === -1 ? 1 : 0) + (value === -1 ? 1 : 0);
    setVotes.run(up, down, wilsonLowerBound(up, down), rowid);
    return { up, down };
  }

  const create = db.transaction((input: NewComment, at: string) => insertComment(input, at));

  const importComments = db.transaction((orgId: string, subject: string, list: readonly import('../types.js').ImportedComment[]) => {
    const made: CommentRecord[] = [];
    for (const item of list) {
      let parent: CommentRecord | null = null;
      let replyTo: NewComment['replyTo'] = null;
      if (item.replyTo !== undefined) {
        const target = made[item.replyTo];
        if (!target) throw new Error(`comment ${item.replyTo} comes later than its reply`);
        if (target.depth < 2) parent = target;
        else {
          parent = made.find((c) => c.rowid === target.parentRowid) ?? load(orgId, target.parentRowid!);
          replyTo = { id: target.id, authorName: target.authorName };
        }
      }
      const rowid = insertComment(
        { orgId, subject, parent, replyTo, stance: item.stance, body: item.body, textKey: textKey(item.body), authorId: item.authorId, official: item.official ?? null, status: 'published' },
        item.createdAt,
      );
      let counts = { up: 0, down: 0 };
      for (const vote of item.votes ?? []) counts = applyVote(rowid, vote.userId, vote.value, item.createdAt, counts);
      const record = toComment({ ...(byRowid.get(orgId, rowid) as CommentRow) });
      record.authorName ??= (userName.get(item.authorId) as string | undefined) ?? null;
      made.push(record);
    }
    return made.map((c) => c.id);
  });

  const edit = db.transaction((orgId: string, rowid: number, changes: { body: string; textKey: string; stance: Stance }, at: string) => {
    const current = load(orgId, rowid);
    addRevision.run(rowid, current.body, current.stance, current.editedAt ?? current.createdAt);
    editRow.run(changes.body, changes.textKey, changes.stance, at, at, rowid);
  });

  const remove = db.transaction((orgId: string, rowid: number, at: string) => {
    load(orgId, rowid);
    removeRow.run(at, rowid);
    dropRevisions.run(rowid);
    resolveFlags.run(at, rowid);
    clearFlags.run(rowid);
  });

  const vote = db.transaction((orgId: string, rowid: number, userId: string, value: -1 | 0 | 1, at: string) => {
    const current = load(orgId, rowid);
    applyVote(rowid, userId, value, at, current);
  });

  const flag = db.transaction((orgId: string, rowid: number, input: { userId: string; reason: CommentFlagReason; note: string | null }, threshold: number, at: string): boolean => {
    const current = load(orgId, rowid);
    try {
      insertFlag.run(rowid, input.userId, input.reason, input.note, at);
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictError('You have already flagged this comment. A moderator will look at it.');
      throw error;
    }
    countFlag.run(rowid);
    if (current.status === 'published' && current.openFlags + 1 >= threshold) {
      setStatus.run('pending', null, current.openFlags + 1, at, rowid);
      log(orgId, 'auto-hide', { commentId: current.id, userId: current.authorId, moderatorId: null, reason: `${current.openFlags + 1} people flagged it.` }, at);
      return true;
    }
    return false;
  });

  const moderate = db.transaction((orgId: string, rowid: number, action: 'hide' | 'restore' | 'approve' | 'dismiss', by: { moderatorId: string; reason: string | null }, at: string) => {
    const current = load(orgId, rowid);
    if (action !== 'restore') resolveFlags.run(at, rowid);
    const flags = action === 'restore' ? current.openFlags : 0;
    if (action === 'hide') setStatus.run('hidden', by.reason, flags, at, rowid);
    else if (action === 'restore') setStatus.run('published', null, flags, at, rowid);
    else if (action === 'approve') setStatus.run('published', null, flags, at, rowid);
    else setStatus.run(current.status, current.hiddenReason, flags, at, rowid);
    log(orgId, action, { commentId: current.id, userId: current.authorId, moderatorId: by.moderatorId, reason: by.reason }, at);
  });

  const suspend = db.transaction((orgId: string, input: { userId: string; until: string; reason: string; by: string }, at: string) => {
    const id = newId();
    insertSuspension.run(id, orgId, input.userId, input.until, input.reason, input.by, at);
    log(orgId, 'suspend', { commentId: null, userId: input.userId, moderatorId: input.by, reason: input.reason }, at);
    return id;
  });

  const lift = db.transaction((orgId: string, id: string, by: string, at: string): boolean => {
    const found = suspensionById.get(orgId, id) as SuspensionRow | undefined;
    if (!found || liftSuspension.run(at, orgId, id, at).changes === 0) return false;
    log(orgId, 'lift', { commentId: null, userId: found.user_id, moderatorId: by, reason: null }, at);
    return true;
  });

  const visibility = (q: { viewerId: string | null; moderator: boolean }) => ({ viewer: q.viewerId, moderator: q.moderator ? 1 : 0 });

  return {
    async create(comment, now) {
      return load(comment.orgId, create.immediate(comment, now.toISOString()));
    },
    async importComments(orgId, subject, comments) {
      return importComments.immediate(orgId, subject, comments);
    },
    async byId(orgId, id) {
      const row = byId.get(orgId, id) as CommentRow | undefined;
      return row ? toComment(row) : null;
    },
    async list(orgId, query) {
      const params: Record<string, unknown> = { org: orgId, subject: query.subject, limit: query.limit, ...visibility(query) };
      query.after?.forEach((value, i) => (params[`v${i}`] = value));
      const statement = listStatements.get(`${query.sort}:${query.after ? 'after' : 'first'}`)!;
      return (statement.all(params) as CommentRow[]).map(toComment);
    },
    async replies(orgId, threadRowids, query, perThread) {
      const counts = new Map<number, number>();
      if (threadRowids.length === 0) return { replies: [], counts };
      const rows = repliesOf.all({ threads: JSON.stringify(threadRowids), per: perThread, ...visibility(query) }) as (CommentRow & { of: number })[];
      const replies: CommentRecord[] = [];
      for (const row of rows) {
        if (row.org_id !== orgId) continue; // threads are the organisation's own; never mix
        counts.set(row.thread_rowid!, row.of);
        replies.push(toComment(row));
      }
      return { replies, counts };
    },
    async stats(orgId, subject, topic) {
      const row = statsOf.get(orgId, subject) as { n_for: number; n_against: number; n_neutral: number; n_question: number; total: number; top_level: number } | undefined;
      const lastEventId = (lastEvent.get(orgId, topic) as number | null) ?? 0;
      return {
        counts: { for: row?.n_for ?? 0, against: row?.n_against ?? 0, neutral: row?.n_neutral ?? 0, question: row?.n_question ?? 0 },
        total: row?.total ?? 0,
        topLevel: row?.top_level ?? 0,
        lastEventId,
      };
    },
    async strongest(orgId, subject, stance, limit) {
      return (strongest.all(orgId, subject, stance, limit) as CommentRow[]).map(toComment);
    },
    async recentBy(orgId, authorId, since) {
      const row = recentBy.get(orgId, authorId, since) as { n: number; oldest: string | null };
      return { count: row.n, oldest: row.oldest };
    },
    async sameText(orgId, authorId, key) {
      return (sameText.get(orgId, authorId, key) as string | undefined) ?? null;
    },
    async edit(orgId, rowid, changes, now) {
      edit.immediate(orgId, rowid, changes, now.toISOString());
      return load(orgId, rowid);
    },
    async revisions(orgId, rowid) {
      return (revisions.all(orgId, rowid) as { body: string; stance: Stance; at: string }[]).map((r) => ({ body: r.body, stance: r.stance, at: r.at }));
    },
    async remove(orgId, rowid, now) {
      remove.immediate(orgId, rowid, now.toISOString());
      return load(orgId, rowid);
    },
    async vote(orgId, rowid, userId, value, now) {
      vote.immediate(orgId, rowid, userId, value, now.toISOString());
      return load(orgId, rowid);
    },
    async votesOf(userId, rowids) {
      const map = new Map<number, -1 | 1>();
      if (rowids.length === 0) return map;
      for (const row of votesOf.all(userId, JSON.stringify(rowids)) as { comment_rowid: number; value: -1 | 1 }[]) map.set(row.comment_rowid, row.value);
      return map;
    },
    async flaggedBy(userId, rowids) {
      if (rowids.length === 0) return new Set();
      return new Set(flaggedBy.all(userId, JSON.stringify(rowids)) as number[]);
    },
    async flag(orgId, rowid, input, threshold, now) {
      const autoHidden = flag.immediate(orgId, rowid, input, threshold, now.toISOString());
      return { comment: load(orgId, rowid), autoHidden };
    },
    async openFlags(rowids) {
      const map = new Map<number, CommentFlagRecord[]>();
      if (rowids.length === 0) return map;
      for (const row of openFlags.all(JSON.stringify(rowids)) as { comment_rowid: number; user_id: string; reason: CommentFlagReason; note: string | null; created_at: string }[]) {
        let list = map.get(row.comment_rowid);
        if (!list) map.set(row.comment_rowid, (list = []));
        list.push({ userId: row.user_id, reason: row.reason, note: row.note, createdAt: row.created_at });
      }
      return map;
    },
    async moderate(orgId, rowid, action, by, now) {
      moderate.immediate(orgId, rowid, action, by, now.toISOString());
      return load(orgId, rowid);
    },
    async queue(orgId, state, after, limit) {
      return (queueStatements.get(state)!.all(orgId, after ?? 0, limit) as CommentRow[]).map(toComment);
    },
    async queueCount(orgId, state) {
      return queueCounts.get(state)!.get(orgId) as number;
    },
    async log(orgId, before, limit) {
      const rows = logPage.all(orgId, before ?? Number.MAX_SAFE_INTEGER, limit) as {
        rowid: number;
        id: string;
        action: ModerationAction;
        comment_id: string | null;
        user_id: string | null;
        moderator_id: string | null;
        moderator_name: string | null;
        reason: string | null;
        created_at: string;
      }[];
      return rows.map(
        (row): ModerationLogRecord => ({
          rowid: row.rowid,
          id: row.id,
          action: row.action,
          commentId: row.comment_id,
          userId: row.user_id,
          moderator: row.moderator_id !== null ? { id: row.moderator_id, name: row.moderator_name ?? '' } : null,
          reason: row.reason,
          createdAt: row.created_at,
        }),
      );
    },
    async suspend(orgId, suspension, now) {
      const id = suspend.immediate(orgId, suspension, now.toISOString());
      return toSuspension(suspensionById.get(orgId, id) as SuspensionRow);
    },
    async suspensionOf(orgId, userId, now) {
      const row = suspensionOf.get(orgId, userId, now.toISOString()) as SuspensionRow | undefined;
      return row ? toSuspension(row) : null;
    },
    async suspensions(orgId, now) {
      return (suspensionsInForce.all(orgId, now.toISOString()) as SuspensionRow[]).map(toSuspension);
    },
    async lift(orgId, id, by, now) {
      if (!lift.immediate(orgId, id, by, now.toISOString())) return null;
      return toSuspension(suspensionById.get(orgId, id) as SuspensionRow);
    },
    async settings(orgId) {
      const text = settingsRow.get(orgId) as string | undefined;
      return text ? (JSON.parse(text) as DebateSettings) : null;
    },
    async saveSettings(orgId, settings, now) {
      upsertSettings.run(orgId, JSON.stringify(settings), now.toISOString());
      return settings;
    },
    async repliesByEmail(orgId, userId) {
      return ((subscription.get(orgId, userId) as number | undefined) ?? 1) === 1;
    },
    async setRepliesByEmail(orgId, userId, on, now) {
      upsertSubscription.run(orgId, userId, on ? 1 : 0, now.toISOString());
    },
    async appendEvent(orgId, topic, event, data, now) {
      return Number(insertEvent.run(orgId, topic, event, data, now.toISOString()).lastInsertRowid);
    },
    async eventsAfter(orgId, topic, afterId, limit) {
      return eventsAfter.all(orgId, topic, afterId, limit) as StreamEventRecord[];
    },
    async pruneEvents(before) {
      return pruneEvents.run(before.toISOString()).changes;
    },
    async forgottenUpTo() {
      return forgotten.get() as number;
    },
  };
}
