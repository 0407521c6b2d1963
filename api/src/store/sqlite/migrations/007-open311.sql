-- Open311 GeoReport v2: the api_keys organisations give to applications, and what an application sent
-- with each request it made beyond the report itself (its token, the reporter's account id…).

-- A key is shown once, when it is made; only its SHA-256 is kept (the key is 32 random bytes, so a
-- fast hash is enough: there is nothing to guess). Revoked keys stay, so the list shows what was given out.
CREATE TABLE open311_keys (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
  application TEXT NOT NULL CHECK (length(application) BETWEEN 1 AND 120),
  key_hash TEXT NOT NULL UNIQUE CHECK (length(key_hash) = 64),
  created_by TEXT REFERENCES users(id) ON DELETE SET NULL,
  created_at TEXT NOT NULL,
  revoked_at TEXT
) STRICT;
CREATE INDEX open311_keys_by_org ON open311_keys (org_id, created_at, id);

-- What an Open311 client sent with a request besides the report itself: the token it may look the
-- request up by, the reporter's account id in that application, and the media_url (never fetched:
-- shown as the request's media_url while the report has no photo of its own).
CREATE TABLE open311_requests (
  report_rowid INTEGER PRIMARY KEY REFERENCES reports(rowid) ON DELETE CASCADE,
  org_id TEXT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
  key_id TEXT REFERENCES open311_keys(id) ON DELETE SET NULL,
  token TEXT NOT NULL,
  account_id TEXT,
  media_url TEXT,
  created_at TEXT NOT NULL,
  UNIQUE (org_id, token)
) STRICT;
