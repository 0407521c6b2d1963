// Shared set-up for the map API tests: a project body, roles in both organisations, geometry helpers.
import type { MapProjectCreate, Polygon, Position } from '@civic-elements/protocol';
import type { TestApp } from './app.js';

/** Inside test-council's extent [-0.11, 51.42, -0.03, 51.51]. */
export const AREA_BOX = [-0.09, 51.44, -0.05, 51.48] as const;
export const square = (x0: number, y0: number, x1: number, y1: number): Position[] => [
  [x0, y0],
  [x1, y0],
  [x1, y1],
  [x0, y1],
  [x0, y0],
];
export const AREA: Polygon = { type: 'Polygon', coordinates: [square(...AREA_BOX)] };
export const point = (lon: number, lat: number) => ({ type: 'Point' as const, coordinates: [lon, lat] as Position });
/** A point well inside AREA. */
export const INSIDE = point(-0.07, 51.46);

export const GARDEN_FIELDS = [
  { key: 'name', label: 'Name', type: 'text', required: true, maxLength: 60 },
  { key: 'hours', label: 'Opening hours', type: 'text' },
  { key: 'beds', label: 'Raised beds', type: 'number', min: 0, max: 40, integer: true },
  { key: 'opened', label: 'Opened on', type: 'date' },
  { key: 'opens', label: 'Opens at', type: 'time' },
  { key: 'last_seen', label: 'Last seen', type: 'datetime' },
  {
    key: 'access',
    label: 'Access',
    type: 'choice',
    options: [
      { value: 'open', label: 'Open to all' },
      { value: 'members', label: 'Members only' },
    ],
  },
  {
    key: 'grows',
    label: 'What grows',
    type: 'multichoice',
    maxChoices: 2,
    options: [
      { value: 'veg', label: 'Vegetables' },
      { value: 'herbs', label: 'Herbs' },
      { value: 'fruit', label: 'Fruit' },
    ],
  },
  { key: 'wheelchair', label: 'Wheelchair accessible', type: 'boolean' },
] as const;

export function projectBody(overrides: Partial<MapProjectCreate> = {}): MapProjectCreate {
  return {
    title: 'Community gardens',
    description: 'Gardens, compost bins and water points.',
    area: AREA,
    contribute: 'residents',
    moderation: 'publish',
    categories: [
      { name: 'Garden', colour: '#2e7d32', symbol: 'flower', fields: GARDEN_FIELDS as never },
      { name: 'Compost bin', colour: '#6d4c41', symbol: 'bin', fields: [] },
    ],
    ...overrides,
  };
}

export type Person = { accessToken: string; user: { id: string } };

/** Everyone the permission tests need: one of each role in test-council, and another organisation's admin. */
export async function cast(t: TestApp) {
  const [admin, officer, moderator, resident, member, foreignAdmin] = [
    await t.withRole('admin@test.example', 'admin'),
    await t.withRole('officer@test.example', 'officer', 'test-council', ['highways']),
    await t.withRole('moderator@test.example', 'moderator'),
    await t.withRole('resident@test.example', 'resident'),
    await t.withRole('member@test.example', 'resident'),
    await t.withRole('admin@other.example', 'admin', 'other-org'),
  ];
  return { admin, officer, moderator, resident, member, foreignAdmin } as Record<'admin' | 'officer' | 'moderator' | 'resident' | 'member' | 'foreignAdmin', Person>;
}

/** Creates a project as `token` (an officer, say) and returns its JSON. */
export async function createProject(t: TestApp, token: string, overrides: Partial<MapProjectCreate> = {}, org = 'test-council') {
  const res = await t.call('POST', `/v1/orgs/${org}/projects`, { token, body: projectBody(overrides) });
  if (res.status !== 201) throw new Error(`create project: ${res.status} ${res.text}`);
  return res.json as { id: string; categories: { id: string; name: string }[] } & Record<string, any>;
}

export function contributionBody(category: string, overrides: { geometry?: unknown; fields?: Record<string, unknown>; photos?: string[] } = {}) {
  return {
    type: 'Feature',
    geometry: overrides.geometry ?? INSIDE,
    properties: { category, fields: overrides.fields ?? { name: 'Bells Garden' }, ...(overrides.photos ? { photos: overrides.photos } : {}) },
  };
}

export const bboxParam = (box: readonly number[] = [-0.11, 51.42, -0.03, 51.51]) => `bbox=${box.join(',')}`;
