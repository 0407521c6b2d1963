// Demo map data: Peckham's community gardens project, and Southwark's events and places (dates relative to seeding).
import type { FieldDefinition, FieldValues, Polygon } from '@civic-elements/protocol';
import { contributionTitle } from './domain/fields.js';
import type { OrgRecord, Store } from './store/types.js';

/** A hand-drawn outline of Peckham, from Burgess Park's south edge down to Peckham Rye. */
const PECKHAM: Polygon = {
  type: 'Polygon',
  coordinates: [
    [
      [-0.088, 51.458],
      [-0.05, 51.458],
      [-0.048, 51.47],
      [-0.052, 51.482],
      [-0.07, 51.484],
      [-0.088, 51.48],
      [-0.09, 51.47],
      [-0.088, 51.458],
    ],
  ],
};

const GARDEN_FIELDS: FieldDefinition[] = [
  { key: 'name', label: 'Name', type: 'text', required: true, maxLength: 120, multiline: false },
  { key: 'opening_hours', label: 'Opening hours', type: 'text', required: false, maxLength: 200, multiline: false },
  { key: 'wheelchair', label: 'Wheelchair accessible', type: 'boolean', required: false },
  {
    key: 'grows',
    label: 'What grows',
    type: 'multichoice',
    required: false,
    options: [
      { value: 'vegetables', label: 'Vegetables' },
      { value: 'herbs', label: 'Herbs' },
      { value: 'fruit', label: 'Fruit trees' },
      { value: 'flowers', label: 'Flowers' },
      { value: 'wildlife', label: 'Wildlife pond' },
    ],
  },
];
const COMPOST_FIELDS: FieldDefinition[] = [
  {
    key: 'who',
    label: 'Who can use it',
    type: 'choice',
    required: true,
    options: [
      { value: 'anyone', label: 'Anyone' },
      { value: 'members', label: 'Garden members' },
      { value: 'estate', label: 'Residents of the estate' },
    ],
  },
  { key: 'notes', label: 'Notes', type: 'text', required: false, maxLength: 500, multiline: true },
];
const WATER_FIELDS: FieldDefinition[] = [
  {
    key: 'season',
    label: 'Available',
    type: 'choice',
    required: true,
    options: [
      { value: 'all_year', label: 'All year' },
      { value: 'summer', label: 'April to October' },
    ],
  },
  { key: 'notes', label: 'Notes', type: 'text', required: false, maxLength: 500, multiline: true },
];

const RESIDENTS = [
  { email: 'amara.osei@example.org', name: 'Amara Osei' },
  { email: 'jack.turner@example.org', name: 'Jack Turner' },
  { email: 'fatima.hussain@example.org', name: 'Fatima Hussain' },
  { email: 'wei.chen@example.org', name: 'Wei Chen' },
  { email: 'siobhan.kelly@example.org', name: 'Siobhan Kelly' },
];

type Contribution = { category: 'Garden' | 'Compost bin' | 'Water point'; at: [number, number]; fields: FieldValues };

const CONTRIBUTIONS: Contribution[] = [
  { category: 'Garden', at: [-0.0726, 51.468], fields: { name: 'Warwick Gardens growing space', opening_hours: 'Saturdays 10:00–13:00', wheelchair: true, grows: ['vegetables', 'herbs', 'flowers'] } },
  { category: 'Garden', at: [-0.065, 51.4785], fields: { name: 'Bells Garden community plot', opening_hours: 'Wednesdays and Sundays, daylight hours', wheelchair: true, grows: ['vegetables', 'fruit'] } },
  { category: 'Garden', at: [-0.0633, 51.4615], fields: { name: 'Peckham Rye Park kitchen garden', opening_hours: 'Every day 08:00–dusk', wheelchair: true, grows: ['vegetables', 'herbs'] } },
  { category: 'Garden', at: [-0.0745, 51.4638], fields: { name: 'Goose Green pollinator beds', wheelchair: true, grows: ['flowers', 'wildlife'] } },
  { category: 'Garden', at: [-0.0688, 51.4741], fields: { name: 'Peckham Square planters', opening_hours: 'Open all the time', wheelchair: true, grows: ['herbs', 'flowers'] } },
  { category: 'Garden', at: [-0.0802, 51.469], fields: { name: 'Lyndhurst Grove front-garden swap', opening_hours: 'First Sunday of the month', wheelchair: false, grows: ['flowers'] } },
  { category: 'Garden', at: [-0.0582, 51.4738], fields: { name: 'Queens Road allotment corner', opening_hours: 'Tuesdays 17:00–19:00', wheelchair: false, grows: ['vegetables', 'fruit'] } },
  { category: 'Garden', at: [-0.0641, 51.4801], fields: { name: 'Central Venture Park orchard', wheelchair: true, grows: ['fruit', 'wildlife'] } },
  { category: 'Garden', at: [-0.0546, 51.4666], fields: { name: 'Nunhead Green herb spiral', opening_hours: 'Open all the time', wheelchair: true, grows: ['herbs'] } },
  { category: 'Compost bin', at: [-0.0722, 51.4684], fields: { who: 'anyone', notes: 'Green waste only: no cooked food, please.' } },
  { category: 'Compost bin', at: [-0.0655, 51.4781], fields: { who: 'estate', notes: 'Key from the tenants’ hall.' } },
  { category: 'Compost bin', at: [-0.0629, 51.4622], fields: { who: 'members' } },
  { category: 'Compost bin', at: [-0.0758, 51.4714], fields: { who: 'anyone', notes: 'Behind the Highshore Road school gates, Saturdays only.' } },
  { category: 'Water point', at: [-0.0729, 51.4677], fields: { season: 'summer', notes: 'Standpipe by the shed; bring your own can.' } },
  { category: 'Water point', at: [-0.0636, 51.4612], fields: { season: 'all_year' } },
  { category: 'Water point', at: [-0.0647, 51.4797], fields: { season: 'summer', notes: 'Rain-water butts: do not drink.' } },
];

