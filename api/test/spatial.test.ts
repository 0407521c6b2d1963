// The spatial index on a real SQLite file: cells stay exact under add/move/remove, and viewport queries
// answer raw features or clusters within the limit, matching a brute-force count. Then what a viewport
// sends over HTTP: coordinates to 6 decimals, and typical features within the byte budget in one query.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, before, beforeEach, describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { LayerFeatureCollection } from '@civic-elements/protocol';
import { VIEWPORT_BYTES, VIEWPORT_LIMIT } from '../src/routes/projects/viewport.js';
import { migrate } from '../src/store/sqlite/migrate.js';
import {
  MAX_CELL_ZOOM,
  MAX_EXPANSION_ZOOM,
  SpatialIndex,
  cellOf,
  clusterPoints,
  layerId,
  mercX,
  mercY,
  type SpatialEntry,
  type SpatialResult,
} from '../src/store/sqlite/spatial.js';
import { buildTestApp, type TestApp } from './support/app.js';
import { cast, contributionBody, createProject, point } from './support/maps.js';

type Box = [number, number, number, number];

/** A small deterministic PRNG (mulberry32), so a failure can be replayed. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const LONDON: Box = [-0.5, 51.3, 0.3, 51.7];
const pointEntry = (rowid: number, layer: string, lon: number, lat: number): SpatialEntry => ({ rowid, layer, lon, lat, bbox: [lon, lat, lon, lat] });

let dir: string;
const open: Database.Database[] = [];
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'civic-spatial-'));
});
after(() => {
  for (const db of open) db.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A fresh, fully migrated SQLite file and an index on it. */
function freshIndex(name: string) {
  const db = new Database(join(dir, `${name}.db`));
  db.pragma('journal_mode = WAL');
  migrate(db);
  open.push(db);
  return { db, index: new SpatialIndex(db) };
}

interface CellRow {
  layer: number;
  z: number;
  cx: number;
  cy: number;
  count: number;
  sum_x: number;
  sum_y: number;
  min_lon: number;
  min_lat: number;
  max_lon: number;
  max_lat: number;
  member: number | null;
}

/** Every cell recounted from scratch from the entries that should be indexed. */
function bruteCells(entries: Iterable<SpatialEntry>): Map<string, CellRow> {
  const cells = new Map<string, CellRow>();
  for (const e of entries) {
    const layer = layerId(e.layer);
    const x = mercX(e.lon);
    const y = mercY(e.lat);
    for (let z = 0; z <= MAX_CELL_ZOOM; z++) {
      const cx = cellOf(x, z);
      const cy = cellOf(y, z);
      const key = `${layer}/${z}/${cx}/${cy}`;
      const c = cells.get(key);
      if (!c) {
        cells.set(key, { layer, z, cx, cy, count: 1, sum_x: x, sum_y: y, min_lon: e.lon, min_lat: e.lat, max_lon: e.lon, max_lat: e.lat, member: e.rowid });
      } else {
        c.count++;
        c.sum_x += x;
        c.sum_y += y;
        c.min_lon = Math.min(c.min_lon, e.lon);
        c.min_lat = Math.min(c.min_lat, e.lat);
        c.max_lon = Math.max(c.max_lon, e.lon);
        c.max_lat = Math.max(c.max_lat, e.lat);
        c.member = null;
      }
    }
  }
  return cells;
}

function assertCellsExact(db: Database.Database, entries: Iterable<SpatialEntry>) {
  const expected = bruteCells(entries);
  const actual = db.prepare('SELECT * FROM spatial_cells').all() as CellRow[];
  assert.equal(actual.length, expected.size, 'number of cells');
  for (const row of actual) {
    const want = expected.get(`${row.layer}/${row.z}/${row.cx}/${row.cy}`);
    assert.deepEqual(row, want, `cell ${row.z}/${row.cx}/${row.cy}`);
  }
}

/** The entries whose representative point lies in the box (all test entries here are points). */
const inside = (entries: Iterable<SpatialEntry>, layers: string[], b: Box) =>
  [...entries].filter((e) => layers.includes(e.layer) && e.lon >= b[0] && e.lon <= b[2] && e.lat >= b[1] && e.lat <= b[3]);

