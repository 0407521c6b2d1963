// SpatialIndex: bounding-box queries over `features` through SQLite's R*Tree, with grid clustering when a
// box holds more than the caller can send. Tables: migrations/004-spatial.sql.
import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';

/** Which set a feature belongs to, e.g. `c:${projectId}:${categoryId}:${status}`, `p:${orgId}`, `e:${orgId}`. */
export type LayerKey = string;
type BBox4 = [number, number, number, number];

/** One feature as the index sees it: lon/lat is its representative point, bbox its extent. */
export interface SpatialEntry {
  rowid: number;
  layer: LayerKey;
  lon: number;
  lat: number;
  bbox: BBox4;
}

/** `count` features near (lon, lat), spread over `bbox`; they separate at `expansionZoom`. */
export interface Cluster {
  key: string;
  lon: number;
  lat: number;
  count: number;
  bbox: BBox4;
  expansionZoom: number;
}

/** What a viewport gets: features by rowid, and clusters when the box holds more than the limit. */
export interface SpatialResult {
  /** Features in the box: `rowids.length` plus the clusters' counts. */
  total: number;
  clustered: boolean;
  rowids: number[];
  clusters: Cluster[];
}

export const DEFAULT_LIMIT = 500;
/** Version of what add() stores; bump it when that changes (bench/geo.mjs keys its cached files on it). */
export const STORAGE_FORMAT = 1;
/** Deepest zoom of the cluster grid; past it, clusters open by zooming to MAX_EXPANSION_ZOOM. */
export const MAX_CELL_ZOOM = 16;
export const MAX_EXPANSION_ZOOM = 17;
/** Clusters may go coarser than the stored zoom 0 (4 x 4 cells): down to one cell for the world. */
const MIN_GRID_ZOOM = -2;

// ── web mercator on an integer grid ──
// 2^28 units across the world (about 15 cm at the equator): a cell's sums stay exact in a double up to 2^25 features.
const WORLD_BITS = 28;
const WORLD = 2 ** WORLD_BITS;
const MAX_LAT = 85.0511287798066;

const clampUnit = (u: number) => (u < 0 ? 0 : u >= WORLD ? WORLD - 1 : u);
/** Longitude to integer mercator x. */
export const mercX = (lon: number) => clampUnit(Math.floor(((lon + 180) / 360) * WORLD));
/** Latitude to integer mercator y (0 at the north edge). */
export function mercY(lat: number): number {
  const clamped = Math.max(-MAX_LAT, Math.min(MAX_LAT, lat));
  const sin = Math.sin((clamped * Math.PI) / 180);
  return clampUnit(Math.floor((0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)) * WORLD));
}
const lonOf = (x: number) => (x / WORLD) * 360 - 180;
const latOf = (y: number) => (Math.atan(Math.sinh(Math.PI * (1 - (2 * y) / WORLD))) * 180) / Math.PI;
/** A grid cell at zoom z is 64 px of a 256 * 2^z px world: 2^(z+2) cells across. */
const cellShift = (z: number) => WORLD_BITS - (z + 2);
/** Integer cell of an integer mercator coordinate at zoom z (`>>` would overflow past 2^31). */
export const cellOf = (u: number, z: number) => Math.floor(u / 2 ** cellShift(z));

/** The grid zoom used for a map zoom. */
export const cellZoom = (zoom: number) => Math.max(0, Math.min(MAX_CELL_ZOOM, Math.floor(zoom)));

/**
 * The first zoom at which points spread over [minX..maxX] x [minY..maxY] (integer mercator) fall in
 * more than one cell: exact, because the extremes are themselves members. At least `zoom + 1`.
 */
export function splitZoom(minX: number, minY: number, maxX: number, maxY: number, zoom: number): number {
  let z = Math.max(0, Math.floor(zoom) + 1);
  while (z <= MAX_CELL_ZOOM && cellOf(minX, z) === cellOf(maxX, z) && cellOf(minY, z) === cellOf(maxY, z)) z++;
  return Math.min(z, MAX_EXPANSION_ZOOM);
}

/**
 * The integer stored for a layer key: 53 bits of its SHA-1. A hash rather than a lookup table, so an id
 * cached in memory can never be invalidated by a rolled-back transaction that created it.
 */