type Item = { title: string; at: [number, number]; description: string; organiser: string; url?: string };

const PLACES: Item[] = [
  { title: 'Peckham Library', at: [-0.0695, 51.4739], description: 'Books, computers, study space and children’s activities, on Peckham Square.', organiser: 'Southwark Libraries' },
  { title: 'Canada Water Library', at: [-0.0499, 51.4979], description: 'Library, café and theatre space by the dock.', organiser: 'Southwark Libraries' },
  { title: 'Camberwell Library', at: [-0.0922, 51.4737], description: 'Library on Camberwell Green with a learning centre.', organiser: 'Southwark Libraries' },
  { title: 'Dulwich Library', at: [-0.078, 51.455], description: 'Library on Lordship Lane, with a garden.', organiser: 'Southwark Libraries' },
  { title: 'John Harvard Library', at: [-0.093, 51.501], description: 'Library on Borough High Street.', organiser: 'Southwark Libraries' },
  { title: 'Nunhead Library', at: [-0.0525, 51.4665], description: 'Small neighbourhood library on Gordon Road.', organiser: 'Southwark Libraries' },
  { title: 'Peckham Pulse', at: [-0.0688, 51.4746], description: 'Swimming pools, gym and health suite.', organiser: 'Southwark Leisure' },
  { title: 'Camberwell Leisure Centre', at: [-0.0903, 51.4703], description: 'Pools, sports hall and gym on Artichoke Place.', organiser: 'Southwark Leisure' },
  { title: 'The Castle Leisure Centre', at: [-0.0985, 51.495], description: 'Pool, gym and studios at Elephant & Castle.', organiser: 'Southwark Leisure' },
  { title: 'Seven Islands Leisure Centre', at: [-0.0545, 51.496], description: 'Pools and gym in Rotherhithe.', organiser: 'Southwark Leisure' },
];

/** Events: days from seeding, start hour (UTC) and length in hours. */
const EVENTS: (Item & { inDays: number; hour: number; hours: number })[] = [
  { title: 'Family fun day in Burgess Park', at: [-0.083, 51.483], description: 'Games, face painting and food stalls by the lake.', organiser: 'Southwark Parks', inDays: 3, hour: 11, hours: 5 },
  { title: 'Tree planting on Peckham Rye Common', at: [-0.064, 51.46], description: 'Help plant 40 young trees. Gloves and tools provided.', organiser: 'Southwark Parks', inDays: 5, hour: 10, hours: 3 },
  { title: 'Bermondsey Spa Gardens litter pick', at: [-0.068, 51.495], description: 'Meet at the playground gate. Pickers and bags provided.', organiser: 'Environmental Services', inDays: 6, hour: 10, hours: 2 },
  { title: 'Elephant Park community day', at: [-0.0935, 51.4925], description: 'Music, stalls and a chance to meet local groups.', organiser: 'Southwark Council', inDays: 9, hour: 12, hours: 4 },
  { title: 'Walworth Road highways drop-in', at: [-0.0945, 51.487], description: 'See the plans for safer crossings and ask the highways team.', organiser: 'Highways', inDays: 10, hour: 16, hours: 3 },
  { title: 'Coding club at Canada Water Library', at: [-0.0499, 51.4979], description: 'For 8–14 year olds; laptops provided. Free, booking advised.', organiser: 'Southwark Libraries', inDays: 12, hour: 15, hours: 2 },
  { title: 'Guided walk in Nunhead Cemetery', at: [-0.053, 51.464], description: 'Victorian graves, wildlife and views over London.', organiser: 'Southwark Parks', inDays: 14, hour: 13, hours: 2 },
  { title: 'Southwark Park bandstand concert', at: [-0.057, 51.494], description: 'Brass band on the bandstand. Bring a picnic.', organiser: 'Southwark Parks', inDays: 16, hour: 14, hours: 2 },
  { title: 'Dulwich Park learn-to-ride session', at: [-0.079, 51.444], description: 'Cycling lessons for adults; bikes can be borrowed.', organiser: 'Highways', inDays: 19, hour: 9, hours: 3 },
  { title: 'Camberwell Green street lighting walkabout', at: [-0.092, 51.474], description: 'Walk the green after dark with the street lighting team and show them the dark spots.', organiser: 'Street Lighting', inDays: 21, hour: 18, hours: 2 },
  { title: 'Tabard Gardens housing surgery', at: [-0.091, 51.499], description: 'Housing officers answer questions about repairs and transfers.', organiser: 'Housing', inDays: 24, hour: 17, hours: 2 },
  { title: 'East Street Market food festival', at: [-0.093, 51.488], description: 'Traders’ specials and cooking demonstrations.', organiser: 'Southwark Council', inDays: 30, hour: 10, hours: 6 },
];