/** Invariants every answer keeps, checked against the brute-force truth. */
function assertConsistent(result: SpatialResult, truth: SpatialEntry[], limit: number, zoom: number) {
  assert.ok(result.rowids.length + result.clusters.length <= limit, `at most ${limit} items, got ${result.rowids.length + result.clusters.length}`);
  assert.equal(result.rowids.length + result.clusters.reduce((n, c) => n + c.count, 0), result.total, 'counts add up to total');
  assert.equal(new Set(result.rowids).size, result.rowids.length, 'no rowid twice');
  if (!result.clustered) {
    assert.equal(result.clusters.length, 0);
    assert.deepEqual([...result.rowids].sort((a, b) => a - b), truth.map((e) => e.rowid).sort((a, b) => a - b));
    return;
  }
  assert.ok(truth.length > limit, 'clusters only when the box holds more than the limit');
  assert.ok(result.total >= truth.length, 'every feature in the box is counted');
  const rowids = new Set(result.rowids);
  for (const e of truth) {
    if (rowids.has(e.rowid)) continue;
    const holder = result.clusters.find((c) => {
      const [z, cx, cy] = c.key.split('/').map(Number) as [number, number, number];
      return cellOf(mercX(e.lon), z) === cx && cellOf(mercY(e.lat), z) === cy;
    });
    assert.ok(holder, `feature ${e.rowid} is in a cluster`);
    assert.ok(e.lon >= holder.bbox[0] && e.lon <= holder.bbox[2] && e.lat >= holder.bbox[1] && e.lat <= holder.bbox[3], 'inside its cluster bbox');
  }
  for (const c of result.clusters) {
    assert.ok(c.count >= 2, 'a cluster holds at least two features');
    assert.ok(c.lon >= c.bbox[0] && c.lon <= c.bbox[2] && c.lat >= c.bbox[1] && c.lat <= c.bbox[3], 'centre inside its bbox');
    assert.ok(c.expansionZoom > Math.min(zoom, MAX_EXPANSION_ZOOM - 1) && c.expansionZoom <= MAX_EXPANSION_ZOOM, `expansionZoom ${c.expansionZoom} at zoom ${zoom}`);
  }
}

describe('SpatialIndex cells', () => {
  test('stay exact through random adds, moves (position and layer) and removes', () => {
    const { db, index } = freshIndex('random-ops');
    const rnd = random(42);
    const layers = ['c:p1:a:active', 'c:p1:b:active', 'c:p1:a:pending', 'p:org'];
    const live = new Map<number, SpatialEntry>();
    let next = 1;
    // Points in a small area so that cells are shared, some exactly on top of each other.
    const somewhere = (): [number, number] => {
      if (live.size > 0 && rnd() < 0.15) {
        const other = [...live.values()][Math.floor(rnd() * live.size)]!;
        return [other.lon, other.lat];
      }
      return [-0.13 + rnd() * 0.04, 51.49 + rnd() * 0.03];
    };
    for (let round = 0; round < 4; round++) {
      db.transaction(() => {
        for (let i = 0; i < 300; i++) {
          const roll = rnd();
          const ids = [...live.keys()];
          if (roll < 0.55 || ids.length === 0) {
            const [lon, lat] = somewhere();
            const entry = pointEntry(next++, layers[Math.floor(rnd() * layers.length)]!, lon, lat);
            index.add(entry);
            live.set(entry.rowid, entry);
          } else if (roll < 0.8) {
            const id = ids[Math.floor(rnd() * ids.length)]!;
            const [lon, lat] = rnd() < 0.5 ? somewhere() : [live.get(id)!.lon, live.get(id)!.lat];
            const entry = pointEntry(id, rnd() < 0.5 ? live.get(id)!.layer : layers[Math.floor(rnd() * layers.length)]!, lon, lat);
            index.move(entry);
            live.set(id, entry);
          } else {
            const id = ids[Math.floor(rnd() * ids.length)]!;
            index.remove(id);
            live.delete(id);
          }
        }
      })();
      assertCellsExact(db, live.values());
      assert.equal((db.prepare('SELECT count(*) AS n FROM spatial_rtree').get() as { n: number }).n, live.size);
    }
    // Emptying the index leaves no cell behind.
    db.transaction(() => {
      for (const id of live.keys()) index.remove(id);
    })();
    assert.equal((db.prepare('SELECT count(*) AS n FROM spatial_cells').get() as { n: number }).n, 0);
  });

  test('a move to another layer (a status change) and another place is seen by queries at once', () => {
    const { index } = freshIndex('move');
    const box: Box = [-0.2, 51.4, 0, 51.6];
    index.add(pointEntry(1, 'c:p:a:pending', -0.1, 51.5));
    assert.deepEqual(index.query({ layers: ['c:p:a:active'], bbox: box, zoom: 12 }).rowids, []);
    index.move(pointEntry(1, 'c:p:a:active', -0.1, 51.5));
    assert.deepEqual(index.query({ layers: ['c:p:a:active'], bbox: box, zoom: 12 }).rowids, [1]);
    assert.deepEqual(index.query({ layers: ['c:p:a:pending'], bbox: box, zoom: 12 }).rowids, []);
    index.move(pointEntry(1, 'c:p:a:active', 0.5, 51.5));
    assert.deepEqual(index.queryRaw({ layers: ['c:p:a:active'], bbox: box, limit: 10 }), []);
  });

  test('removing what is not indexed changes nothing', () => {
    const { db, index } = freshIndex('remove-missing');
    index.add(pointEntry(1, 'p:o', 0.1, 51.5));
    index.remove(99);
    assertCellsExact(db, [pointEntry(1, 'p:o', 0.1, 51.5)]);
  });

  test('a rolled-back add leaves neither tree nor cells behind', () => {
    const { db, index } = freshIndex('rollback');
    assert.throws(() =>
      db.transaction(() => {
        index.add(pointEntry(1, 'c:new:layer:active', 0.1, 51.5));
        throw new Error('abort');
      })(),
    );
    assert.equal((db.prepare('SELECT count(*) AS n FROM spatial_cells').get() as { n: number }).n, 0);
    assert.equal((db.prepare('SELECT count(*) AS n FROM spatial_rtree').get() as { n: number }).n, 0);
  });
});

