// The consensus process's pure rules: the phases in order, what each allows, the quorum (a number of
// supporters or a share of the active participants), provisional and final admission, when the scheduler
// advances, which dates and settings may still change, and the outcome of the vote.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  countBasis,
  decideAdmission,
  dueForAdvance,
  movableEnds,
  nextPhase,
  outcomeOf,
  phaseAllows,
  phaseEndsAt,
  phaseRefusal,
  quorumNeeded,
  settingRefusal,
  shownStatus,
  statusFinal,
  type ConsultationAction,
} from '../src/domain/consultation.js';

const ENDS = {
  proposingEndsAt: '2026-03-03T09:00:00.000Z',
  discussionEndsAt: '2026-03-04T09:00:00.000Z',
  frozenEndsAt: '2026-03-05T09:00:00.000Z',
  votingEndsAt: '2026-03-06T09:00:00.000Z',
};

describe('phases', () => {
  test('draft → proposing → discussion → frozen → voting → closed, and nothing after closed', () => {
    const seen = ['draft'];
    for (let phase = nextPhase('draft'); phase; phase = nextPhase(phase)) seen.push(phase);
    assert.deepEqual(seen, ['draft', 'proposing', 'discussion', 'frozen', 'voting', 'closed']);
  });

  test('what each phase allows', () => {
    const table: Record<ConsultationAction, string[]> = {
      propose: ['proposing'],
      revise: ['proposing', 'discussion'],
      withdraw: ['proposing', 'discussion'],
      support: ['proposing', 'discussion'],
      unsupport: ['proposing', 'discussion'],
      suggest: ['discussion'],
      rate: ['discussion'],
      confirm: ['frozen'],
      unconfirm: ['frozen'],
      vote: ['voting'],
    };
    for (const [action, phases] of Object.entries(table) as [ConsultationAction, string[]][]) {
      for (const phase of ['draft', 'proposing', 'discussion', 'frozen', 'voting', 'closed'] as const) {
        assert.equal(phaseAllows(phase, action), phases.includes(phase), `${action} in ${phase}`);
      }
    }
  });

  test('a refusal says where the consultation is and when the action is possible', () => {
    assert.equal(phaseRefusal('frozen', 'support'), 'This consultation is frozen (supporters are confirming their support). Support can be given only in the proposing and discussion phases.');
    assert.equal(phaseRefusal('discussion', 'propose'), 'This consultation is in its discussion phase. Proposals can be submitted only in the proposing phase.');
    assert.equal(phaseRefusal('closed', 'change'), 'This consultation has closed: it can no longer be changed.');
  });

  test('each timed phase ends on its date; draft and closed do not', () => {
    assert.equal(phaseEndsAt('proposing', ENDS), ENDS.proposingEndsAt);
    assert.equal(phaseEndsAt('voting', ENDS), ENDS.votingEndsAt);
    assert.equal(phaseEndsAt('draft', ENDS), null);
    assert.equal(phaseEndsAt('closed', ENDS), null);
  });
});

describe('the quorum', () => {
  test('a number of supporters is that number, however many take part', () => {
    assert.equal(quorumNeeded({ kind: 'supporters', count: 10 }, 0), 10);
    assert.equal(quorumNeeded({ kind: 'supporters', count: 10 }, 1000), 10);
  });

  test('a share of the active participants is rounded up, never below its minimum nor below 1', () => {
    const tenPercent = { kind: 'share' as const, percent: 10, minimum: 1 };
    assert.equal(quorumNeeded(tenPercent, 0), 1);
    assert.equal(quorumNeeded(tenPercent, 10), 1);
    assert.equal(quorumNeeded(tenPercent, 11), 2, '1.1 rounds up');
    assert.equal(quorumNeeded(tenPercent, 100), 10);
    assert.equal(quorumNeeded(tenPercent, 101), 11);
    assert.equal(quorumNeeded({ kind: 'share', percent: 10, minimum: 5 }, 20), 5, 'the minimum');
    assert.equal(quorumNeeded({ kind: 'share', percent: 33, minimum: 1 }, 300), 99, 'no floating-point drift');
    assert.equal(quorumNeeded({ kind: 'share', percent: 100, minimum: 1 }, 7), 7);
  });

  test('supporters count before the frozen phase, confirmed supporters from then on', () => {
    assert.deepEqual(['draft', 'proposing', 'discussion', 'frozen', 'voting', 'closed'].map((p) => countBasis(p as never)), ['support', 'support', 'support', 'confirmed', 'confirmed', 'confirmed']);
  });

  test('the status shown is provisional until the frozen phase ends: supporters before it, confirmations in it', () => {
    const p = { status: 'proposed' as const, supporters: 5, confirmed: 2 };
    assert.equal(shownStatus(p, 'discussion', 5), 'admitted');
    assert.equal(shownStatus(p, 'discussion', 6), 'proposed');
    assert.equal(shownStatus(p, 'frozen', 5), 'proposed', 'only confirmed support counts while frozen');
    assert.equal(shownStatus(p, 'frozen', 2), 'admitted');
    assert.equal(statusFinal(p), false);
    for (const status of ['admitted', 'not-admitted', 'withdrawn'] as const) {
      assert.equal(shownStatus({ ...p, status }, 'discussion', 1), status, 'a final status stays');
      assert.equal(statusFinal({ status }), true);
    }
  });

  test('when the frozen phase ends, confirmed support decides, against the quorum of confirmed participants; withdrawn proposals are neither', () => {
    const proposals = [
      { id: 'a', status: 'proposed' as const, confirmed: 6 },
      { id: 'b', status: 'proposed' as const, confirmed: 2 },
      { id: 'c', status: 'withdrawn' as const, confirmed: 9 },
      { id: 'd', status: 'proposed' as const, confirmed: 3 },
    ];
    const absolute = decideAdmission(proposals, { kind: 'supporters', count: 3 }, 20);
    assert.equal(absolute.needed, 3);
    assert.deepEqual(absolute.admitted.map((p) => p.id), ['a', 'd']);
    assert.deepEqual(absolute.notAdmitted.map((p) => p.id), ['b']);
    const share = decideAdmission(proposals, { kind: 'share', percent: 25, minimum: 1 }, 20);
    assert.equal(share.needed, 5);
    assert.deepEqual(share.admitted.map((p) => p.id), ['a']);
    assert.deepEqual(share.notAdmitted.map((p) => p.id), ['b', 'd']);
    const none = decideAdmission(proposals, { kind: 'supporters', count: 7 }, 20);
    assert.deepEqual(none.admitted, []);
  });
});

