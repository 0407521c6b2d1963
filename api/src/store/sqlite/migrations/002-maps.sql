-- Map projects, their categories, contributions, places and events (one `features` table), flags and
-- the moderation log. Every row carries its organisation and every query filters by it.
-- The spatial index over `features` (R*Tree and cluster cells) lives in 004-spatial.sql.

CREATE TABLE projects (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
  title TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  area TEXT NOT NULL,              -- GeoJSON Polygon
  bbox TEXT NOT NULL,              -- [minLon, minLat, maxLon, maxLat] of the area
  contribute TEXT NOT NULL CHECK (contribute IN ('residents', 'members', 'nobody')),
  moderation TEXT NOT NULL CHECK (moderation IN ('publish', 'review')),
  status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'archived')),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (org_id, id)
) STRICT;
CREATE INDEX projects_by_org ON projects (org_id, created_at, id);

-- A category taken off a project keeps its row (archived) while contributions use it.
CREATE TABLE categories (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL,
  project_id TEXT NOT NULL,
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  colour TEXT NOT NULL,
  symbol TEXT NOT NULL,
  fields TEXT NOT NULL DEFAULT '[]', -- FieldDefinition[]
  archived INTEGER NOT NULL DEFAULT 0,
  FOREIGN KEY (org_id, project_id) REFERENCES projects(org_id, id) ON DELETE CASCADE
) STRICT;
CREATE INDEX categories_by_project ON categories (org_id, project_id, position);

-- Who may contribute when a project's policy is `members`, by email so people can be added before they sign up.
CREATE TABLE project_members (
  org_id TEXT NOT NULL,
  project_id TEXT NOT NULL,
  email TEXT NOT NULL,
  PRIMARY KEY (org_id, project_id, email),
  FOREIGN KEY (org_id, project_id) REFERENCES projects(org_id, id) ON DELETE CASCADE
) STRICT;

-- Contributions, places and events. The INTEGER rowid keys the spatial index; `id` is the public id.
CREATE TABLE features (
  rowid INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL CHECK (kind IN ('contribution', 'place', 'event')),
  org_id TEXT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
  project_id TEXT,
  category_id TEXT REFERENCES categories(id),
  status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'pending', 'review', 'deleted')),
  geometry TEXT NOT NULL,          -- GeoJSON geometry
  lon REAL NOT NULL,               -- representative point (what clusters and lists use)
  lat REAL NOT NULL,
  min_lon REAL NOT NULL,
  min_lat REAL NOT NULL,
  max_lon REAL NOT NULL,
  max_lat REAL NOT NULL,
  title TEXT NOT NULL DEFAULT '',
  description TEXT NOT NULL DEFAULT '',
  organiser TEXT NOT NULL DEFAULT '',
  url TEXT,
  start_at TEXT,
  end_at TEXT,
  fields TEXT NOT NULL DEFAULT '{}', -- FieldValues
  photos TEXT NOT NULL DEFAULT '[]', -- [{ id, width, height }]
  author_id TEXT REFERENCES users(id) ON DELETE SET NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  FOREIGN KEY (org_id, project_id) REFERENCES projects(org_id, id),
  CHECK ((kind = 'contribution') = (category_id IS NOT NULL)),
  CHECK (kind <> 'event' OR (start_at IS NOT NULL AND end_at IS NOT NULL AND end_at > start_at))
) STRICT;
CREATE INDEX features_by_project ON features (org_id, project_id, status, created_at, id) WHERE kind = 'contribution';
CREATE INDEX features_by_author ON features (author_id, project_id) WHERE kind = 'contribution';
CREATE INDEX features_events ON features (org_id, start_at) WHERE kind = 'event';
CREATE INDEX features_by_category ON features (category_id);

-- One flag per person per feature; resolved when a moderator decides.
CREATE TABLE flags (
  org_id TEXT NOT NULL,
  feature_rowid INTEGER NOT NULL REFERENCES features(rowid) ON DELETE CASCADE,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  reason TEXT NOT NULL,
  note TEXT,
  created_at TEXT NOT NULL,
  resolved_at TEXT,
  PRIMARY KEY (feature_rowid, user_id)
) STRICT;
CREATE INDEX flags_open ON flags (feature_rowid) WHERE resolved_at IS NULL;

CREATE TABLE moderation_log (
  id INTEGER PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
  feature_rowid INTEGER NOT NULL REFERENCES features(rowid) ON DELETE CASCADE,
  user_id TEXT REFERENCES users(id) ON DELETE SET NULL,
  action TEXT NOT NULL,            -- approve | reject | restore | delete | flagged
  from_status TEXT NOT NULL,
  to_status TEXT NOT NULL,
  note TEXT,
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX moderation_log_by_feature ON moderation_log (feature_rowid, id);