describe('SpatialIndex queries', () => {
  const layers = ['c:p1:a:active', 'c:p1:b:active', 'c:p1:a:pending'];
  const entries: SpatialEntry[] = [];
  let index: SpatialIndex;

  before(() => {
    const fresh = freshIndex('queries');
    index = fresh.index;
    const rnd = random(7);
    // 6,000 points over Greater London, denser in the middle, plus one lonely point far out east.
    fresh.db.transaction(() => {
      for (let rowid = 1; rowid <= 6000; rowid++) {
        const spread = rnd() < 0.5 ? 0.08 : 0.35;
        const lon = -0.12 + (rnd() - 0.5) * 2 * spread;
        const lat = 51.5 + (rnd() - 0.5) * spread;
        const entry = pointEntry(rowid, layers[rowid % layers.length]!, lon, lat);
        index.add(entry);
        entries.push(entry);
      }
      const lonely = pointEntry(9999, layers[0]!, 1.3, 51.1);
      index.add(lonely);
      entries.push(lonely);
    })();
  });

  test('match a brute-force count at city, borough, neighbourhood and street zooms', () => {
    const views: { zoom: number; bbox: Box }[] = [
      { zoom: 9, bbox: [-0.7, 51.2, 0.45, 51.8] },
      { zoom: 10, bbox: LONDON },
      { zoom: 12, bbox: [-0.2, 51.47, -0.05, 51.53] },
      { zoom: 13.6, bbox: [-0.15, 51.49, -0.09, 51.51] },
      { zoom: 15, bbox: [-0.125, 51.498, -0.11, 51.503] },
      { zoom: 17, bbox: [-0.1205, 51.4995, -0.1185, 51.5005] },
      { zoom: 3, bbox: [-180, -85, 180, 85] },
    ];
    for (const layerSet of [layers, [layers[0]!], [layers[1]!, layers[2]!]]) {
      for (const limit of [1, 20, 150, 500]) {
        for (const view of views) {
          const truth = inside(entries, layerSet, view.bbox);
          const result = index.query({ layers: layerSet, bbox: view.bbox, zoom: view.zoom, limit });
          assertConsistent(result, truth, limit, view.zoom);
        }
      }
    }
  });

  test('a box with few features answers them one by one; a crowded one clusters', () => {
    const street = index.query({ layers, bbox: [-0.125, 51.498, -0.11, 51.503], zoom: 16, limit: 500 });
    assert.equal(street.clustered, false);
    assert.ok(street.total > 0);
    const city = index.query({ layers, bbox: LONDON, zoom: 10, limit: 150 });
    assert.equal(city.clustered, true);
    assert.ok(city.clusters.length > 10);
  });

  test('a lone feature comes back as itself, not as a cluster of one', () => {
    const result = index.query({ layers, bbox: [-0.7, 51.0, 1.5, 51.8], zoom: 9, limit: 100 });
    assert.equal(result.clustered, true);
    assert.ok(result.rowids.includes(9999), 'the lonely point is a rowid');
    assert.ok(result.clusters.every((c) => c.count > 1));
  });

  test('only the layers asked for; layers in the same cell merge into one cluster', () => {
    const a = index.query({ layers: [layers[0]!], bbox: LONDON, zoom: 11, limit: 150 });
    const b = index.query({ layers: [layers[1]!], bbox: LONDON, zoom: 11, limit: 150 });
    const both = index.query({ layers: [layers[0]!, layers[1]!], bbox: LONDON, zoom: 11, limit: 150 });
    assert.equal(both.total, a.total + b.total);
    assert.equal(new Set(both.clusters.map((c) => c.key)).size, both.clusters.length, 'one cluster per cell');
    assert.deepEqual(index.query({ layers: ['c:unknown:x:active'], bbox: LONDON, zoom: 11 }), { total: 0, clustered: false, rowids: [], clusters: [] });
    assert.deepEqual(index.query({ layers: [], bbox: LONDON, zoom: 11 }), { total: 0, clustered: false, rowids: [], clusters: [] });
  });

  test('zooming to a cluster`s expansionZoom splits it', () => {
    const result = index.query({ layers, bbox: LONDON, zoom: 10, limit: 150 });
    for (const cluster of result.clusters.slice(0, 20)) {
      const opened = index.query({ layers, bbox: cluster.bbox, zoom: cluster.expansionZoom, limit: 150 });
      assert.ok(opened.rowids.length + opened.clusters.length >= 2, `cluster ${cluster.key} opens at ${cluster.expansionZoom}`);
      assert.ok(opened.total >= cluster.count, `cluster ${cluster.key} keeps its features`);
    }
  });

  test('a crafted zoom cannot make the server read every cell of a large box', () => {
    const result = index.query({ layers, bbox: [-180, -85, 180, 85], zoom: 16, limit: 50 });
    assert.equal(result.clustered, true);
    assert.ok(result.rowids.length + result.clusters.length <= 50);
    assert.equal(result.total, entries.length);
  });

  test('a crowded view clusters on a coarser grid than a sparse one, never more items than the limit', () => {
    // A 1280 x 720 px map at zoom 13 over central London spans 21 x 13 cells of the zoom-13 grid.
    const view: Box = [-0.2099, 51.4616, 0.0098, 51.5385];
    const crowded = index.query({ layers, bbox: view, zoom: 13, limit: 150 });
    assert.equal(crowded.clustered, true);
    assert.ok(crowded.clusters.every((c) => c.key.startsWith('12/')), 'a coarser grid: 273 cells would not fit in 150');
    assertConsistent(crowded, inside(entries, layers, view), 150, 13);

    const { index: sparse } = freshIndex('sparse');
    const spots: SpatialEntry[] = [];
    const rnd = random(11);
    for (let spot = 0; spot < 25; spot++) {
      const [lon, lat] = [view[0] + 0.005 + rnd() * 0.2, view[1] + 0.003 + rnd() * 0.07];
      for (let i = 0; i < 10; i++) spots.push(pointEntry(spot * 100 + i + 1, 'p:org', lon + i * 1e-5, lat));
    }
    for (const e of spots) sparse.add(e);
    const few = sparse.query({ layers: ['p:org'], bbox: view, zoom: 13, limit: 150 });
    assert.equal(few.clustered, true);
    assert.ok(few.clusters.every((c) => c.key.startsWith('13/')), 'the map`s own grid when the occupied cells fit');
    assertConsistent(few, spots, 150, 13);
  });

  test('queryRaw returns rowids in the box, at most limit', () => {
    const bbox: Box = [-0.15, 51.49, -0.09, 51.51];
    const truth = inside(entries, layers, bbox).map((e) => e.rowid);
    const all = index.queryRaw({ layers, bbox, limit: 100_000 });
    assert.deepEqual([...all].sort((a, b) => a - b), truth.sort((a, b) => a - b));
    const some = index.queryRaw({ layers, bbox, limit: 7 });
    assert.equal(some.length, 7);
    assert.ok(some.every((id) => truth.includes(id)));
    assert.deepEqual(index.queryRaw({ layers, bbox, limit: 0 }), []);
  });
});

