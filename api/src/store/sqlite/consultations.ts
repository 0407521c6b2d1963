// Consultations in SQLite: the consultation and its phases, advanced by a conditional UPDATE in one
// transaction with what the step does (admission decided from confirmed support, the ranked vote opened
// or closed). Proposals, support and suggestions: consultation-proposals.ts. Tables: migrations/010-consultations.sql.
import type Database from 'better-sqlite3';
import { STATUS_QUO_LABEL, type AdmissionQuorum, type ConsultationPhase, type PollEligibility, type ProposalStatus, type ResultsVisibility } from '@civic-elements/protocol';
import { decideAdmission, nextPhase } from '../../domain/consultation.js';
import { pollPhase } from '../../domain/poll-phase.js';
import { newId } from '../../secrets.js';
import { ConsultationPhaseError, type AdvanceRecord, type ConsultationChanges, type ConsultationRecord, type ConsultationStore } from '../types.js';
import { sqliteProposals } from './consultation-proposals.js';
import { pollWriter } from './poll-writer.js';

interface ConsultationRow {
  rowid: number;
  id: string;
  org_id: string;
  title: string;
  description: string;
  phase: ConsultationPhase;
  quorum_kind: 'supporters' | 'share';
  quorum_count: number;
  quorum_percent: number | null;
  eligibility: PollEligibility;
  results: ResultsVisibility;
  auto_advance: number;
  proposing_ends_at: string;
  discussion_ends_at: string;
  frozen_ends_at: string;
  voting_ends_at: string;
  proposing_at: string | null;
  discussion_at: string | null;
  frozen_at: string | null;
  voting_at: string | null;
  closed_at: string | null;
  poll_rowid: number | null;
  poll_id: string | null;
  proposal_count: number;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

const SELECT = `SELECT c.rowid, c.id, c.org_id, c.title, c.description, c.phase, c.quorum_kind, c.quorum_count, c.quorum_percent, c.eligibility, c.results,
  c.auto_advance, c.proposing_ends_at, c.discussion_ends_at, c.frozen_ends_at, c.voting_ends_at, c.proposing_at, c.discussion_at, c.frozen_at, c.voting_at,
  c.closed_at, c.poll_rowid, p.id AS poll_id, (SELECT count(*) FROM proposals WHERE consultation_rowid = c.rowid) AS proposal_count,
  c.created_by, c.created_at, c.updated_at
  FROM consultations c LEFT JOIN polls p ON p.rowid = c.poll_rowid`;

const quorumOf = (row: ConsultationRow): AdmissionQuorum =>
  row.quorum_kind === 'share' ? { kind: 'share', percent: row.quorum_percent!, minimum: row.quorum_count } : { kind: 'supporters', count: row.quorum_count };

const quorumColumns = (quorum: AdmissionQuorum) =>
  quorum.kind === 'share' ? { quorum_kind: 'share', quorum_count: quorum.minimum, quorum_percent: quorum.percent } : { quorum_kind: 'supporters', quorum_count: quorum.count, quorum_percent: null };

const toConsultation = (row: ConsultationRow): ConsultationRecord => ({
  rowid: row.rowid,
  id: row.id,
  orgId: row.org_id,
  title: row.title,
  description: row.description,
  phase: row.phase,
  quorum: quorumOf(row),
  eligibility: row.eligibility,
  results: row.results,
  autoAdvance: row.auto_advance === 1,
  proposingEndsAt: row.proposing_ends_at,
  discussionEndsAt: row.discussion_ends_at,
  frozenEndsAt: row.frozen_ends_at,
  votingEndsAt: row.voting_ends_at,
  startedAt: { proposing: row.proposing_at, discussion: row.discussion_at, frozen: row.frozen_at, voting: row.voting_at, closed: row.closed_at },
  pollRowid: row.poll_rowid,
  pollId: row.poll_id,
  proposalCount: row.proposal_count,
  createdBy: row.created_by,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

/** A proposal as the admission decision reads it. */
interface Decidable {
  rowid: number;
  id: string;
  title: string;
  summary: string;
  status: ProposalStatus;
  confirmed: number;
}

/** The words under the vote's title. */
const VOTE_DESCRIPTION = `Rank the proposals in your order of preference. “${STATUS_QUO_LABEL}” is on the ballot too: rank it above any proposal you would rather not see taken up.`;

export function sqliteConsultations(db: Database.Database): ConsultationStore {
  const insert = db.prepare(`INSERT INTO consultations (id, org_id, title, description, phase, quorum_kind, quorum_count, quorum_percent, eligibility, results, auto_advance,
    proposing_ends_at, discussion_ends_at, frozen_ends_at, voting_ends_at, created_by, created_at, updated_at)
    VALUES (@id, @org_id, @title, @description, 'draft', @quorum_kind, @quorum_count, @quorum_percent, @eligibility, @results, @auto_advance,
    @proposing_ends_at, @discussion_ends_at, @frozen_ends_at, @voting_ends_at, @created_by, @at, @at)`);
  const byRowid = db.prepare(`${SELECT} WHERE c.org_id = ? AND c.rowid = ?`);
  const byId = db.prepare(`${SELECT} WHERE c.org_id = ? AND c.id = ?`);
  const list = db.prepare(`${SELECT} WHERE c.org_id = @org AND c.phase IN (SELECT value FROM json_each(@phases))
    AND (@after_created IS NULL OR (c.created_at, c.rowid) < (@after_created, @after_rowid))
    ORDER BY c.created_at DESC, c.rowid DESC LIMIT @limit`);
  const update = db.prepare(`UPDATE consultations SET title = @title, description = @description, quorum_kind = @quorum_kind, quorum_count = @quorum_count,
    quorum_percent = @quorum_percent, eligibility = @eligibility, results = @results, auto_advance = @auto_advance, proposing_ends_at = @proposing_ends_at,
    discussion_ends_at = @discussion_ends_at, frozen_ends_at = @frozen_ends_at, voting_ends_at = @voting_ends_at, updated_at = @at
    WHERE rowid = @rowid`);
  const pollClosesAt = db.prepare(`UPDATE polls SET closes_at = ?, updated_at = ? WHERE rowid = ? AND status = 'open'`);
  const remove = db.prepare('DELETE FROM consultations WHERE org_id = ? AND rowid = ?');
  const removePoll = db.prepare('DELETE FROM polls WHERE org_id = ? AND rowid = ?');
  const removeEvents = db.prepare('DELETE FROM stream_events WHERE org_id = ? AND topic = ?');
  const proposalIds = db.prepare('SELECT id FROM proposals WHERE consultation_rowid = ?').pluck();
  const due = db.prepare(`SELECT org_id, rowid, id, phase FROM consultations INDEXED BY consultations_due
    WHERE auto_advance = 1 AND current_ends_at IS NOT NULL AND current_ends_at <= ? ORDER BY current_ends_at LIMIT ?`);
  const lastEvent = db.prepare('SELECT max(id) FROM stream_events WHERE org_id = ? AND topic = ?').pluck();
  // One statement per phase entered: it records when that phase began.
  const enter = Object.fromEntries(
    (['proposing', 'discussion', 'frozen', 'voting', 'closed'] as const).map((to) => [
      to,
      db.prepare(`UPDATE consultations SET phase = '${to}', ${to}_at = @at, updated_at = @at WHERE org_id = @org AND rowid = @rowid AND phase = @from`),
    ]),
  ) as Record<Exclude<ConsultationPhase, 'draft'>, Database.Statement>;
  const proposalsToDecide = db.prepare(`SELECT rowid, id, title, summary, status, confirmed FROM proposals WHERE consultation_rowid = ? ORDER BY created_at, rowid`);
  const setStatus = db.prepare('UPDATE proposals SET status = ? WHERE rowid = ?');
  const setPoll = db.prepare('UPDATE consultations SET poll_rowid = ? WHERE rowid = ?');
  const pollState = db.prepare('SELECT status, opens_at, closes_at, closed_at FROM polls WHERE rowid = ?');
  const proposals = sqliteProposals(db);
  const writer = pollWriter(db);

  const load = (orgId: string, rowid: number): ConsultationRecord => {
    const row = byRowid.get(orgId, rowid) as ConsultationRow | undefined;
    if (!row) throw new Error(`consultation ${rowid} is not in this organisation`);
    return toConsultation(row);
  };

  const change = db.transaction((orgId: string, rowid: number, changes: ConsultationChanges, at: string) => {
    const current = load(orgId, rowid);
    if (current.phase === 'closed') throw new ConsultationPhaseError(current.phase, 'change');
    const next = { ...current, ...Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined)) } as ConsultationRecord;
    update.run({
      rowid,
      title: next.title,
      description: next.description,
      ...quorumColumns(next.quorum),
      eligibility: next.eligibility,
      results: next.results,
      auto_advance: next.autoAdvance ? 1 : 0,
      proposing_ends_at: next.proposingEndsAt,
      discussion_ends_at: next.discussionEndsAt,
      frozen_ends_at: next.frozenEndsAt,
      voting_ends_at: next.votingEndsAt,
      at,
    });
    // The vote closes by itself at the end of the voting phase only when the phases advance by themselves.
    if (current.phase === 'voting' && current.pollRowid !== null) pollClosesAt.run(next.autoAdvance ? next.votingEndsAt : null, at, current.pollRowid);
  });

  const advance = db.transaction((orgId: string, rowid: number, from: ConsultationPhase, now: Date): AdvanceRecord | null => {
    const row = byRowid.get(orgId, rowid) as ConsultationRow | undefined;
    if (!row || row.phase !== from) return null;
    const consultation = toConsultation(row);
    let to = nextPhase(from);
    if (to === null || to === 'draft') return null;
    const at = now.toISOString();
    const record: AdvanceRecord = { from, to, pollRowid: null, admitted: [], notAdmitted: [] };
    let decision: { admitted: Decidable[]; notAdmitted: Decidable[] } | undefined;
    if (from === 'frozen') {
      const list = proposalsToDecide.all(rowid) as Decidable[];
      decision = decideAdmission(list, consultation.quorum, proposals.participantCount(rowid, 'confirmed'));
      if (decision.admitted.length === 0) to = 'closed';
    }
    // The guard that makes advancing safe with two processes: only the one whose UPDATE finds the
    // phase it leaves goes on to do the rest.
    if (enter[to].run({ org: orgId, rowid, from, at }).changes === 0) return null;
    record.to = to;
    if (decision) {
      for (const p of decision.admitted) setStatus.run('admitted', p.rowid);
      for (const p of decision.notAdmitted) setStatus.run('not-admitted', p.rowid);
      record.admitted = decision.admitted.map((p) => p.id);
      record.notAdmitted = decision.notAdmitted.map((p) => p.id);
      if (to === 'voting') {
        const pollRowid = writer.insert(
          orgId,
          {
            title: consultation.title,
            description: VOTE_DESCRIPTION,
            kind: 'ranked',
            minChoices: null,
            maxChoices: null,
            eligibility: consultation.eligibility,
            results: consultation.results,
            opensAt: null,
            closesAt: consultation.autoAdvance ? consultation.votingEndsAt : null,
            options: [
              ...decision.admitted.map((p) => ({ label: p.title, description: p.summary, image: null, location: null, proposalId: p.id })),
              { label: STATUS_QUO_LABEL, description: null, image: null, location: null, statusQuo: true },
            ],
            createdBy: consultation.createdBy,
            consultationId: consultation.id,
          },
          at,
        );
        writer.open(orgId, pollRowid, at);
        setPoll.run(pollRowid, rowid);
        record.pollRowid = pollRowid;
      }
    }
    if (from === 'voting' && consultation.pollRowid !== null) {
      const poll = pollState.get(consultation.pollRowid) as { status: 'draft' | 'open' | 'closed'; opens_at: string | null; closes_at: string | null; closed_at: string | null } | undefined;
      if (poll?.status === 'open') {
        // Closed by its closing time already: the record says so, not the later moment the scheduler came by.
        const phase = pollPhase({ status: poll.status, opensAt: poll.opens_at, closesAt: poll.closes_at, closedAt: poll.closed_at }, now);
        writer.close(consultation.pollRowid, phase.closedAt ?? at, at);
      }
      record.pollRowid = consultation.pollRowid;
    }
    return record;
  });

  const removeAll = db.transaction((orgId: string, rowid: number): boolean => {
    const row = byRowid.get(orgId, rowid) as ConsultationRow | undefined;
    if (!row) return false;
    // The topics consultations/notify.ts, polls/notify.ts and debate/notify.ts name.
    removeEvents.run(orgId, `consultation:${row.id}`);
    for (const id of proposalIds.all(rowid) as string[]) removeEvents.run(orgId, `comments:proposal:${id}`);
    if (row.poll_rowid !== null && row.poll_id !== null) {
      removeEvents.run(orgId, `poll:${row.poll_id}`);
      removePoll.run(orgId, row.poll_rowid);
    }
    return remove.run(orgId, rowid).changes > 0;
  });

  return {
    async create(orgId, consultation, now) {
      const at = now.toISOString();
      const result = insert.run({
        id: newId(),
        org_id: orgId,
        title: consultation.title,
        description: consultation.description,
        ...quorumColumns(consultation.quorum),
        eligibility: consultation.eligibility,
        results: consultation.results,
        auto_advance: consultation.autoAdvance ? 1 : 0,
        proposing_ends_at: consultation.proposingEndsAt,
        discussion_ends_at: consultation.discussionEndsAt,
        frozen_ends_at: consultation.frozenEndsAt,
        voting_ends_at: consultation.votingEndsAt,
        created_by: consultation.createdBy,
        at,
      });
      return load(orgId, Number(result.lastInsertRowid));
    },
    async byId(orgId, id) {
      const row = byId.get(orgId, id) as ConsultationRow | undefined;
      return row ? toConsultation(row) : null;
    },
    async list(orgId, query) {
      const rows = list.all({
        org: orgId,
        phases: JSON.stringify(query.phases),
        after_created: query.after?.createdAt ?? null,
        after_rowid: query.after?.rowid ?? null,
        limit: query.limit,
      }) as ConsultationRow[];
      return rows.map(toConsultation);
    },
    async update(orgId, rowid, changes, now) {
      change.immediate(orgId, rowid, changes, now.toISOString());
      return load(orgId, rowid);
    },
    async remove(orgId, rowid) {
      return removeAll.immediate(orgId, rowid);
    },
    async advance(orgId, rowid, from, now) {
      return advance.immediate(orgId, rowid, from, now);
    },
    async due(now, limit) {
      return (due.all(now.toISOString(), limit) as { org_id: string; rowid: number; id: string; phase: ConsultationPhase }[]).map((row) => ({
        orgId: row.org_id,
        rowid: row.rowid,
        id: row.id,
        phase: row.phase,
      }));
    },
    async participants(orgId, rowid, basis) {
      load(orgId, rowid);
      return proposals.participantCount(rowid, basis);
    },
    ...proposals.store,
    async lastEventId(orgId, topic) {
      return (lastEvent.get(orgId, topic) as number | null) ?? 0;
    },
  };
}
