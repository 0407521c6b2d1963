-- Discussions (issue 5): comments on a subject (a report, a contribution, a proposal or a web page),
-- with votes, flags, edits' history, moderation log, suspensions, per-organisation settings, reply-email
-- opt-outs and the live stream's events. Every row carries its organisation, directly or through its comment.

-- `subject` is the canonical key (`report:<id>`, `page:<origin+path>`…). A top-level comment has depth 0
-- and is its own thread; replies sit at depth 1 or 2 under `parent_rowid`; a reply to a depth-2 comment
-- is stored at depth 2 under that comment's parent, with `reply_to_*` naming what it answers.
CREATE TABLE comments (
  rowid INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  org_id TEXT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
  subject TEXT NOT NULL,
  thread_rowid INTEGER,
  parent_rowid INTEGER REFERENCES comments(rowid) ON DELETE CASCADE,
  parent_id TEXT,
  depth INTEGER NOT NULL CHECK (depth BETWEEN 0 AND 2),
  reply_to_id TEXT,
  reply_to_name TEXT,
  stance TEXT NOT NULL CHECK (stance IN ('for', 'against', 'neutral', 'question')),
  body TEXT NOT NULL,                 -- exactly as sent (emptied when its author deletes it)
  text_key TEXT NOT NULL,             -- the folded text "the same text again" is recognised by
  author_id TEXT REFERENCES users(id) ON DELETE SET NULL,
  official_org TEXT,                  -- an official response: the organisation's name then
  official_department TEXT,           -- and the department's, if it spoke for one
  status TEXT NOT NULL CHECK (status IN ('published', 'pending', 'hidden', 'deleted')),
  hidden_reason TEXT,
  up INTEGER NOT NULL DEFAULT 0 CHECK (up >= 0),
  down INTEGER NOT NULL DEFAULT 0 CHECK (down >= 0),
  score REAL NOT NULL DEFAULT 0,      -- Wilson lower bound of up / (up + down), kept with the votes
  reply_count INTEGER NOT NULL DEFAULT 0 CHECK (reply_count >= 0), -- kept by the triggers below
  open_flags INTEGER NOT NULL DEFAULT 0 CHECK (open_flags >= 0),
  created_at TEXT NOT NULL,
  edited_at TEXT,
  updated_at TEXT NOT NULL
) STRICT;
-- The first page of each sort walks one of these in order and stops after a page (top-level only).
CREATE INDEX comments_best ON comments (org_id, subject, score, created_at, rowid) WHERE depth = 0;
CREATE INDEX comments_by_time ON comments (org_id, subject, created_at, rowid) WHERE depth = 0;
CREATE INDEX comments_debated ON comments (org_id, subject, reply_count, up + down, rowid) WHERE depth = 0;
CREATE INDEX comments_strongest ON comments (org_id, subject, stance, score) WHERE depth = 0 AND status = 'published';
CREATE INDEX comments_by_thread ON comments (thread_rowid, rowid) WHERE depth > 0;
-- Limits per person (recent comments) and repeated text.
CREATE INDEX comments_by_author ON comments (org_id, author_id, created_at);
CREATE INDEX comments_by_text ON comments (org_id, author_id, text_key);
-- The moderation queue.
CREATE INDEX comments_by_status ON comments (org_id, status, rowid);
CREATE INDEX comments_flagged ON comments (org_id, rowid) WHERE open_flags > 0 AND status = 'published';

-- Per subject: counts the summary shows, kept exact by the triggers below.
CREATE TABLE comment_subjects (
  org_id TEXT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
  subject TEXT NOT NULL,
  n_for INTEGER NOT NULL DEFAULT 0,
  n_against INTEGER NOT NULL DEFAULT 0,
  n_neutral INTEGER NOT NULL DEFAULT 0,
  n_question INTEGER NOT NULL DEFAULT 0,
  total INTEGER NOT NULL DEFAULT 0,      -- published, replies included
  top_level INTEGER NOT NULL DEFAULT 0,  -- top-level, not pending
  PRIMARY KEY (org_id, subject)
) STRICT, WITHOUT ROWID;

CREATE TRIGGER comments_ai AFTER INSERT ON comments BEGIN
  INSERT INTO comment_subjects (org_id, subject) VALUES (new.org_id, new.subject) ON CONFLICT DO NOTHING;
  UPDATE comment_subjects SET
    n_for = n_for + (new.status = 'published' AND new.stance = 'for'),
    n_against = n_against + (new.status = 'published' AND new.stance = 'against'),
    n_neutral = n_neutral + (new.status = 'published' AND new.stance = 'neutral'),
    n_question = n_question + (new.status = 'published' AND new.stance = 'question'),
    total = total + (new.status = 'published'),
    top_level = top_level + (new.depth = 0 AND new.status <> 'pending')
  WHERE org_id = new.org_id AND subject = new.subject;
  UPDATE comments SET reply_count = reply_count + 1
  WHERE new.status <> 'pending' AND rowid IN (new.parent_rowid, new.thread_rowid) AND rowid <> new.rowid;
