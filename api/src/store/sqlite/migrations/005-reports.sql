-- Reports of local problems: each organisation's report categories and settings (its status workflow),
-- the reports with their photos, timeline, followers and supporters. Every row carries its organisation
-- (directly or through its report) and every query filters by it.
--
-- Reports are filed in the spatial index of 004-spatial.sql beside the map's features, under their own
-- layers (`r:<org>:<category>:open|closed|merged`, see api/src/store/sqlite/reports.ts) and with
-- NEGATIVE ids (-reports.rowid), so that they never meet a feature's id (features.rowid is positive).

-- What residents can report. `code` is the Open311 service_code: stable, unique in the organisation.
CREATE TABLE report_categories (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
  code TEXT NOT NULL CHECK (length(code) BETWEEN 2 AND 40),
  name TEXT NOT NULL,
  group_name TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  keywords TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(keywords) AND json_type(keywords) = 'array'),
  -- The department new reports go to; forgotten (not refused) when the department is removed.
  department_id TEXT REFERENCES departments(id) ON DELETE SET NULL,
  fields TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(fields) AND json_type(fields) = 'array'), -- FieldDefinition[]
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  position INTEGER NOT NULL,     -- the order the organisation lists them in
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (org_id, code)
) STRICT;
CREATE INDEX report_categories_by_org ON report_categories (org_id, position);

-- One row per organisation that changed the defaults (api/src/domain/workflow.ts has them).
CREATE TABLE report_settings (
  org_id TEXT PRIMARY KEY REFERENCES orgs(id) ON DELETE CASCADE,
  workflow TEXT NOT NULL CHECK (json_valid(workflow)), -- Workflow
  anonymous_reports INTEGER NOT NULL DEFAULT 0 CHECK (anonymous_reports IN (0, 1)),
  nearby_radius INTEGER NOT NULL DEFAULT 50 CHECK (nearby_radius BETWEEN 10 AND 2000),
  updated_at TEXT NOT NULL
) STRICT;

-- The INTEGER rowid keys the spatial index (as -rowid); `id` is the public id and `reference` what
-- residents quote (`SWK-1042`: the organisation's letters and its own sequence `number`).
CREATE TABLE reports (
  rowid INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  org_id TEXT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
  number INTEGER NOT NULL CHECK (number > 0),
  reference TEXT NOT NULL,
  category_id TEXT NOT NULL REFERENCES report_categories(id),
  description TEXT NOT NULL,
  lon REAL NOT NULL CHECK (lon BETWEEN -180 AND 180),
  lat REAL NOT NULL CHECK (lat BETWEEN -90 AND 90),
  address TEXT,
  fields TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(fields)), -- FieldValues
  status TEXT NOT NULL,           -- a step key of the organisation's workflow
  open INTEGER NOT NULL CHECK (open IN (0, 1)), -- the step's Open311 side, kept in step with the workflow
  department_id TEXT REFERENCES departments(id) ON DELETE SET NULL,
  expected_on TEXT,               -- YYYY-MM-DD
  merged_into INTEGER REFERENCES reports(rowid) ON DELETE SET NULL,
  -- A signed-in reporter, or an anonymous one's name and email (for updates).
  reporter_id TEXT REFERENCES users(id) ON DELETE SET NULL,
  reporter_name TEXT,
  reporter_email TEXT,
  -- A client's own id for the report, so that a resend (an offline queue retrying) finds the first.
  client_request_id TEXT,
  follower_count INTEGER NOT NULL DEFAULT 0 CHECK (follower_count >= 0), -- kept by the triggers below
  support_count INTEGER NOT NULL DEFAULT 0 CHECK (support_count >= 0),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (org_id, number),
  UNIQUE (org_id, reference),
  UNIQUE (org_id, client_request_id)
) STRICT;
-- The inbox's filters: by status, department and category, newest first; and the organisation's newest.
CREATE INDEX reports_by_status ON reports (org_id, status, created_at, id);
CREATE INDEX reports_by_department ON reports (org_id, department_id, created_at, id);
CREATE INDEX reports_by_category ON reports (org_id, category_id, created_at, id);
CREATE INDEX reports_by_created ON reports (org_id, created_at, id);
CREATE INDEX reports_by_updated ON reports (org_id, updated_at, id);
CREATE INDEX reports_by_reporter ON reports (reporter_id, created_at) WHERE reporter_id IS NOT NULL;
CREATE INDEX reports_merged_into ON reports (merged_into) WHERE merged_into IS NOT NULL;