export function layerId(layer: LayerKey): number {
  let id = layerIds.get(layer);
  if (id === undefined) {
    const digest = createHash('sha1').update(layer).digest();
    id = digest.readUIntBE(0, 6) * 32 + (digest[6]! >> 3);
    if (layerIds.size >= 10_000) layerIds.clear(); // a pure function's memo: forgetting is always safe
    layerIds.set(layer, id);
  }
  return id;
}
const layerIds = new Map<LayerKey, number>();

const inBox = (lon: number, lat: number, b: readonly number[]) => lon >= b[0]! && lon <= b[2]! && lat >= b[1]! && lat <= b[3]!;

interface Bucket {
  cx: number;
  cy: number;
  count: number;
  /** Sums of integer mercator coordinates. */
  sumX: number;
  sumY: number;
  minLon: number;
  minLat: number;
  maxLon: number;
  maxLat: number;
  /** The rowid when count is 1. */
  member: number | null;
}

/** A map key for a cell (cells are fewer than 2^18 across). */
const cellKey = (cx: number, cy: number) => cx * 2 ** 18 + cy;

/** Degrees to 6 decimals (about 10 cm): a cluster's JSON is half as long; its bbox is rounded outwards. */
const micro = (degrees: number, rounding: (n: number) => number) => rounding(degrees * 1e6) / 1e6;

/** Buckets → result: lone members as rowids, the rest as clusters. */
function bucketsToResult(buckets: Iterable<Bucket>, z: number, zoom: number): SpatialResult {
  const rowids: number[] = [];
  const clusters: Cluster[] = [];
  let total = 0;
  for (const b of buckets) {
    total += b.count;
    if (b.count === 1 && b.member !== null) {
      rowids.push(b.member);
      continue;
    }
    const bbox: BBox4 = [micro(b.minLon, Math.floor), micro(b.minLat, Math.floor), micro(b.maxLon, Math.ceil), micro(b.maxLat, Math.ceil)];
    // The mean is taken on the integer grid (15 cm steps): keep it inside the members' extent.
    const lon = Math.min(bbox[2], Math.max(bbox[0], micro(lonOf(b.sumX / b.count), Math.round)));
    const lat = Math.min(bbox[3], Math.max(bbox[1], micro(latOf(b.sumY / b.count), Math.round)));
    clusters.push({
      key: `${z}/${b.cx}/${b.cy}`,
      lon,
      lat,
      count: b.count,
      bbox,
      expansionZoom: splitZoom(mercX(b.minLon), mercY(b.maxLat), mercX(b.maxLon), mercY(b.minLat), Math.max(zoom, z)),
    });
  }
  return { total, clustered: clusters.length > 0, rowids, clusters };
}

function mergeInto(into: Bucket, b: Bucket) {
  into.count += b.count;
  into.sumX += b.sumX;
  into.sumY += b.sumY;
  into.minLon = Math.min(into.minLon, b.minLon);
  into.minLat = Math.min(into.minLat, b.minLat);
  into.maxLon = Math.max(into.maxLon, b.maxLon);
  into.maxLat = Math.max(into.maxLat, b.maxLat);
  into.member = null;
}

/** Merges buckets into their parents at zoom z - 1 (cells nest 2 x 2). */
function coarsen(buckets: Map<number, Bucket>): Map<number, Bucket> {
  const parents = new Map<number, Bucket>();
  for (const b of buckets.values()) {
    const cx = Math.floor(b.cx / 2);
    const cy = Math.floor(b.cy / 2);
    const key = cellKey(cx, cy);
    const p = parents.get(key);
    if (p) mergeInto(p, b);
    else parents.set(key, { ...b, cx, cy });
  }
  return parents;
}

/** Grid-clusters buckets at zoom z, going coarser until at most `limit` rowids and clusters remain. */
function clusterBuckets(buckets: Map<number, Bucket>, z: number, zoom: number, limit: number): SpatialResult {
  let level = buckets;
  let cz = z;
  while (level.size > limit && cz > MIN_GRID_ZOOM) {
    level = coarsen(level);
    cz--;
  }
  return bucketsToResult(level.values(), cz, zoom);
}

