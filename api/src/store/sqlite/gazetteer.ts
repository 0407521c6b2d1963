// The local gazetteer in SQLite: streets, places, postcodes and areas, searched by word prefix through FTS5.
import type Database from 'better-sqlite3';
import type { BBox } from '@civic-elements/protocol';
import type { GazetteerEntry, GazetteerKind, GazetteerStore } from '../types.js';

interface GazetteerRow {
  id: number;
  label: string;
  kind: string;
  lon: number;
  lat: number;
  min_lon: number | null;
  min_lat: number | null;
  max_lon: number | null;
  max_lat: number | null;
  search: string;
}

/** How many FTS matches are ranked further; enough for any page, few enough to sort at once. */
const CANDIDATES = 200;
/** More words than anyone types into an address box; the rest are ignored. */
const MAX_WORDS = 8;

function toEntry(row: GazetteerRow): GazetteerEntry {
  const bbox: BBox | null =
    row.min_lon === null || row.min_lat === null || row.max_lon === null || row.max_lat === null ? null : [row.min_lon, row.min_lat, row.max_lon, row.max_lat];
  return { label: row.label, kind: row.kind as GazetteerKind, lon: row.lon, lat: row.lat, bbox };
}

/** The short forms people type for street types. */
const ABBREVIATIONS: [RegExp, string][] = [
  [/\bRoad\b/g, 'Rd'],
  [/\bStreet\b/g, 'St'],
  [/\bAvenue\b/g, 'Ave'],
  [/\bLane\b/g, 'Ln'],
  [/\bPark\b/g, 'Pk'],
  [/\bGrove\b/g, 'Gr'],
  [/\band\b/g, '&'],
];

/**
 * Extra words an entry is found by: its other names, its label without apostrophes ("St Marys" for
 * "St Mary's"), with the usual abbreviations ("Walworth Rd"), a postcode without its space
 * ("SE154ST"), and names like "E&C" as one word ("EC"), the way ftsQuery reads them.
 */
