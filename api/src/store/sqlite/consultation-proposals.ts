// A consultation's proposals in SQLite: revisions kept as history, support (one row per person per
// proposal) and confirmations, suggestions and supporters' ratings. Every write checks the
// consultation's phase inside its own transaction, so that a write racing a phase change is refused
// exactly when the phase no longer allows it.
import type Database from 'better-sqlite3';
import { MAX_PROPOSALS, MAX_SUGGESTIONS_PER_PERSON, type ConsultationPhase, type ProposalStatus, type SuggestionDegree } from '@civic-elements/protocol';
import { phaseAllows, type ConsultationAction } from '../../domain/consultation.js';
import { newId } from '../../secrets.js';
import { ConflictError, ConsultationPhaseError, NotSupporterError, type ConsultationStore, type ProposalRecord, type SuggestionRecord } from '../types.js';

interface ProposalRow {
  rowid: number;
  id: string;
  org_id: string;
  consultation_rowid: number;
  consultation_id: string;
  title: string;
  summary: string;
  body: string;
  author_id: string | null;
  author_name: string | null;
  status: ProposalStatus;
  revision: number;
  supporters: number;
  confirmed: number;
  suggestions: number;
  created_at: string;
  updated_at: string;
  withdrawn_at: string | null;
}

interface SuggestionRow {
  rowid: number;
  id: string;
  proposal_rowid: number;
  proposal_id: string;
  body: string;
  author_id: string | null;
  author_name: string | null;
  must: number;
  should: number;
  should_not: number;
  must_not: number;
  created_at: string;
  your_rating?: SuggestionDegree | null;
}

const PROPOSAL = `SELECT p.rowid, p.id, p.org_id, p.consultation_rowid, c.id AS consultation_id, p.title, p.summary, p.body, p.author_id, u.name AS author_name,
  p.status, p.revision, p.supporters, p.confirmed, p.suggestions, p.created_at, p.updated_at, p.withdrawn_at
  FROM proposals p JOIN consultations c ON c.rowid = p.consultation_rowid LEFT JOIN users u ON u.id = p.author_id`;

const SUGGESTION = `SELECT s.rowid, s.id, s.proposal_rowid, p.id AS proposal_id, s.body, s.author_id, u.name AS author_name, s.must, s.should, s.should_not, s.must_not, s.created_at
  FROM proposal_suggestions s JOIN proposals p ON p.rowid = s.proposal_rowid LEFT JOIN users u ON u.id = s.author_id`;

const toProposal = (row: ProposalRow): ProposalRecord => ({
  rowid: row.rowid,
  id: row.id,
  orgId: row.org_id,
  consultationRowid: row.consultation_rowid,
  consultationId: row.consultation_id,
  title: row.title,
  summary: row.summary,
  body: row.body,
  authorId: row.author_id,
  authorName: row.author_name,
  status: row.status,
  revision: row.revision,
  supporters: row.supporters,
  confirmed: row.confirmed,
  suggestions: row.suggestions,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  withdrawnAt: row.withdrawn_at,
});

const toSuggestion = (row: SuggestionRow): SuggestionRecord => ({
  rowid: row.rowid,
  id: row.id,
  proposalRowid: row.proposal_rowid,
  proposalId: row.proposal_id,
  body: row.body,
  authorId: row.author_id,
  authorName: row.author_name,
  ratings: { must: row.must, should: row.should, shouldNot: row.should_not, mustNot: row.must_not },
  createdAt: row.created_at,
});

type ProposalMethods = Pick<
  ConsultationStore,
  | 'proposals'
  | 'proposal'
  | 'propose'
  | 'revise'
  | 'revisions'
  | 'withdraw'
  | 'support'
  | 'unsupport'
  | 'confirm'
  | 'unconfirm'
  | 'supportOf'
  | 'suggestions'
  | 'suggestion'
  | 'suggest'
  | 'rate'
  | 'removeSuggestion'
>;

