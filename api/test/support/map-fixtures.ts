// seedMapFixtures: a map project with contributions at given points, and a few places and events, written straight to the store.
// Used by the API tests and (through the `civic:seed-map` command) by the browser tests of <civic-map>.
import type { ContributionStatus, FieldDefinition, MapSymbol, Polygon, Position } from '@civic-elements/protocol';
import { bboxPolygon } from '../../src/domain/geo.js';
import { ensureMember } from '../../src/seed.js';
import type { Store } from '../../src/store/types.js';

export interface MapFixtureOptions {
  /** The project's title (default "Community map"). */
  title?: string;
  /** The project's area (default: the organisation's extent, 1% smaller on each side). */
  area?: Polygon;
  /** `[lon, lat]` of each contribution. Default: `count` points on a grid across the area. */
  points?: Position[];
  /** How many contributions when `points` is not given (default 10). */
  count?: number;
  /** The status of every contribution (default active). */
  status?: ContributionStatus;
  contribute?: 'residents' | 'members' | 'nobody';
  moderation?: 'publish' | 'review';
  /** How many places and upcoming events to add (default 3 each). */
  places?: number;
  events?: number;
  /** The contributions' author (created if needed, a resident). Default fixture-author@example.org. */
  authorEmail?: string;
}

export interface MapFixtures {
  org: string;
  projectId: string;
  /** The layer id of the project in GET /layers. */
  layerId: string;
  categories: { id: string; name: string; colour: string }[];
  contributionIds: string[];
  placeIds: string[];
  eventIds: string[];
  area: Polygon;
}

const FIELDS: FieldDefinition[] = [
  { key: 'name', label: 'Name', type: 'text', required: true, maxLength: 120, multiline: false },
  { key: 'notes', label: 'Notes', type: 'text', required: false, maxLength: 1000, multiline: true },
  { key: 'accessible', label: 'Wheelchair accessible', type: 'boolean', required: false },
];
const CATEGORIES: { name: string; colour: string; symbol: MapSymbol; fields: FieldDefinition[] }[] = [
  { name: 'Garden', colour: '#2e7d32', symbol: 'flower', fields: FIELDS },
  { name: 'Bench', colour: '#6d4c41', symbol: 'bench', fields: [FIELDS[0]!] },
];

/** `count` points spread over the box in a grid, a little in from the edges. */
export function gridPoints([minLon, minLat, maxLon, maxLat]: [number, number, number, number], count: number): Position[] {
  const side = Math.max(1, Math.ceil(Math.sqrt(count)));
  const points: Position[] = [];
  for (let i = 0; i < count; i++) {
    const col = i % side;
    const row = Math.floor(i / side);
    points.push([minLon + ((col + 0.5) / side) * (maxLon - minLon), minLat + ((row + 0.5) / side) * (maxLat - minLat)]);
  }
  return points;
}

export async function seedMapFixtures(store: Store, orgSlug: string, options: MapFixtureOptions = {}): Promise<MapFixtures> {
  const org = await store.orgs.bySlug(orgSlug);
  if (!org) throw new Error(`seedMapFixtures: no organisation ${orgSlug}`);
  const [minLon, minLat, maxLon, maxLat] = org.map.extent;
  const dx = (maxLon - minLon) * 0.01;
  const dy = (maxLat - minLat) * 0.01;
  const inner: [number, number, number, number] = [minLon + dx, minLat + dy, maxLon - dx, maxLat - dy];
  const area = options.area ?? bboxPolygon(inner);
  const now = new Date();
  const author = await ensureMember(store, org, { email: options.authorEmail ?? 'fixture-author@example.org', name: 'Fixture Author' }, 'resident', [], now);

  const project = await store.maps.createProject(
    org.id,
    {
      title: options.title ?? 'Community map',
      description: 'Places people care about, added by residents.',
      area,
      contribute: options.contribute ?? 'residents',
      moderation: options.moderation ?? 'publish',
      categories: CATEGORIES,
    },
    now,
  );
  const categories = project.categories.map(({ id, name, colour }) => ({ id, name, colour }));
  const points = options.points ?? gridPoints(inner, options.count ?? 10);
  const contributionIds: string[] = [];
  for (const [i, [lon, lat]] of points.entries()) {
    const category = project.categories[i % project.categories.length]!;
    const feature = await store.maps.createFeature(
      {
        kind: 'contribution',
        orgId: org.id,
        projectId: project.id,
        categoryId: category.id,
        status: options.status ?? 'active',
        geometry: { type: 'Point', coordinates: [lon, lat] },
        title: `${category.name} ${i + 1}`,
        fields: { name: `${category.name} ${i + 1}` },
        authorId: author.id,
      },
      now,
    );
    contributionIds.push(feature.id);
  }

  const centre: Position = [(inner[0] + inner[2]) / 2, (inner[1] + inner[3]) / 2];
  const placeIds: string[] = [];
  for (let i = 0; i < (options.places ?? 3); i++) {
    const place = await store.maps.createFeature(
      {
        kind: 'place',
        orgId: org.id,
        projectId: null,
        categoryId: null,
        status: 'active',
        geometry: { type: 'Point', coordinates: [centre[0] + (i - 1) * dx, centre[1] + dy] },
        title: `Library ${i + 1}`,
        description: 'Books, computers and a warm space.',
        organiser: org.name,
        url: null,
        authorId: null,
      },
      now,
    );
    placeIds.push(place.id);
  }
  const eventIds: string[] = [];
  for (let i = 0; i < (options.events ?? 3); i++) {
    const start = new Date(now.getTime() + (i + 1) * 86_400_000);
    start.setUTCHours(10, 0, 0, 0);
    const event = await store.maps.createFeature(
      {
        kind: 'event',
        orgId: org.id,
        projectId: project.id,
        categoryId: null,
        status: 'active',
        geometry: { type: 'Point', coordinates: [centre[0] + (i - 1) * dx, centre[1] - dy] },
        title: `Community event ${i + 1}`,
        description: 'Come along, everyone is welcome.',
        organiser: org.name,
        url: null,
        start: start.toISOString(),
        end: new Date(start.getTime() + 2 * 3_600_000).toISOString(),
        authorId: null,
      },
      now,
    );
    eventIds.push(event.id);
  }
  return { org: org.slug, projectId: project.id, layerId: `project:${project.id}`, categories, contributionIds, placeIds, eventIds, area };
}
