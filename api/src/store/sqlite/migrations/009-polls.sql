-- Polls (issue 6): polls and their options, who voted (voters) kept apart from what was voted (ballots),
-- the running tally, and the residents officers have verified. Every row carries its organisation,
-- directly or through its poll. The secret-ballot design and its threat model: api/src/polls/secrecy.ts.

-- `tally` is the count kept as ballots arrive, in the same transaction as each ballot, so that reading
-- results never counts ballots: little-endian 32-bit integers, for a ranked poll the pairwise matrix
-- d[i][j] (options × options), for a score poll how many ballots gave each option 0…5 (options × 6),
-- otherwise the ballots choosing each option. `tally_version` grows with every change to it.
-- A consultation's voting phase will be a ranked poll with `consultation_id` set (nullable until then).
CREATE TABLE polls (
  rowid INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  org_id TEXT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
  consultation_id TEXT,
  title TEXT NOT NULL,
  description TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('single', 'multiple', 'approval', 'score', 'ranked')),
  min_choices INTEGER CHECK (min_choices IS NULL OR min_choices >= 1),
  max_choices INTEGER CHECK (max_choices IS NULL OR max_choices >= 1),
  eligibility TEXT NOT NULL CHECK (eligibility IN ('verified', 'members', 'officer-verified')),
  results TEXT NOT NULL CHECK (results IN ('live', 'after-close')),
  status TEXT NOT NULL CHECK (status IN ('draft', 'open', 'closed')),
  opens_at TEXT,
  closes_at TEXT,
  opened_at TEXT,
  closed_at TEXT,
  option_count INTEGER NOT NULL CHECK (option_count BETWEEN 2 AND 50),
  turnout INTEGER NOT NULL DEFAULT 0 CHECK (turnout >= 0),
  tally BLOB NOT NULL,
  tally_version INTEGER NOT NULL DEFAULT 0,
  created_by TEXT REFERENCES users(id) ON DELETE SET NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX polls_by_org ON polls (org_id, created_at, rowid);
CREATE INDEX polls_by_consultation ON polls (consultation_id) WHERE consultation_id IS NOT NULL;

-- `position` is the option's place in every ballot's `choices` and in the tally. In a consultation's
-- vote, `proposal_id` names the admitted proposal an option stands for, and `status_quo` marks
-- "keep things as they are".
CREATE TABLE poll_options (
  poll_rowid INTEGER NOT NULL REFERENCES polls(rowid) ON DELETE CASCADE,
  position INTEGER NOT NULL CHECK (position >= 0),
  id TEXT NOT NULL,
  label TEXT NOT NULL,
  description TEXT,
  image_media_id TEXT,
  image_url TEXT,
  image_alt TEXT,
  lon REAL CHECK (lon IS NULL OR lon BETWEEN -180 AND 180),
  lat REAL CHECK (lat IS NULL OR lat BETWEEN -90 AND 90),
  proposal_id TEXT,
  status_quo INTEGER NOT NULL DEFAULT 0 CHECK (status_quo IN (0, 1)),
  PRIMARY KEY (poll_rowid, position),
  UNIQUE (poll_rowid, id)
) STRICT, WITHOUT ROWID;

-- Who voted, and when they first did: one row per person per poll, which the primary key enforces
-- however many requests race. Nothing here says what they voted.
CREATE TABLE poll_voters (
  poll_rowid INTEGER NOT NULL REFERENCES polls(rowid) ON DELETE CASCADE,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  voted_at TEXT NOT NULL,
  changed_at TEXT,
  PRIMARY KEY (poll_rowid, user_id)
) STRICT, WITHOUT ROWID;

-- What was voted, never who or when: no user id, no time. `id` is random (1 … 2^53 - 1), so neither
-- the ids nor the order the rows are stored in say when a ballot came. `voter_key` is
-- HMAC(ballot key, poll id + user id), which only the server (holding SECRET) can compute, to find a
-- voter's ballot when they change it; `receipt_hash` is the SHA-256 of the receipt code shown to the
-- voter once. Both are null for ballots imported without a voter (paper ballots, benchmarks).
-- `choices` keeps one character per option (0-9, A-Z, a-z for 0 … 61): a ranked ballot's rank
-- (0 unranked), a score ballot's score, otherwise 1 chosen and 0 not. A full recount reads a poll's
-- ballots in ranges of `id` (the primary key keeps each poll's ballots together).
CREATE TABLE poll_ballots (
  poll_rowid INTEGER NOT NULL REFERENCES polls(rowid) ON DELETE CASCADE,
  id INTEGER NOT NULL CHECK (id BETWEEN 1 AND 9007199254740991),
  voter_key BLOB UNIQUE CHECK (voter_key IS NULL OR length(voter_key) = 32),
  receipt_hash BLOB UNIQUE CHECK (receipt_hash IS NULL OR length(receipt_hash) = 32),
  choices TEXT NOT NULL CHECK (length(choices) BETWEEN 2 AND 50 AND choices NOT GLOB '*[^0-9A-Za-z]*'),
  PRIMARY KEY (poll_rowid, id)
) STRICT, WITHOUT ROWID;

-- Residents an officer has verified for the organisation's `officer-verified` polls.
CREATE TABLE verified_residents (
  org_id TEXT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  note TEXT,
  verified_by TEXT REFERENCES users(id) ON DELETE SET NULL,
  verified_at TEXT NOT NULL,
  PRIMARY KEY (org_id, user_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX verified_residents_by_time ON verified_residents (org_id, verified_at, user_id);