describe('SpatialIndex edges of the box', () => {
  test('points exactly on the edge are in; points a hair outside are out despite float32 rounding', () => {
    const { index } = freshIndex('edges');
    const layer = 'p:org';
    const bbox: Box = [-0.1234567, 51.5012345, -0.1034567, 51.5112345];
    const on = [pointEntry(1, layer, bbox[0], bbox[1]), pointEntry(2, layer, bbox[2], bbox[3]), pointEntry(3, layer, bbox[0], 51.505)];
    // 1e-9 degrees is far below a float32 step at these values (about 4e-6 at 51.5): the R*Tree alone would match these.
    const off = [pointEntry(4, layer, bbox[0] - 1e-9, 51.505), pointEntry(5, layer, -0.11, bbox[3] + 1e-9), pointEntry(6, layer, bbox[2] + 1e-9, bbox[1] - 1e-9)];
    for (const e of [...on, ...off]) index.add(e);
    const result = index.query({ layers: [layer], bbox, zoom: 15 });
    assert.deepEqual([...result.rowids].sort(), [1, 2, 3]);
    assert.equal(result.total, 3);
    assert.deepEqual(index.queryRaw({ layers: [layer], bbox, limit: 10 }).sort(), [1, 2, 3]);
  });

  test('lines and polygons are found by their extent, even when their point is outside the box', () => {
    const { index } = freshIndex('extents');
    const layer = 'c:p:c:active';
    index.add({ rowid: 1, layer, lon: 0.05, lat: 51.5, bbox: [-0.1, 51.45, 0.2, 51.55] });
    index.add(pointEntry(2, layer, 0.5, 51.5));
    assert.deepEqual(index.query({ layers: [layer], bbox: [-0.2, 51.4, -0.05, 51.6], zoom: 12 }).rowids, [1]);
  });

  test('the whole world, the poles beyond mercator and the 180th meridian', () => {
    const { db, index } = freshIndex('world');
    const layer = 'p:world';
    const world: SpatialEntry[] = [
      pointEntry(1, layer, -180, 0),
      pointEntry(2, layer, 180, 0),
      pointEntry(3, layer, 0, 89.9),
      pointEntry(4, layer, 0, -89.9),
      pointEntry(5, layer, 179.99, 85.1),
      pointEntry(6, layer, 0, 0),
    ];
    for (const e of world) index.add(e);
    assertCellsExact(db, world);
    const all = index.query({ layers: [layer], bbox: [-180, -90, 180, 90], zoom: 0, limit: 10 });
    assert.deepEqual([...all.rowids].sort(), [1, 2, 3, 4, 5, 6]);
    const clustered = index.query({ layers: [layer], bbox: [-180, -90, 180, 90], zoom: 0, limit: 2 });
    assertConsistent(clustered, world, 2, 0);
    assert.equal(clustered.total, 6);
    // Removing the clamped points rebuilds their cells from the tree.
    index.remove(3);
    index.remove(2);
    assertCellsExact(db, world.filter((e) => e.rowid !== 3 && e.rowid !== 2));
    assert.deepEqual(index.query({ layers: [layer], bbox: [179, 80, 180, 90], zoom: 5 }).rowids, [5]);
  });
});

