-- The spatial index over `features` (ids are `features.rowid`), written only by api/src/store/sqlite/spatial.ts.
-- Self-contained on purpose: no foreign keys, so it does not depend on the order of other migrations.
-- `layer` is a 53-bit hash of the layer key (e.g. `c:<project>:<category>:<status>`), see spatial.ts.

-- Each feature's bounding box. R*Tree coordinates are 32-bit floats rounded outwards, so the exact
-- representative point (`lon`, `lat`) is kept beside it; `point` is 1 when the geometry is that point.
CREATE VIRTUAL TABLE spatial_rtree USING rtree(id, min_lon, max_lon, min_lat, max_lat, +layer, +lon, +lat, +point);

-- The cluster pyramid: for each layer and zoom 0..16, the cells of a 2^(z+2) x 2^(z+2) web-mercator grid
-- (64 screen pixels at that zoom) that hold at least one representative point. Sums are of integer
-- mercator coordinates (2^28 units across the world), so adding and removing stays exact.
-- `member` is the feature's rowid when the cell holds exactly one.
CREATE TABLE spatial_cells (
  layer INTEGER NOT NULL,
  z INTEGER NOT NULL,
  cx INTEGER NOT NULL,
  cy INTEGER NOT NULL,
  count INTEGER NOT NULL,
  sum_x INTEGER NOT NULL,
  sum_y INTEGER NOT NULL,
  min_lon REAL NOT NULL,
  min_lat REAL NOT NULL,
  max_lon REAL NOT NULL,
  max_lat REAL NOT NULL,
  member INTEGER,
  PRIMARY KEY (layer, z, cx, cy)
) STRICT, WITHOUT ROWID;