/** How many grid cells of zoom z the box spans. */
function gridCells(bbox: BBox4, z: number): number {
  const [minLon, minLat, maxLon, maxLat] = bbox;
  return (cellOf(mercX(maxLon), z) - cellOf(mercX(minLon), z) + 1) * (cellOf(mercY(minLat), z) - cellOf(mercY(maxLat), z) + 1);
}

/**
 * The grid zoom a clustered answer starts from: the finest, at most the map's, whose grid over the box has
 * at most `limit` cells. The zoom is the client's word; the box decides how many cells that means, so a
 * crafted zoom cannot make the server read a large box cell by cell. From there the answer goes finer
 * while the occupied cells, split in four, would still fit: a crowded view reads few cells, a sparse one
 * gets small clusters.
 */
function startLevel(bbox: BBox4, zoom: number, limit: number): number {
  let z = cellZoom(zoom);
  while (z > MIN_GRID_ZOOM && gridCells(bbox, z) > limit) z--;
  return z;
}

/**
 * Grid-clusters an in-memory list (for filters the precomputed cells cannot answer, e.g. events in a
 * time span): the points in `bbox`, one by one when they are at most `limit`, else clustered on the
 * same 64-pixel grid as the index.
 */
export function clusterPoints(points: readonly { rowid: number; lon: number; lat: number }[], bbox: BBox4, zoom: number, limit: number = DEFAULT_LIMIT): SpatialResult {
  const inside = points.filter((p) => inBox(p.lon, p.lat, bbox));
  if (inside.length <= limit) return { total: inside.length, clustered: false, rowids: inside.map((p) => p.rowid), clusters: [] };
  const top = cellZoom(zoom);
  const fine = new Map<number, Bucket>();
  for (const p of inside) {
    const x = mercX(p.lon);
    const y = mercY(p.lat);
    const cx = cellOf(x, top);
    const cy = cellOf(y, top);
    const point: Bucket = { cx, cy, count: 1, sumX: x, sumY: y, minLon: p.lon, minLat: p.lat, maxLon: p.lon, maxLat: p.lat, member: p.rowid };
    const b = fine.get(cellKey(cx, cy));
    if (b) mergeInto(b, point);
    else fine.set(cellKey(cx, cy), point);
  }
  // The same levels as SpatialIndex.query, made by merging the finest grid.
  const levels = [fine];
  const at = (z: number) => {
    while (levels.length <= top - z) levels.push(coarsen(levels.at(-1)!));
    return levels[top - z]!;
  };
  const safeLimit = Math.max(1, limit);
  let z = startLevel(bbox, zoom, safeLimit);
  while (z < top && 4 * at(z).size <= safeLimit) z++;
  return clusterBuckets(at(z), z, zoom, safeLimit);
}

type CellRow = [cx: number, cy: number, count: number, sumX: number, sumY: number, minLon: number, minLat: number, maxLon: number, maxLat: number, member: number | null];
type Aggregate = { count: number; sumX: number; sumY: number; minLon: number; minLat: number; maxLon: number; maxLat: number; member: number | null };

const CELL_COLUMNS = 'cx, cy, count, sum_x, sum_y, min_lon, min_lat, max_lon, max_lat, member';

/**
 * The spatial index of the `features` table: an R*Tree of bounding boxes, and a pyramid of grid cells
 * (zoom 0..16, 64 px each) per layer holding count, coordinate sums, extent and the lone member, kept
 * exact on every add, move and remove. A viewport reads either the R*Tree (when it holds at most
 * `limit` features) or a few hundred cells, so its cost does not grow with the number of features.
 * Writes belong inside the caller's transaction, so the index and the table change together.
 */
export class SpatialIndex {
  readonly #db: Database.Database;
  readonly #insertTree: Database.Statement;
  readonly #addCells: Database.Statement;
  readonly #treeEntry: Database.Statement;
  readonly #deleteTree: Database.Statement;
  readonly #cell: Database.Statement;
  readonly #deleteCell: Database.Statement;
  readonly #updateCell: Database.Statement;
  readonly #children: Database.Statement;
  readonly #leafMembers: Database.Statement;
  readonly #cells: Database.Statement;
  readonly #inBoxByLayerCount = new Map<number, Database.Statement>();