async function seedPeckhamGardens(store: Store, org: OrgRecord, now: Date): Promise<void> {
  const project = await store.maps.createProject(
    org.id,
    {
      title: 'Community gardens',
      description: 'Where Peckham grows food and flowers together: gardens you can join, compost bins you can use and water points for your watering can. Add the ones you know.',
      area: PECKHAM,
      contribute: 'residents',
      moderation: 'publish',
      categories: [
        { name: 'Garden', colour: '#2e7d32', symbol: 'flower', fields: GARDEN_FIELDS },
        { name: 'Compost bin', colour: '#6d4c41', symbol: 'bin', fields: COMPOST_FIELDS },
        { name: 'Water point', colour: '#0277bd', symbol: 'water', fields: WATER_FIELDS },
      ],
    },
    now,
  );
  const authors = [];
  for (const person of RESIDENTS) {
    let user = await store.users.byEmail(person.email);
    if (!user) user = await store.users.update((await store.users.create({ ...person, locale: 'en' }, now)).id, { emailVerified: true });
    await store.memberships.ensure(org.id, user.id, now);
    authors.push(user);
  }
  for (const [i, item] of CONTRIBUTIONS.entries()) {
    const category = project.categories.find((c) => c.name === item.category)!;
    // Spread over the last few weeks, oldest first, so lists look lived-in.
    const at = new Date(now.getTime() - (CONTRIBUTIONS.length - i) * 36 * 3_600_000);
    await store.maps.createFeature(
      {
        kind: 'contribution',
        orgId: org.id,
        projectId: project.id,
        categoryId: category.id,
        status: 'active',
        geometry: { type: 'Point', coordinates: item.at },
        title: contributionTitle(category.fields, item.fields, category.name),
        fields: item.fields,
        authorId: authors[i % authors.length]!.id,
      },
      at,
    );
  }
}

async function seedSouthwark(store: Store, org: OrgRecord, now: Date): Promise<void> {
  for (const place of PLACES) {
    await store.maps.createFeature(
      { kind: 'place', orgId: org.id, projectId: null, categoryId: null, status: 'active', geometry: { type: 'Point', coordinates: place.at }, title: place.title, description: place.description, organiser: place.organiser, url: place.url ?? null, authorId: null },
      now,
    );
  }
  for (const event of EVENTS) {
    const start = new Date(now.getTime() + event.inDays * 86_400_000);
    start.setUTCHours(event.hour, 0, 0, 0);
    const end = new Date(start.getTime() + event.hours * 3_600_000);
    await store.maps.createFeature(
      {
        kind: 'event',
        orgId: org.id,
        projectId: null,
        categoryId: null,
        status: 'active',
        geometry: { type: 'Point', coordinates: event.at },
        title: event.title,
        description: event.description,
        organiser: event.organiser,
        url: event.url ?? null,
        start: start.toISOString(),
        end: end.toISOString(),
        authorId: null,
      },
      now,
    );
  }
}

/** Adds the demo map data to the seeded organisations that are present (`peckham-gardens`, `southwark`). */
export async function seedMapsDemo(store: Store, orgs: readonly OrgRecord[], now = new Date()): Promise<void> {
  const bySlug = new Map(orgs.map((org) => [org.slug, org]));
  const peckham = bySlug.get('peckham-gardens');
  if (peckham) await seedPeckhamGardens(store, peckham, now);
  const southwark = bySlug.get('southwark');
  if (southwark) await seedSouthwark(store, southwark, now);
}