describe('dates and settings', () => {
  test('the scheduler advances a timed phase once its end has passed, only with autoAdvance', () => {
    const c = { phase: 'proposing' as const, autoAdvance: true, ...ENDS };
    assert.equal(dueForAdvance(c, new Date('2026-03-03T08:59:59.999Z')), false);
    assert.equal(dueForAdvance(c, new Date(ENDS.proposingEndsAt)), true);
    assert.equal(dueForAdvance({ ...c, autoAdvance: false }, new Date('2027-01-01T00:00:00Z')), false);
    assert.equal(dueForAdvance({ ...c, phase: 'draft' }, new Date('2027-01-01T00:00:00Z')), false, 'an officer opens a draft');
    assert.equal(dueForAdvance({ ...c, phase: 'closed' }, new Date('2027-01-01T00:00:00Z')), false);
    assert.equal(dueForAdvance({ ...c, phase: 'voting' }, new Date(ENDS.votingEndsAt)), true);
  });

  test('end dates can move only for phases that have not ended', () => {
    assert.deepEqual(movableEnds('draft'), ['proposingEndsAt', 'discussionEndsAt', 'frozenEndsAt', 'votingEndsAt']);
    assert.deepEqual(movableEnds('discussion'), ['discussionEndsAt', 'frozenEndsAt', 'votingEndsAt']);
    assert.deepEqual(movableEnds('voting'), ['votingEndsAt']);
    assert.deepEqual(movableEnds('closed'), []);
  });

  test('the quorum changes until frozen, who takes part and when results show only in the draft, nothing once closed', () => {
    assert.equal(settingRefusal('quorum', 'discussion'), null);
    assert.match(settingRefusal('quorum', 'frozen')!, /until the frozen phase starts/);
    assert.equal(settingRefusal('eligibility', 'draft'), null);
    assert.match(settingRefusal('eligibility', 'proposing')!, /only while the consultation is a draft/);
    assert.match(settingRefusal('results', 'voting')!, /only while the consultation is a draft/);
    assert.equal(settingRefusal('title', 'voting'), null);
    assert.match(settingRefusal('title', 'closed')!, /has closed/);
  });
});

describe('the outcome of the vote', () => {
  const options = [
    { proposalId: 'p1', statusQuo: false },
    { proposalId: 'p2', statusQuo: false },
    { proposalId: null, statusQuo: true },
  ];

  test('one proposal wins; keeping things as they are wins; ties are reported with every tied option; nobody voted', () => {
    assert.deepEqual(outcomeOf(options, [1], 7), { outcome: 'winner', proposalIds: ['p2'], statusQuoTied: false });
    assert.deepEqual(outcomeOf(options, [2], 7), { outcome: 'status-quo', proposalIds: [], statusQuoTied: false });
    assert.deepEqual(outcomeOf(options, [0, 1], 4), { outcome: 'tie', proposalIds: ['p1', 'p2'], statusQuoTied: false });
    assert.deepEqual(outcomeOf(options, [0, 2], 4), { outcome: 'tie', proposalIds: ['p1'], statusQuoTied: true });
    assert.deepEqual(outcomeOf(options, [], 0), { outcome: 'no-ballots', proposalIds: [], statusQuoTied: false });
    assert.deepEqual(outcomeOf(options, [0, 1, 2], 0), { outcome: 'no-ballots', proposalIds: [], statusQuoTied: false });
  });
});