export function sqliteProposals(db: Database.Database): { store: ProposalMethods; participantCount(consultationRowid: number, basis: 'support' | 'confirmed'): number } {
  const phaseOf = db.prepare('SELECT phase FROM consultations WHERE org_id = ? AND rowid = ?').pluck();
  const stateOf = db.prepare(`SELECT c.phase, p.status, p.consultation_rowid FROM proposals p JOIN consultations c ON c.rowid = p.consultation_rowid
    WHERE p.org_id = ? AND p.rowid = ?`);
  const proposalByRowid = db.prepare(`${PROPOSAL} WHERE p.org_id = ? AND p.rowid = ?`);
  const proposalById = db.prepare(`${PROPOSAL} WHERE p.org_id = ? AND p.id = ?`);
  const proposalsOf = db.prepare(`${PROPOSAL} WHERE p.org_id = ? AND p.consultation_rowid = ? ORDER BY p.status = 'withdrawn', p.created_at, p.rowid`);
  const byAuthor = db.prepare('SELECT count(*) FROM proposals WHERE consultation_rowid = ? AND author_id = ?').pluck();
  const standing = db.prepare(`SELECT count(*) FROM proposals WHERE consultation_rowid = ? AND status != 'withdrawn'`).pluck();
  const insertProposal = db.prepare(`INSERT INTO proposals (id, org_id, consultation_rowid, title, summary, body, author_id, created_at, updated_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insertRevision = db.prepare('INSERT INTO proposal_revisions (proposal_rowid, revision, title, summary, body, note, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const reviseProposal = db.prepare('UPDATE proposals SET title = ?, summary = ?, body = ?, revision = revision + 1, updated_at = ? WHERE rowid = ? RETURNING revision').pluck();
  const revisionsOf = db.prepare('SELECT revision, title, summary, body, note, created_at FROM proposal_revisions WHERE proposal_rowid = ? ORDER BY revision DESC');
  const withdrawProposal = db.prepare(`UPDATE proposals SET status = 'withdrawn', withdrawn_at = ?, updated_at = ? WHERE rowid = ?`);
  const insertSupport = db.prepare('INSERT INTO proposal_supporters (proposal_rowid, user_id, consultation_rowid, supported_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING');
  const deleteSupport = db.prepare('DELETE FROM proposal_supporters WHERE proposal_rowid = ? AND user_id = ?');
  const supporter = db.prepare('SELECT confirmed_at FROM proposal_supporters WHERE proposal_rowid = ? AND user_id = ?');
  const confirmSupport = db.prepare('UPDATE proposal_supporters SET confirmed_at = ? WHERE proposal_rowid = ? AND user_id = ? AND confirmed_at IS NULL');
  const unconfirmSupport = db.prepare('UPDATE proposal_supporters SET confirmed_at = NULL WHERE proposal_rowid = ? AND user_id = ? AND confirmed_at IS NOT NULL');
  const supportOf = db.prepare(`SELECT p.id, s.confirmed_at FROM proposal_supporters s JOIN proposals p ON p.rowid = s.proposal_rowid
    WHERE s.consultation_rowid = ? AND s.user_id = ? AND p.org_id = ?`);
  const participants = db.prepare(`SELECT count(DISTINCT s.user_id) FROM proposal_supporters s JOIN proposals p ON p.rowid = s.proposal_rowid
    WHERE s.consultation_rowid = @rowid AND p.status != 'withdrawn' AND (@confirmed = 0 OR s.confirmed_at IS NOT NULL)`).pluck();
  const suggestionsOf = db.prepare(`SELECT s.rowid, s.id, s.proposal_rowid, p.id AS proposal_id, s.body, s.author_id, u.name AS author_name, s.must, s.should,
    s.should_not, s.must_not, s.created_at, r.degree AS your_rating
    FROM proposal_suggestions s JOIN proposals p ON p.rowid = s.proposal_rowid LEFT JOIN users u ON u.id = s.author_id
    LEFT JOIN suggestion_ratings r ON r.suggestion_rowid = s.rowid AND r.user_id = @reader
    WHERE p.org_id = @org AND s.proposal_rowid = @proposal
    ORDER BY 2 * s.must + s.should - s.should_not - 2 * s.must_not DESC, s.created_at, s.rowid`);
  const suggestionById = db.prepare(`${SUGGESTION} WHERE p.org_id = ? AND s.id = ?`);
  const suggestionByRowid = db.prepare(`${SUGGESTION} WHERE p.org_id = ? AND s.rowid = ?`);
  const suggestionsBy = db.prepare('SELECT count(*) FROM proposal_suggestions WHERE proposal_rowid = ? AND author_id = ?').pluck();
  const insertSuggestion = db.prepare('INSERT INTO proposal_suggestions (id, proposal_rowid, body, author_id, created_at) VALUES (?, ?, ?, ?, ?)');
  const upsertRating = db.prepare(`INSERT INTO suggestion_ratings (suggestion_rowid, user_id, degree, rated_at) VALUES (?, ?, ?, ?)
    ON CONFLICT (suggestion_rowid, user_id) DO UPDATE SET degree = excluded.degree, rated_at = excluded.rated_at WHERE degree != excluded.degree`);
  const deleteRating = db.prepare('DELETE FROM suggestion_ratings WHERE suggestion_rowid = ? AND user_id = ?');
  const deleteSuggestion = db.prepare('DELETE FROM proposal_suggestions WHERE rowid = (SELECT s.rowid FROM proposal_suggestions s JOIN proposals p ON p.rowid = s.proposal_rowid WHERE p.org_id = ? AND s.rowid = ?)');

  const loadProposal = (orgId: string, rowid: number): ProposalRecord => {
    const row = proposalByRowid.get(orgId, rowid) as ProposalRow | undefined;
    if (!row) throw new Error(`proposal ${rowid} is not in this organisation`);
    return toProposal(row);
  };

  /** The proposal's state, checked against what `action` needs: the phase, and that it is not withdrawn. */
  const check = (orgId: string, proposalRowid: number, action: ConsultationAction) => {
    const state = stateOf.get(orgId, proposalRowid) as { phase: ConsultationPhase; status: ProposalStatus; consultation_rowid: number } | undefined;
    if (!state) throw new Error(`proposal ${proposalRowid} is not in this organisation`);
    if (!phaseAllows(state.phase, action)) throw new ConsultationPhaseError(state.phase, action);
    if (state.status === 'withdrawn' && action !== 'unsupport' && action !== 'unconfirm') throw new ConflictError('This proposal has been withdrawn by its author.');
    return state;
  };

  const requireSupporter = (proposalRowid: number, userId: string) => {
    const row = supporter.get(proposalRowid, userId) as { confirmed_at: string | null } | undefined;
    if (!row) throw new NotSupporterError();
    return row;
  };

  const propose = db.transaction((orgId: string, consultationRowid: number, proposal: { title: string; summary: string; body: string; authorId: string }, maxPerAuthor: number, at: string): number => {
    const phase = phaseOf.get(orgId, consultationRowid) as ConsultationPhase | undefined;
    if (!phase) throw new Error(`consultation ${consultationRowid} is not in this organisation`);
    if (!phaseAllows(phase, 'propose')) throw new ConsultationPhaseError(phase, 'propose');
    if ((byAuthor.get(consultationRowid, proposal.authorId) as number) >= maxPerAuthor) {
      throw new ConflictError(`You have already made ${maxPerAuthor} proposals in this consultation, which is as many as one person may. Revise one of yours, or support someone else’s.`);
    }
    if ((standing.get(consultationRowid) as number) >= MAX_PROPOSALS) throw new ConflictError(`This consultation already has ${MAX_PROPOSALS} proposals, which is as many as a vote can hold. Support one of them instead.`);
    const rowid = Number(insertProposal.run(newId(), orgId, consultationRowid, proposal.title, proposal.summary, proposal.body, proposal.authorId, at, at).lastInsertRowid);
    insertRevision.run(rowid, 1, proposal.title, proposal.summary, proposal.body, null, at);
    insertSupport.run(rowid, proposal.authorId, consultationRowid, at);
    return rowid;
  });

  const revise = db.transaction((orgId: string, rowid: number, changes: { title?: string; summary?: string; body?: string; note: string | null }, at: string) => {
    check(orgId, rowid, 'revise');
    const current = loadProposal(orgId, rowid);
    const title = changes.title ?? current.title;
    const summary = changes.summary ?? current.summary;
    const body = changes.body ?? current.body;
    const revision = reviseProposal.get(title, summary, body, at, rowid) as number;
    insertRevision.run(rowid, revision, title, summary, body, changes.note, at);
  });

  const withdraw = db.transaction((orgId: string, rowid: number, at: string) => {
    check(orgId, rowid, 'withdraw');
    withdrawProposal.run(at, at, rowid);
  });

  const support = db.transaction((orgId: string, rowid: number, userId: string, at: string): boolean => {
    const state = check(orgId, rowid, 'support');
    return insertSupport.run(rowid, userId, state.consultation_rowid, at).changes > 0;
  });

  const unsupport = db.transaction((orgId: string, rowid: number, userId: string): boolean => {
    check(orgId, rowid, 'unsupport');
    return deleteSupport.run(rowid, userId).changes > 0;
  });

  const confirm = db.transaction((orgId: string, rowid: number, userId: string, at: string): boolean => {
    check(orgId, rowid, 'confirm');
    requireSupporter(rowid, userId);
    return confirmSupport.run(at, rowid, userId).changes > 0;
  });

  const unconfirm = db.transaction((orgId: string, rowid: number, userId: string): boolean => {
    check(orgId, rowid, 'unconfirm');
    requireSupporter(rowid, userId);
    return unconfirmSupport.run(rowid, userId).changes > 0;
  });

  const suggest = db.transaction((orgId: string, rowid: number, suggestion: { body: string; authorId: string }, at: string): number => {
    check(orgId, rowid, 'suggest');
    requireSupporter(rowid, suggestion.authorId);
    if ((suggestionsBy.get(rowid, suggestion.authorId) as number) >= MAX_SUGGESTIONS_PER_PERSON) {
      throw new ConflictError(`You have made ${MAX_SUGGESTIONS_PER_PERSON} suggestions for this proposal, which is as many as one person may. Rate the others’ suggestions instead.`);
    }
    return Number(insertSuggestion.run(newId(), rowid, suggestion.body, suggestion.authorId, at).lastInsertRowid);
  });

  const rate = db.transaction((orgId: string, suggestionRowid: number, userId: string, degree: SuggestionDegree | null, at: string) => {
    const suggestion = suggestionByRowid.get(orgId, suggestionRowid) as SuggestionRow | undefined;
    if (!suggestion) throw new Error(`suggestion ${suggestionRowid} is not in this organisation`);
    check(orgId, suggestion.proposal_rowid, 'rate');
    requireSupporter(suggestion.proposal_rowid, userId);
    if (degree === null) deleteRating.run(suggestionRowid, userId);
    else upsertRating.run(suggestionRowid, userId, degree, at);
  });

  return {
    participantCount(consultationRowid, basis) {
      return participants.get({ rowid: consultationRowid, confirmed: basis === 'confirmed' ? 1 : 0 }) as number;
    },
    store: {
      async proposals(orgId, consultationRowid) {
        return (proposalsOf.all(orgId, consultationRowid) as ProposalRow[]).map(toProposal);
      },
      async proposal(orgId, id) {
        const row = proposalById.get(orgId, id) as ProposalRow | undefined;
        return row ? toProposal(row) : null;
      },
      async propose(orgId, consultationRowid, proposal, maxPerAuthor, now) {
        return loadProposal(orgId, propose.immediate(orgId, consultationRowid, proposal, maxPerAuthor, now.toISOString()));
      },
      async revise(orgId, rowid, changes, now) {
        revise.immediate(orgId, rowid, changes, now.toISOString());
        return loadProposal(orgId, rowid);
      },
      async revisions(orgId, rowid) {
        loadProposal(orgId, rowid);
        return (revisionsOf.all(rowid) as { revision: number; title: string; summary: string; body: string; note: string | null; created_at: string }[]).map((row) => ({
          revision: row.revision,
          title: row.title,
          summary: row.summary,
          body: row.body,
          note: row.note,
          createdAt: row.created_at,
        }));
      },
      async withdraw(orgId, rowid, now) {
        withdraw.immediate(orgId, rowid, now.toISOString());
        return loadProposal(orgId, rowid);
      },
      async support(orgId, rowid, userId, now) {
        return support.immediate(orgId, rowid, userId, now.toISOString());
      },
      async unsupport(orgId, rowid, userId) {
        return unsupport.immediate(orgId, rowid, userId);
      },
      async confirm(orgId, rowid, userId, now) {
        return confirm.immediate(orgId, rowid, userId, now.toISOString());
      },
      async unconfirm(orgId, rowid, userId) {
        return unconfirm.immediate(orgId, rowid, userId);
      },
      async supportOf(orgId, consultationRowid, userId) {
        const rows = supportOf.all(consultationRowid, userId, orgId) as { id: string; confirmed_at: string | null }[];
        return new Map(rows.map((row) => [row.id, { confirmed: row.confirmed_at !== null }]));
      },
      async suggestions(orgId, proposalRowid, readerId) {
        return (suggestionsOf.all({ org: orgId, proposal: proposalRowid, reader: readerId }) as SuggestionRow[]).map((row) => ({ ...toSuggestion(row), yourRating: row.your_rating ?? null }));
      },
      async suggestion(orgId, id) {
        const row = suggestionById.get(orgId, id) as SuggestionRow | undefined;
        return row ? toSuggestion(row) : null;
      },
      async suggest(orgId, proposalRowid, suggestion, now) {
        const rowid = suggest.immediate(orgId, proposalRowid, suggestion, now.toISOString());
        return toSuggestion(suggestionByRowid.get(orgId, rowid) as SuggestionRow);
      },
      async rate(orgId, suggestionRowid, userId, degree, now) {
        rate.immediate(orgId, suggestionRowid, userId, degree, now.toISOString());
        return toSuggestion(suggestionByRowid.get(orgId, suggestionRowid) as SuggestionRow);
      },
      async removeSuggestion(orgId, suggestionRowid) {
        return deleteSuggestion.run(orgId, suggestionRowid).changes > 0;
      },
    },
  };
}