describe('clusterPoints', () => {
  const rnd = random(3);
  const points = Array.from({ length: 3000 }, (_, i) => ({ rowid: i + 1, lon: -0.3 + rnd() * 0.4, lat: 51.4 + rnd() * 0.2 }));
  const asEntries = points.map((p) => pointEntry(p.rowid, 'x', p.lon, p.lat));

  test('answers points one by one within the limit, and only those in the box', () => {
    const bbox: Box = [-0.11, 51.49, -0.1, 51.5];
    const truth = inside(asEntries, ['x'], bbox);
    const result = clusterPoints(points, bbox, 15, 500);
    assertConsistent(result, truth, 500, 15);
  });

  test('clusters beyond the limit, the same way the index does', () => {
    const bbox: Box = [-0.3, 51.4, 0.1, 51.6];
    for (const [zoom, limit] of [[9, 100], [11, 150], [13, 500], [16, 40]] as const) {
      const result = clusterPoints(points, bbox, zoom, limit);
      assertConsistent(result, inside(asEntries, ['x'], bbox), limit, zoom);
      assert.equal(result.total, points.length);
    }
    const { index } = freshIndex('cluster-points');
    for (const e of asEntries) index.add(e);
    const fromIndex = index.query({ layers: ['x'], bbox, zoom: 11, limit: 150 });
    const inMemory = clusterPoints(points, bbox, 11, 150);
    const sortKeys = (r: SpatialResult) => r.clusters.map((c) => `${c.key}:${c.count}`).sort();
    assert.deepEqual(sortKeys(inMemory), sortKeys(fromIndex));
    assert.deepEqual([...inMemory.rowids].sort(), [...fromIndex.rowids].sort());
  });
});