export function searchText(entry: GazetteerEntry): string {
  const extra = new Set<string>();
  for (const name of [entry.label, ...(entry.aliases ?? [])]) {
    const plain = name.replace(/['’]/g, '');
    let short = plain;
    for (const [long, abbreviation] of ABBREVIATIONS) short = short.replace(long, abbreviation);
    for (const variant of [name, plain, short, joinAmpersands(plain)]) extra.add(variant);
  }
  if (entry.kind === 'postcode') extra.add(entry.label.replace(/\s+/g, ''));
  extra.delete(entry.label);
  return [...extra].join(' | ');
}

/** "E&C" → "EC": an ampersand between letters joins them into one word. */
function joinAmpersands(text: string): string {
  return text.replace(/([\p{L}\p{N}])&(?=[\p{L}\p{N}])/gu, '$1');
}

/**
 * The FTS5 query for what someone typed: every word must start a word of the entry, in any order.
 * Only letters and digits reach FTS5 (each word quoted), so no input can be read as FTS5 syntax.
 * Null when nothing searchable was typed.
 */
export function ftsQuery(q: string): string | null {
  const words = joinAmpersands(
    q.normalize('NFKC').replace(/['’]/g, ''), // "mary's" finds "St Mary's" through its apostrophe-free search text
  ).match(/[\p{L}\p{N}]+/gu);
  if (!words) return null;
  return words
    .slice(0, MAX_WORDS)
    .map((word) => `"${word}"*`)
    .join(' ');
}

/** Escapes LIKE's wildcards, for "the label starts with what was typed". */
function likePrefix(q: string): string {
  return `${q.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export function sqliteGazetteer(db: Database.Database): GazetteerStore {
  const existing = db.prepare('SELECT id, label, kind, lon, lat, min_lon, min_lat, max_lon, max_lat, search FROM gazetteer WHERE area = ?');
  const insert = db.prepare(`INSERT INTO gazetteer (area, label, kind, lon, lat, min_lon, min_lat, max_lon, max_lat, search)
    VALUES (@area, @label, @kind, @lon, @lat, @min_lon, @min_lat, @max_lon, @max_lat, @search)`);
  const update = db.prepare(`UPDATE gazetteer SET lon = @lon, lat = @lat, min_lon = @min_lon, min_lat = @min_lat,
    max_lon = @max_lon, max_lat = @max_lat, search = @search WHERE id = @id`);
  const remove = db.prepare('DELETE FROM gazetteer WHERE id = ?');
  const countAll = db.prepare('SELECT count(*) AS n FROM gazetteer');
  const countArea = db.prepare('SELECT count(*) AS n FROM gazetteer WHERE area = ?');
  // The best CANDIDATES by FTS rank (label words weigh more than extra names), then: inside the box
  // first; then the label that is exactly what was typed; then labels that start with it, shortest
  // first; then the rest by rank; ties shorter, then alphabetical.
  const search = db.prepare(`
    WITH hits AS (
      SELECT rowid AS id, bm25(gazetteer_fts, 3.0, 1.0) AS rank FROM gazetteer_fts
      WHERE gazetteer_fts MATCH @match ORDER BY rank LIMIT ${CANDIDATES}
    )
    SELECT g.id, g.label, g.kind, g.lon, g.lat, g.min_lon, g.min_lat, g.max_lon, g.max_lat, g.search
    FROM hits JOIN gazetteer g ON g.id = hits.id
    ORDER BY
      CASE WHEN @has_box AND g.lon BETWEEN @min_lon AND @max_lon AND g.lat BETWEEN @min_lat AND @max_lat THEN 0 ELSE 1 END,
      CASE WHEN g.label = @exact COLLATE NOCASE THEN 0 ELSE 1 END,
      CASE WHEN g.label LIKE @prefix ESCAPE '\\' THEN length(g.label) ELSE 1000000 END,
      hits.rank, length(g.label), g.label
    LIMIT @limit`);

  const replaceArea = db.transaction((area: string, entries: readonly GazetteerEntry[]): number => {
    const current = new Map((existing.all(area) as GazetteerRow[]).map((row) => [`${row.kind}\u0000${row.label}`, row]));
    const wanted = new Map(entries.map((entry) => [`${entry.kind}\u0000${entry.label}`, entry]));
    let changed = 0;
    for (const [key, entry] of wanted) {
      const [minLon, minLat, maxLon, maxLat] = entry.bbox ?? [null, null, null, null];
      const values = { lon: entry.lon, lat: entry.lat, min_lon: minLon, min_lat: minLat, max_lon: maxLon, max_lat: maxLat, search: searchText(entry) };
      const row = current.get(key);
      if (!row) {
        insert.run({ area, label: entry.label, kind: entry.kind, ...values });
        changed++;
      } else if (Object.entries(values).some(([column, value]) => row[column as keyof GazetteerRow] !== value)) {
        // Only rows that differ are written, so loading the same list again leaves the FTS index alone.
        update.run({ id: row.id, ...values });
        changed++;
      }
    }
    for (const [key, row] of current) {
      if (!wanted.has(key)) {
        remove.run(row.id);
        changed++;
      }
    }
    return changed;
  });

  return {
    async replaceArea(area, entries) {
      return replaceArea.immediate(area, entries);
    },
    async search(q, { bbox, limit }) {
      const match = ftsQuery(q);
      if (match === null) return [];
      const [minLon, minLat, maxLon, maxLat] = bbox ?? [0, 0, 0, 0];
      const rows = search.all({
        match,
        has_box: bbox ? 1 : 0,
        min_lon: minLon,
        min_lat: minLat,
        max_lon: maxLon,
        max_lat: maxLat,
        exact: q.trim(),
        prefix: likePrefix(q),
        limit,
      }) as GazetteerRow[];
      return rows.map(toEntry);
    },
    async count(area) {
      return ((area === undefined ? countAll.get() : countArea.get(area)) as { n: number }).n;
    },
  };
}
