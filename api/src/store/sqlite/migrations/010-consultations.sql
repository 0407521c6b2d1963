-- Consultations (issue 6, LiquidFeedback's issues): proposals with their revisions, supporters (one per
-- person per proposal) and their confirmations, suggestions with supporters' ratings. Every row carries
-- its organisation, directly or through its consultation or proposal. The phase rules:
-- api/src/domain/consultation.ts.

-- `phase` moves forward only, by a conditional UPDATE … WHERE phase = <the phase it leaves>, so that two
-- API processes (or an officer and the scheduler) cannot both advance it. `<phase>_at` is when each
-- phase began; `<phase>_ends_at` when each is planned to end, and `current_ends_at` the end of the phase
-- it is in, which the scheduler's index reads. A share quorum keeps its percentage in `quorum_percent`
-- and its floor in `quorum_count`; a supporters quorum keeps its number in `quorum_count`.
-- `poll_rowid` is the vote (a ranked poll whose `consultation_id` is this consultation's id).
CREATE TABLE consultations (
  rowid INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  org_id TEXT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
  title TEXT NOT NULL,
  description TEXT NOT NULL,
  phase TEXT NOT NULL CHECK (phase IN ('draft', 'proposing', 'discussion', 'frozen', 'voting', 'closed')),
  quorum_kind TEXT NOT NULL CHECK (quorum_kind IN ('supporters', 'share')),
  quorum_count INTEGER NOT NULL CHECK (quorum_count >= 1),
  quorum_percent INTEGER CHECK (quorum_percent IS NULL OR quorum_percent BETWEEN 1 AND 100),
  eligibility TEXT NOT NULL CHECK (eligibility IN ('verified', 'members', 'officer-verified')),
  results TEXT NOT NULL CHECK (results IN ('live', 'after-close')),
  auto_advance INTEGER NOT NULL CHECK (auto_advance IN (0, 1)),
  proposing_ends_at TEXT NOT NULL,
  discussion_ends_at TEXT NOT NULL,
  frozen_ends_at TEXT NOT NULL,
  voting_ends_at TEXT NOT NULL,
  proposing_at TEXT,
  discussion_at TEXT,
  frozen_at TEXT,
  voting_at TEXT,
  closed_at TEXT,
  poll_rowid INTEGER REFERENCES polls(rowid) ON DELETE SET NULL,
  created_by TEXT REFERENCES users(id) ON DELETE SET NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  current_ends_at TEXT GENERATED ALWAYS AS (
    CASE phase
      WHEN 'proposing' THEN proposing_ends_at
      WHEN 'discussion' THEN discussion_ends_at
      WHEN 'frozen' THEN frozen_ends_at
      WHEN 'voting' THEN voting_ends_at
    END
  ) VIRTUAL,
  CHECK ((quorum_kind = 'share') = (quorum_percent IS NOT NULL))
) STRICT;
CREATE INDEX consultations_by_org ON consultations (org_id, created_at, rowid);
CREATE INDEX consultations_due ON consultations (current_ends_at) WHERE auto_advance = 1 AND current_ends_at IS NOT NULL;

-- The current version of each proposal; `supporters`, `confirmed` and `suggestions` are kept exact by
-- the triggers below. `status` is `proposed` or `withdrawn` until the frozen phase ends, then
-- `admitted` or `not-admitted` for good (withdrawn stays withdrawn).
CREATE TABLE proposals (
  rowid INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  org_id TEXT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
  consultation_rowid INTEGER NOT NULL REFERENCES consultations(rowid) ON DELETE CASCADE,
  title TEXT NOT NULL,
  summary TEXT NOT NULL,
  body TEXT NOT NULL,
  author_id TEXT REFERENCES users(id) ON DELETE SET NULL,
  status TEXT NOT NULL DEFAULT 'proposed' CHECK (status IN ('proposed', 'admitted', 'not-admitted', 'withdrawn')),
  revision INTEGER NOT NULL DEFAULT 1 CHECK (revision >= 1),
  supporters INTEGER NOT NULL DEFAULT 0 CHECK (supporters >= 0),
  confirmed INTEGER NOT NULL DEFAULT 0 CHECK (confirmed >= 0),
  suggestions INTEGER NOT NULL DEFAULT 0 CHECK (suggestions >= 0),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  withdrawn_at TEXT
) STRICT;
CREATE INDEX proposals_by_consultation ON proposals (consultation_rowid, created_at, rowid);
CREATE INDEX proposals_by_author ON proposals (consultation_rowid, author_id);

-- Every version of a proposal, the first and the current included.
CREATE TABLE proposal_revisions (
  proposal_rowid INTEGER NOT NULL REFERENCES proposals(rowid) ON DELETE CASCADE,
  revision INTEGER NOT NULL CHECK (revision >= 1),
  title TEXT NOT NULL,
  summary TEXT NOT NULL,
  body TEXT NOT NULL,
  note TEXT,
  created_at TEXT NOT NULL,
  PRIMARY KEY (proposal_rowid, revision)
) STRICT, WITHOUT ROWID;

-- Support: one row per person per proposal, which the primary key enforces however many requests race.
-- `confirmed_at` is set when the supporter confirms in the frozen phase. `consultation_rowid` lets the
-- active participants (people supporting anything in the consultation) be counted from one index.
CREATE TABLE proposal_supporters (
  proposal_rowid INTEGER NOT NULL REFERENCES proposals(rowid) ON DELETE CASCADE,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  consultation_rowid INTEGER NOT NULL REFERENCES consultations(rowid) ON DELETE CASCADE,
  supported_at TEXT NOT NULL,
  confirmed_at TEXT,
  PRIMARY KEY (proposal_rowid, user_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX proposal_supporters_by_person ON proposal_supporters (consultation_rowid, user_id);

CREATE TRIGGER proposal_supporters_added AFTER INSERT ON proposal_supporters BEGIN
  UPDATE proposals SET supporters = supporters + 1, confirmed = confirmed + (new.confirmed_at IS NOT NULL) WHERE rowid = new.proposal_rowid;
END;
CREATE TRIGGER proposal_supporters_confirmed AFTER UPDATE OF confirmed_at ON proposal_supporters BEGIN
  UPDATE proposals SET confirmed = confirmed + (new.confirmed_at IS NOT NULL) - (old.confirmed_at IS NOT NULL) WHERE rowid = new.proposal_rowid;
END;

-- Suggestions supporters attach to a proposal, with how many supporters rated each degree (kept exact
-- by the triggers below).
CREATE TABLE proposal_suggestions (
  rowid INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  proposal_rowid INTEGER NOT NULL REFERENCES proposals(rowid) ON DELETE CASCADE,
  body TEXT NOT NULL,
  author_id TEXT REFERENCES users(id) ON DELETE SET NULL,
  must INTEGER NOT NULL DEFAULT 0 CHECK (must >= 0),
  should INTEGER NOT NULL DEFAULT 0 CHECK (should >= 0),
  should_not INTEGER NOT NULL DEFAULT 0 CHECK (should_not >= 0),
  must_not INTEGER NOT NULL DEFAULT 0 CHECK (must_not >= 0),
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX proposal_suggestions_by_proposal ON proposal_suggestions (proposal_rowid, created_at);

-- One rating per supporter per suggestion. A supporter who stops supporting the proposal loses their
-- ratings of its suggestions (only supporters' opinions count, as in LiquidFeedback).
CREATE TABLE suggestion_ratings (
  suggestion_rowid INTEGER NOT NULL REFERENCES proposal_suggestions(rowid) ON DELETE CASCADE,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  degree TEXT NOT NULL CHECK (degree IN ('must', 'should', 'should-not', 'must-not')),
  rated_at TEXT NOT NULL,
  PRIMARY KEY (suggestion_rowid, user_id)
) STRICT, WITHOUT ROWID;

CREATE TRIGGER proposal_suggestions_added AFTER INSERT ON proposal_suggestions BEGIN
  UPDATE proposals SET suggestions = suggestions + 1 WHERE rowid = new.proposal_rowid;
END;
CREATE TRIGGER proposal_suggestions_removed AFTER DELETE ON proposal_suggestions BEGIN
  UPDATE proposals SET suggestions = suggestions - 1 WHERE rowid = old.proposal_rowid;
END;

CREATE TRIGGER suggestion_ratings_added AFTER INSERT ON suggestion_ratings BEGIN
  UPDATE proposal_suggestions SET
    must = must + (new.degree = 'must'), should = should + (new.degree = 'should'),
    should_not = should_not + (new.degree = 'should-not'), must_not = must_not + (new.degree = 'must-not')
  WHERE rowid = new.suggestion_rowid;
END;
CREATE TRIGGER suggestion_ratings_changed AFTER UPDATE OF degree ON suggestion_ratings BEGIN
  UPDATE proposal_suggestions SET
    must = must + (new.degree = 'must') - (old.degree = 'must'), should = should + (new.degree = 'should') - (old.degree = 'should'),
    should_not = should_not + (new.degree = 'should-not') - (old.degree = 'should-not'), must_not = must_not + (new.degree = 'must-not') - (old.degree = 'must-not')
  WHERE rowid = new.suggestion_rowid;
END;
CREATE TRIGGER suggestion_ratings_removed AFTER DELETE ON suggestion_ratings BEGIN
  UPDATE proposal_suggestions SET
    must = must - (old.degree = 'must'), should = should - (old.degree = 'should'),
    should_not = should_not - (old.degree = 'should-not'), must_not = must_not - (old.degree = 'must-not')
  WHERE rowid = old.suggestion_rowid;
END;

CREATE TRIGGER proposal_supporters_removed AFTER DELETE ON proposal_supporters BEGIN
  UPDATE proposals SET supporters = supporters - 1, confirmed = confirmed - (old.confirmed_at IS NOT NULL) WHERE rowid = old.proposal_rowid;
  DELETE FROM suggestion_ratings WHERE user_id = old.user_id
    AND suggestion_rowid IN (SELECT rowid FROM proposal_suggestions WHERE proposal_rowid = old.proposal_rowid);
END;