describe('what a viewport sends', () => {
  let t: TestApp;
  let people: Awaited<ReturnType<typeof cast>>;
  let project: Awaited<ReturnType<typeof createProject>>;
  beforeEach(async () => {
    t = await buildTestApp();
    people = await cast(t);
    project = await createProject(t, people.officer.accessToken);
  });
  afterEach(async () => {
    await t.close();
  });

  test('coordinates go out to 6 decimals (about 10 cm); the stored geometry keeps its precision', async () => {
    const base = `/v1/orgs/test-council/projects/${project.id}/contributions`;
    const line = { type: 'LineString', coordinates: [[-0.0812345678, 51.4512345678], [-0.0712345678, 51.4612345678, 12.345]] };
    const sent = [point(-0.071234567891, 51.461234567891), line];
    const ids: string[] = [];
    for (const geometry of sent) {
      const res = await t.call('POST', base, { token: people.resident.accessToken, body: contributionBody(project.categories[0]!.id, { geometry }) });
      assert.equal(res.status, 201, res.text);
      ids.push(res.json.id);
    }
    const rounded = [
      { type: 'Point', coordinates: [-0.071235, 51.461235] },
      { type: 'LineString', coordinates: [[-0.081235, 51.451235], [-0.071235, 51.461235, 12.345]] },
    ];
    const viewport = await t.call('GET', `${base}?bbox=-0.09,51.44,-0.05,51.48&zoom=16`);
    const byId = new Map(viewport.json.features.map((f: { id: string; geometry: unknown }) => [f.id, f.geometry]));
    assert.deepEqual(ids.map((id) => byId.get(id)), rounded);
    assert.deepEqual((await t.call('GET', `${base}/${ids[0]}`)).json.geometry, rounded[0]);
    const stored = await Promise.all(ids.map(async (id) => (await t.store.maps.feature(t.org.id, 'contribution', id))!.geometry));
    assert.deepEqual(stored, sent);
  });

  test('a street full of typical contributions is answered in one query, within the byte budget', async () => {
    const garden = project.categories[0]!.id;
    const count = 130; // more than the limit, fewer than the 150 this route used to start from
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const fields = { name: `Rye Lane garden ${i}`, wheelchair: i % 2 === 0 };
      const feature = await t.store.maps.createFeature(
        { kind: 'contribution', orgId: t.org.id, projectId: project.id, categoryId: garden, status: 'active', geometry: point(-0.07 + (i % 13) * 0.0003, 51.46 + Math.floor(i / 13) * 0.0002), fields, authorId: people.resident.user.id },
        t.clock(),
      );
      ids.push(feature.id);
    }
    const one = await t.call('GET', `/v1/orgs/test-council/projects/${project.id}/contributions/${ids[100]}`);
    assert.ok(one.text.length >= 400 && one.text.length <= 450, `a typical contribution is 400–450 bytes of JSON, this one ${one.text.length}`);
    const limits: number[] = [];
    const viewport = t.store.maps.viewport.bind(t.store.maps);
    t.store.maps.viewport = (orgId, q) => {
      limits.push(q.limit);
      return viewport(orgId, q);
    };
    const res = await t.call('GET', `/v1/orgs/test-council/projects/${project.id}/contributions?bbox=-0.0701,51.4599,-0.0663,51.4621&zoom=17`);
    assert.equal(res.status, 200, res.text);
    const collection = LayerFeatureCollection.parse(res.json);
    assert.deepEqual(limits, [VIEWPORT_LIMIT], 'one query');
    assert.ok(Buffer.byteLength(res.text) <= VIEWPORT_BYTES, `${Buffer.byteLength(res.text)} bytes`);
    assert.equal(collection.total, count);
    const counted = collection.features.reduce((sum, f) => sum + ('cluster' in f.properties ? (f.properties as { count: number }).count : 1), 0);
    assert.equal(counted, count);
  });
});