-- A photo belongs to at most one report (media_id is unique): a report can only take photos nobody
-- else has claimed. A removed photo keeps its row, so the timeline can say so and it is never re-used.
CREATE TABLE report_photos (
  report_rowid INTEGER NOT NULL REFERENCES reports(rowid) ON DELETE CASCADE,
  media_id TEXT NOT NULL UNIQUE REFERENCES media(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  width INTEGER NOT NULL,
  height INTEGER NOT NULL,
  removed_at TEXT,
  PRIMARY KEY (report_rowid, media_id)
) STRICT, WITHOUT ROWID;

-- Photos uploaded without signing in (for anonymous reports), with a keyed hash of the uploading
-- client's address: only that address may attach them, within the hour.
CREATE TABLE report_anonymous_uploads (
  media_id TEXT PRIMARY KEY REFERENCES media(id) ON DELETE CASCADE,
  org_id TEXT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
  address_hash TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT, WITHOUT ROWID;

-- Every change in a report's life, oldest first by rowid. `actor_user_id` is who acted (kept for the
-- record and so that the officer who acted is not emailed about their own change); the public sees
-- `actor_kind` and `actor_name` only.
CREATE TABLE report_timeline (
  rowid INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  report_rowid INTEGER NOT NULL REFERENCES reports(rowid) ON DELETE CASCADE,
  at TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('created', 'status', 'note', 'category', 'department', 'expected', 'merged', 'photo-removed')),
  actor_kind TEXT NOT NULL CHECK (actor_kind IN ('reporter', 'resident', 'officer', 'system')),
  actor_name TEXT NOT NULL,
  actor_user_id TEXT REFERENCES users(id) ON DELETE SET NULL,
  status TEXT,
  status_label TEXT,
  to_text TEXT,
  from_text TEXT,
  expected_on TEXT,
  public_note TEXT,
  internal_note TEXT
) STRICT;
CREATE INDEX report_timeline_by_report ON report_timeline (report_rowid, rowid);

CREATE TABLE report_followers (
  report_rowid INTEGER NOT NULL REFERENCES reports(rowid) ON DELETE CASCADE,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at TEXT NOT NULL,
  PRIMARY KEY (report_rowid, user_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX report_followers_by_user ON report_followers (user_id, report_rowid);

CREATE TABLE report_supports (
  report_rowid INTEGER NOT NULL REFERENCES reports(rowid) ON DELETE CASCADE,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at TEXT NOT NULL,
  PRIMARY KEY (report_rowid, user_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX report_supports_by_user ON report_supports (user_id, report_rowid);

-- The counts a list sorts by, kept exact by the database itself.
CREATE TRIGGER report_followers_ai AFTER INSERT ON report_followers BEGIN
  UPDATE reports SET follower_count = follower_count + 1 WHERE rowid = new.report_rowid;
END;
CREATE TRIGGER report_followers_ad AFTER DELETE ON report_followers BEGIN
  UPDATE reports SET follower_count = follower_count - 1 WHERE rowid = old.report_rowid;
END;
CREATE TRIGGER report_supports_ai AFTER INSERT ON report_supports BEGIN
  UPDATE reports SET support_count = support_count + 1 WHERE rowid = new.report_rowid;
END;
CREATE TRIGGER report_supports_ad AFTER DELETE ON report_supports BEGIN
  UPDATE reports SET support_count = support_count - 1 WHERE rowid = old.report_rowid;
END;