  constructor(db: Database.Database) {
    this.#db = db;
    this.#insertTree = db.prepare('INSERT INTO spatial_rtree (id, min_lon, max_lon, min_lat, max_lat, layer, lon, lat, point) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
    // One statement files the point in its cell at every zoom (17 upserts without 17 calls from JS).
    this.#addCells = db.prepare(`WITH RECURSIVE levels(z) AS (SELECT 0 UNION ALL SELECT z + 1 FROM levels WHERE z < ${MAX_CELL_ZOOM})
      INSERT INTO spatial_cells (layer, z, cx, cy, count, sum_x, sum_y, min_lon, min_lat, max_lon, max_lat, member)
      SELECT :layer, z, :x >> (${WORLD_BITS - 2} - z), :y >> (${WORLD_BITS - 2} - z), 1, :x, :y, :lon, :lat, :lon, :lat, :rowid FROM levels WHERE true
      ON CONFLICT DO UPDATE SET count = count + 1, sum_x = sum_x + excluded.sum_x, sum_y = sum_y + excluded.sum_y,
        min_lon = min(min_lon, excluded.min_lon), min_lat = min(min_lat, excluded.min_lat),
        max_lon = max(max_lon, excluded.max_lon), max_lat = max(max_lat, excluded.max_lat), member = NULL`);
    this.#treeEntry = db.prepare('SELECT layer, lon, lat FROM spatial_rtree WHERE id = ?');
    this.#deleteTree = db.prepare('DELETE FROM spatial_rtree WHERE id = ?');
    this.#cell = db.prepare(`SELECT ${CELL_COLUMNS} FROM spatial_cells WHERE layer = ? AND z = ? AND cx = ? AND cy = ?`).raw();
    this.#deleteCell = db.prepare('DELETE FROM spatial_cells WHERE layer = ? AND z = ? AND cx = ? AND cy = ?');
    this.#updateCell = db.prepare(`UPDATE spatial_cells SET count = ?, sum_x = ?, sum_y = ?, min_lon = ?, min_lat = ?, max_lon = ?, max_lat = ?, member = ?
      WHERE layer = ? AND z = ? AND cx = ? AND cy = ?`);
    this.#children = db.prepare(`SELECT ${CELL_COLUMNS} FROM spatial_cells WHERE layer = ? AND z = ? AND cx IN (?, ?) AND cy BETWEEN ? AND ?`).raw();
    this.#leafMembers = db.prepare(`SELECT id, lon, lat FROM spatial_rtree
      WHERE min_lon <= ? AND max_lon >= ? AND min_lat <= ? AND max_lat >= ? AND layer = ?`).raw();
    // One range scan of the primary key per grid column and layer, driven from the small tables on the left;
    // the layers' cells that meet the box are merged here, which spares making a JS value of each.
    // `surely` counts the features of cells whose extent lies inside the box.
    this.#cells = db.prepare(`WITH RECURSIVE cols(cx) AS (SELECT :cx0 UNION ALL SELECT cx + 1 FROM cols WHERE cx < :cx1)
      SELECT c.cx, c.cy, sum(c.count), sum(c.sum_x), sum(c.sum_y), min(c.min_lon), min(c.min_lat), max(c.max_lon), max(c.max_lat), max(c.member),
        sum(CASE WHEN c.min_lon >= :minLon AND c.max_lon <= :maxLon AND c.min_lat >= :minLat AND c.max_lat <= :maxLat THEN c.count ELSE 0 END)
      FROM json_each(:layers) l CROSS JOIN cols CROSS JOIN spatial_cells c
      WHERE c.layer = l.value AND c.z = :z AND c.cx = cols.cx AND c.cy BETWEEN :cy0 AND :cy1
        AND c.max_lon >= :minLon AND c.min_lon <= :maxLon AND c.max_lat >= :minLat AND c.min_lat <= :maxLat
      GROUP BY c.cx, c.cy`).raw();
  }

  /** Adds a feature (call inside the writer's transaction). */
  add(entry: SpatialEntry): void {
    const { rowid, lon, lat } = entry;
    const [minLon, minLat, maxLon, maxLat] = entry.bbox;
    const point = minLon === lon && maxLon === lon && minLat === lat && maxLat === lat ? 1 : 0;
    const layer = layerId(entry.layer);
    // The box always holds the representative point, so a cell's members can be found through the tree.
    this.#insertTree.run(rowid, Math.min(minLon, lon), Math.max(maxLon, lon), Math.min(minLat, lat), Math.max(maxLat, lat), layer, lon, lat, point);
    this.#addCells.run({ layer, x: mercX(lon), y: mercY(lat), lon, lat, rowid });
  }

  /** Removes a feature; nothing happens when it is not indexed. */
  remove(rowid: number): void {
    const entry = this.#treeEntry.get(rowid) as { layer: number; lon: number; lat: number } | undefined;
    if (!entry) return;
    this.#deleteTree.run(rowid);
    const { layer, lon, lat } = entry;
    const x = mercX(lon);
    const y = mercY(lat);
    // Leaf first: a cell whose extent or lone member changes is rebuilt from the level below it.
    for (let z = MAX_CELL_ZOOM; z >= 0; z--) {
      const cx = cellOf(x, z);
      const cy = cellOf(y, z);
      const cell = this.#cell.get(layer, z, cx, cy) as CellRow | undefined;
      if (!cell) continue;
      if (cell[2] <= 1) {
        this.#deleteCell.run(layer, z, cx, cy);
        continue;
      }
      const onEdge = lon === cell[5] || lat === cell[6] || lon === cell[7] || lat === cell[8];
      const next: Aggregate =
        onEdge || cell[2] === 2
          ? z === MAX_CELL_ZOOM
            ? this.#leafAggregate(layer, cx, cy)
            : this.#childAggregate(layer, z, cx, cy)
          : { count: cell[2] - 1, sumX: cell[3] - x, sumY: cell[4] - y, minLon: cell[5], minLat: cell[6], maxLon: cell[7], maxLat: cell[8], member: null };
      this.#updateCell.run(next.count, next.sumX, next.sumY, next.minLon, next.minLat, next.maxLon, next.maxLat, next.member, layer, z, cx, cy);
    }
  }

  /** Re-files a feature whose layer (e.g. status) or position changed. */
  move(entry: SpatialEntry): void {
    this.remove(entry.rowid);
    this.add(entry);
  }

  /** At most `limit` (default 500) rowids plus clusters; raw rowids when the box holds at most `limit` features. */
  query(q: { layers: LayerKey[]; bbox: BBox4; zoom: number; limit?: number }): SpatialResult {
    const limit = Math.max(1, q.limit ?? DEFAULT_LIMIT);
    const layers = [...new Set(q.layers)].map(layerId);
    if (layers.length === 0) return { total: 0, clustered: false, rowids: [], clusters: [] };
    const top = cellZoom(q.zoom);
    let z = startLevel(q.bbox, q.zoom, limit);
    let { buckets, surely } = this.#bucketsAt(layers, q.bbox, z);
    if (surely <= limit) {
      // Few enough, perhaps: the R*Tree says exactly (lines and polygons count by their extent here).
      const raw = this.#inBox(layers, q.bbox, limit + 1);
      if (raw.length <= limit) return { total: raw.length, clustered: false, rowids: raw.map((r) => r[0]), clusters: [] };
    }
    while (z < top && 4 * buckets.size <= limit) ({ buckets } = this.#bucketsAt(layers, q.bbox, ++z));
    return clusterBuckets(buckets, z, q.zoom, limit);
  }

  /**
   * The layers' cells of zoom z that meet the box, merged across layers (below zoom 0, merged from
   * zoom 0), and how many features they certainly hold in the box: those of cells whose extent is inside.
   */
  #bucketsAt(layers: number[], bbox: BBox4, z: number): { buckets: Map<number, Bucket>; surely: number } {
    const [minLon, minLat, maxLon, maxLat] = bbox;
    const read = Math.max(0, z);
    const rows = this.#cells.all({
      layers: JSON.stringify(layers),
      z: read,
      cx0: cellOf(mercX(minLon), read),
      cx1: cellOf(mercX(maxLon), read),
      cy0: cellOf(mercY(maxLat), read),
      cy1: cellOf(mercY(minLat), read),
      minLon,
      minLat,
      maxLon,
      maxLat,
    }) as [...CellRow, number][];
    let buckets = new Map<number, Bucket>();
    let surely = 0;
    for (const [cx, cy, count, sumX, sumY, cMinLon, cMinLat, cMaxLon, cMaxLat, member, inside] of rows) {
      surely += inside;
      buckets.set(cellKey(cx, cy), { cx, cy, count, sumX, sumY, minLon: cMinLon, minLat: cMinLat, maxLon: cMaxLon, maxLat: cMaxLat, member: count === 1 ? member : null });
    }
    for (let level = read; level > z; level--) buckets = coarsen(buckets);
    return { buckets, surely };
  }

  /** Rowids of the layers' features in the box, unclustered, at most `limit`. */
  queryRaw(q: { layers: LayerKey[]; bbox: BBox4; limit: number }): number[] {
    return this.#inBox([...new Set(q.layers)].map(layerId), q.bbox, q.limit).map((r) => r[0]);
  }

  /** Features whose box meets `bbox`; points are checked against their exact coordinates. */
  #inBox(layers: number[], bbox: BBox4, limit: number): [id: number][] {
    if (layers.length === 0 || limit <= 0) return [];
    const [minLon, minLat, maxLon, maxLat] = bbox;
    let statement = this.#inBoxByLayerCount.get(layers.length);
    if (!statement) {
      // The R*Tree's floats are rounded outwards, so a point just outside can match: `point` rows are re-checked.
      statement = this.#db
        .prepare(`SELECT id FROM spatial_rtree
          WHERE min_lon <= ? AND max_lon >= ? AND min_lat <= ? AND max_lat >= ?
            AND layer IN (${layers.map(() => '?').join(', ')})
            AND (point = 0 OR (lon BETWEEN ? AND ? AND lat BETWEEN ? AND ?))
          LIMIT ?`)
        .raw();
      this.#inBoxByLayerCount.set(layers.length, statement);
    }
    return statement.all(maxLon, minLon, maxLat, minLat, ...layers, minLon, maxLon, minLat, maxLat, limit) as [number][];
  }

  /** A leaf cell recounted from the R*Tree. */
  #leafAggregate(layer: number, cx: number, cy: number): Aggregate {
    const z = MAX_CELL_ZOOM;
    const size = 2 ** cellShift(z);
    const lastCell = WORLD / size - 1;
    const slack = 1e-7; // the cell's edges in degrees are rounded; members are sorted out exactly below
    const west = cx === 0 ? -180 : lonOf(cx * size) - slack;
    const east = cx === lastCell ? 180 : lonOf((cx + 1) * size) + slack;
    const north = cy === 0 ? 90 : latOf(cy * size) + slack;
    const south = cy === lastCell ? -90 : latOf((cy + 1) * size) - slack;
    const agg = emptyAggregate();
    for (const [id, lon, lat] of this.#leafMembers.all(east, west, north, south, layer) as [number, number, number][]) {
      const x = mercX(lon);
      const y = mercY(lat);
      if (cellOf(x, z) !== cx || cellOf(y, z) !== cy) continue;
      addTo(agg, { count: 1, sumX: x, sumY: y, minLon: lon, minLat: lat, maxLon: lon, maxLat: lat, member: id });
    }
    return agg;
  }

  /** A cell rebuilt from its (already updated) 2 x 2 children. */
  #childAggregate(layer: number, z: number, cx: number, cy: number): Aggregate {
    const agg = emptyAggregate();
    for (const c of this.#children.all(layer, z + 1, 2 * cx, 2 * cx + 1, 2 * cy, 2 * cy + 1) as CellRow[]) {
      addTo(agg, { count: c[2], sumX: c[3], sumY: c[4], minLon: c[5], minLat: c[6], maxLon: c[7], maxLat: c[8], member: c[9] });
    }
    return agg;
  }
}

const emptyAggregate = (): Aggregate => ({ count: 0, sumX: 0, sumY: 0, minLon: Infinity, minLat: Infinity, maxLon: -Infinity, maxLat: -Infinity, member: null });

function addTo(agg: Aggregate, part: Aggregate) {
  agg.member = agg.count === 0 && part.count === 1 ? part.member : null;
  agg.count += part.count;
  agg.sumX += part.sumX;
  agg.sumY += part.sumY;
  agg.minLon = Math.min(agg.minLon, part.minLon);
  agg.minLat = Math.min(agg.minLat, part.minLat);
  agg.maxLon = Math.max(agg.maxLon, part.maxLon);
  agg.maxLat = Math.max(agg.maxLat, part.maxLat);
}
