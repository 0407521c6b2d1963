-- Photos (media) and the local gazetteer that address search uses when no geocoding service is set.

-- One row per upload: the files live under DATA_DIR/media, named by the sha256 of the uploaded bytes
-- (api/src/media/files.ts), so the same picture uploaded twice is stored once on disk but owned by
-- each organisation separately through its own row.
CREATE TABLE media (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
  uploader_id TEXT REFERENCES users(id) ON DELETE SET NULL,
  sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
  mime TEXT NOT NULL CHECK (mime IN ('image/jpeg', 'image/png', 'image/webp')), -- what was uploaded
  width INTEGER NOT NULL CHECK (width > 0),   -- of the stored original, after auto-rotation
  height INTEGER NOT NULL CHECK (height > 0),
  bytes INTEGER NOT NULL CHECK (bytes > 0),   -- size of the upload
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX media_by_org ON media (org_id, created_at);
CREATE INDEX media_by_uploader ON media (uploader_id, created_at);
CREATE INDEX media_by_sha ON media (sha256);

-- Streets, places, postcodes and areas with a point and (when known) a box. `area` tags a set that
-- is loaded together (e.g. 'southwark'), so that loading it again replaces it rather than doubling it.
-- `search` is extra text the search also matches: the label without apostrophes, a postcode without
-- its space, other names ("E&C", "Elephant").
CREATE TABLE gazetteer (
  id INTEGER PRIMARY KEY,
  area TEXT NOT NULL,
  label TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('street', 'place', 'postcode', 'area')),
  lon REAL NOT NULL CHECK (lon BETWEEN -180 AND 180),
  lat REAL NOT NULL CHECK (lat BETWEEN -90 AND 90),
  min_lon REAL,
  min_lat REAL,
  max_lon REAL,
  max_lat REAL,
  search TEXT NOT NULL DEFAULT '',
  UNIQUE (area, kind, label)
) STRICT;

-- Word-prefix search over the labels: diacritics folded ("Cafe" finds "Café"), prefixes of 1 to 4
-- characters indexed so that typing the start of a word answers from the index.
CREATE VIRTUAL TABLE gazetteer_fts USING fts5(
  label,
  search,
  content = 'gazetteer',
  content_rowid = 'id',
  tokenize = 'unicode61 remove_diacritics 2',
  prefix = '1 2 3 4'
);

-- Kept in step with `gazetteer` (external-content FTS5 tables are not updated by themselves).
CREATE TRIGGER gazetteer_ai AFTER INSERT ON gazetteer BEGIN
  INSERT INTO gazetteer_fts (rowid, label, search) VALUES (new.id, new.label, new.search);
END;
CREATE TRIGGER gazetteer_ad AFTER DELETE ON gazetteer BEGIN
  INSERT INTO gazetteer_fts (gazetteer_fts, rowid, label, search) VALUES ('delete', old.id, old.label, old.search);
END;
CREATE TRIGGER gazetteer_au AFTER UPDATE ON gazetteer BEGIN
  INSERT INTO gazetteer_fts (gazetteer_fts, rowid, label, search) VALUES ('delete', old.id, old.label, old.search);
  INSERT INTO gazetteer_fts (rowid, label, search) VALUES (new.id, new.label, new.search);
END;