END;
CREATE TRIGGER comments_au AFTER UPDATE OF status, stance ON comments BEGIN
  UPDATE comment_subjects SET
    n_for = n_for - (old.status = 'published' AND old.stance = 'for') + (new.status = 'published' AND new.stance = 'for'),
    n_against = n_against - (old.status = 'published' AND old.stance = 'against') + (new.status = 'published' AND new.stance = 'against'),
    n_neutral = n_neutral - (old.status = 'published' AND old.stance = 'neutral') + (new.status = 'published' AND new.stance = 'neutral'),
    n_question = n_question - (old.status = 'published' AND old.stance = 'question') + (new.status = 'published' AND new.stance = 'question'),
    total = total - (old.status = 'published') + (new.status = 'published'),
    top_level = top_level - (old.depth = 0 AND old.status <> 'pending') + (new.depth = 0 AND new.status <> 'pending')
  WHERE org_id = new.org_id AND subject = new.subject;
  UPDATE comments SET reply_count = reply_count - (old.status <> 'pending') + (new.status <> 'pending')
  WHERE (old.status <> 'pending') <> (new.status <> 'pending') AND rowid IN (new.parent_rowid, new.thread_rowid) AND rowid <> new.rowid;
END;

-- One vote per person per comment, changeable; up, down and score on the comment follow it.
CREATE TABLE comment_votes (
  comment_rowid INTEGER NOT NULL REFERENCES comments(rowid) ON DELETE CASCADE,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  value INTEGER NOT NULL CHECK (value IN (-1, 1)),
  created_at TEXT NOT NULL,
  PRIMARY KEY (comment_rowid, user_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX comment_votes_by_user ON comment_votes (user_id, comment_rowid);

-- One flag per person per comment; a moderator's decision resolves the open ones.
CREATE TABLE comment_flags (
  comment_rowid INTEGER NOT NULL REFERENCES comments(rowid) ON DELETE CASCADE,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  reason TEXT NOT NULL CHECK (reason IN ('abuse', 'harassment', 'spam', 'off-topic', 'personal-information', 'other')),
  note TEXT,
  created_at TEXT NOT NULL,
  resolved_at TEXT,
  PRIMARY KEY (comment_rowid, user_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX comment_flags_by_user ON comment_flags (user_id, comment_rowid);

-- Earlier versions of an edited comment, oldest first; `at` is when that version was written.
CREATE TABLE comment_revisions (
  rowid INTEGER PRIMARY KEY,
  comment_rowid INTEGER NOT NULL REFERENCES comments(rowid) ON DELETE CASCADE,
  body TEXT NOT NULL,
  stance TEXT NOT NULL,
  at TEXT NOT NULL
) STRICT;
CREATE INDEX comment_revisions_by_comment ON comment_revisions (comment_rowid, rowid);

CREATE TABLE comment_moderation_log (
  rowid INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  org_id TEXT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
  action TEXT NOT NULL CHECK (action IN ('hide', 'restore', 'approve', 'dismiss', 'suspend', 'lift', 'auto-hide')),
  comment_id TEXT,
  user_id TEXT,          -- the person the action was about
  moderator_id TEXT REFERENCES users(id) ON DELETE SET NULL,
  reason TEXT,
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX comment_moderation_log_by_org ON comment_moderation_log (org_id, rowid);

CREATE TABLE comment_suspensions (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  until TEXT NOT NULL,
  reason TEXT NOT NULL,
  created_by TEXT REFERENCES users(id) ON DELETE SET NULL,
  created_at TEXT NOT NULL,
  lifted_at TEXT
) STRICT;
CREATE INDEX comment_suspensions_by_user ON comment_suspensions (org_id, user_id, until);

-- One row per organisation that changed the defaults (DebateSettings as JSON).
CREATE TABLE debate_settings (
  org_id TEXT PRIMARY KEY REFERENCES orgs(id) ON DELETE CASCADE,
  settings TEXT NOT NULL CHECK (json_valid(settings)),
  updated_at TEXT NOT NULL
) STRICT;

-- Only opt-outs (and opt-ins after one) are stored: replies are emailed unless a row says 0.
CREATE TABLE comment_subscriptions (
  org_id TEXT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  replies INTEGER NOT NULL CHECK (replies IN (0, 1)),
  updated_at TEXT NOT NULL,
  PRIMARY KEY (org_id, user_id)
) STRICT, WITHOUT ROWID;

-- What /v1/stream sends, kept so that a reconnect (even after a restart) resumes after its Last-Event-ID.
-- AUTOINCREMENT: an id is never handed out twice.
CREATE TABLE stream_events (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  org_id TEXT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
  topic TEXT NOT NULL,
  event TEXT NOT NULL,
  data TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX stream_events_by_topic ON stream_events (org_id, topic, id);
