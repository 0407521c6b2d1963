// Demo reports: the council's report categories (grouped, with their own questions and departments), its
// settings, and about 25 reports at real Southwark streets in various states, with their timelines.
import type { FieldDefinition, FieldValues } from '@civic-elements/protocol';
import { referencePrefix } from './domain/reference.js';
import { DEFAULT_WORKFLOW, stepOf } from './domain/workflow.js';
import { DEFAULT_REPORT_SETTINGS } from './reports/settings.js';
import { ensureMember } from './seed.js';
import type { NewReportCategory, NewTimelineEntry, OrgRecord, ReportCategoryRecord, ReportRecord, ReportSettingsRecord, Store } from './store/types.js';

const choice = (key: string, label: string, required: boolean, options: [string, string][], help?: string): FieldDefinition => ({
  key,
  label,
  type: 'choice',
  required,
  options: options.map(([value, optionLabel]) => ({ value, label: optionLabel })),
  ...(help ? { help } : {}),
});
const text = (key: string, label: string, required: boolean, maxLength: number, help?: string): FieldDefinition => ({
  key,
  label,
  type: 'text',
  required,
  maxLength,
  multiline: false,
  ...(help ? { help } : {}),
});
const yesNo = (key: string, label: string, help?: string): FieldDefinition => ({ key, label, type: 'boolean', required: false, ...(help ? { help } : {}) });

const ROADS = 'Roads and pavements';
const RUBBISH = 'Rubbish and street cleaning';
const LIGHTS = 'Street lights and signs';
const VEHICLES = 'Parking and vehicles';

/** A council's usual categories; `department` is a slug the organisation may or may not have. */
export const COUNCIL_CATEGORIES: NewReportCategory[] = [
  {
    code: 'pothole',
    name: 'Pothole',
    group: ROADS,
    description: 'A hole or crack in the road surface.',
    keywords: ['hole', 'road damage', 'crater', 'sunken road'],
    department: 'highways',
    fields: [
      choice('depth', 'How deep is it?', true, [['under-5cm', 'Less than 5 cm'], ['5-10cm', '5 to 10 cm'], ['over-10cm', 'More than 10 cm']]),
      choice('surface', 'Is it on the road or the pavement?', true, [['road', 'Road'], ['pavement', 'Pavement'], ['cycle-lane', 'Cycle lane']]),
      yesNo('danger', 'Is it a danger to people right now?', 'For example a hole a wheelchair, pram or bike could fall into.'),
    ],
    active: true,
  },
  {
    code: 'broken-paving',
    name: 'Broken or uneven paving',
    group: ROADS,
    description: 'A loose, cracked, raised or missing paving slab or kerb.',
    keywords: ['slab', 'trip hazard', 'kerb', 'pavement'],
    department: 'highways',
    fields: [choice('problem', 'What is wrong?', true, [['loose', 'Loose or rocking slab'], ['raised', 'Raised edge (trip hazard)'], ['missing', 'Missing slab'], ['kerb', 'Damaged kerb']])],
    active: true,
  },
  {
    code: 'blocked-drain',
    name: 'Blocked drain or gully',
    group: ROADS,
    description: 'A road drain that is blocked, smelly or causing flooding.',
    keywords: ['flooding', 'gully', 'puddle', 'water', 'drain'],
    department: 'highways',
    fields: [yesNo('flooding', 'Is the road or pavement flooding?'), choice('smell', 'Does it smell?', false, [['no', 'No'], ['slightly', 'Slightly'], ['strongly', 'Strongly']])],
    active: true,
  },
  {
    code: 'fly-tipping',
    name: 'Fly-tipping',
    group: RUBBISH,
    description: 'Rubbish dumped in the street, an alley or a park.',
    keywords: ['dumped', 'rubbish', 'mattress', 'sofa', 'waste', 'litter'],
    department: 'environmental-services',
    fields: [
      {
        key: 'what',
        label: 'What has been dumped?',
        type: 'multichoice',
        required: true,
        options: [
          { value: 'bags', label: 'Black bags' },
          { value: 'furniture', label: 'Furniture or mattress' },
          { value: 'building', label: 'Building rubble' },
          { value: 'electrical', label: 'Fridge or electrical items' },
          { value: 'hazardous', label: 'Chemicals, asbestos or needles' },
          { value: 'other', label: 'Something else' },
        ],
      },
      choice('size', 'How much is there?', true, [['single', 'A single item'], ['car-boot', 'A car boot load'], ['van', 'A small van load'], ['lorry', 'A lorry load or more']]),
      yesNo('seen', 'Did you see who dumped it?', 'Do not approach them. You can tell us what you saw in the description.'),
    ],
    active: true,
  },
  {
    code: 'overflowing-bin',
    name: 'Overflowing litter bin',
    group: RUBBISH,
    description: 'A street litter bin that is full or overflowing.',
    keywords: ['bin', 'litter', 'full'],
    department: 'environmental-services',
    fields: [choice('bin', 'Which kind of bin?', false, [['litter', 'Litter bin'], ['dog', 'Dog waste bin'], ['recycling', 'Recycling bank']])],
    active: true,
  },
  {
    code: 'graffiti',
    name: 'Graffiti',
    group: RUBBISH,
    description: 'Graffiti on a wall, bridge, sign or street furniture.',
    keywords: ['tag', 'spray paint', 'vandalism'],
    department: 'environmental-services',
    fields: [
      yesNo('offensive', 'Is it offensive or racist?', 'We remove offensive graffiti within 24 hours.'),
      choice('on', 'What is it on?', true, [['council', 'Council property (sign, bin, bridge)'], ['private', 'A private wall or shop'], ['unsure', 'Not sure']]),
    ],
    active: true,
  },
  {
    code: 'street-light',
    name: 'Street light not working',
    group: LIGHTS,
    description: 'A street light that is out, flickering or on during the day.',
    keywords: ['lamp', 'lamppost', 'dark', 'light out'],
    department: 'street-lighting',
    fields: [
      text('column', 'Number on the lamp post', false, 20, 'Most lamp posts have a small number plate about head height.'),
      choice('fault', 'What is wrong?', true, [['out', 'Not working'], ['flickering', 'Flickering'], ['day', 'On during the day'], ['damaged', 'Damaged or leaning']]),
    ],
    active: true,
  },
  {
    code: 'abandoned-vehicle',
    name: 'Abandoned vehicle',
    group: VEHICLES,
    description: 'A vehicle that looks abandoned: untaxed, damaged or not moved for weeks.',
    keywords: ['car', 'van', 'untaxed', 'dumped car'],
    department: 'parking',
    fields: [
      text('registration', 'Registration number', true, 10, 'As on the number plate, for example LK19 ABC.'),
      text('make', 'Make and colour', false, 60),
      choice('how-long', 'How long has it been there?', false, [['week', 'About a week'], ['month', 'About a month'], ['longer', 'Longer']]),
    ],
    active: true,
  },
];

/** The council's categories, made unless the organisation already has them (by code); departments it lacks are left out. */
export async function seedReportCategories(store: Store, org: OrgRecord, categories: readonly NewReportCategory[], now: Date): Promise<ReportCategoryRecord[]> {
  const departments = new Set((await store.orgs.departments(org.id)).map((d) => d.slug));
  const out: ReportCategoryRecord[] = [];
  for (const category of categories) {
    const existing = await store.reports.categoryByCode(org.id, category.code);
    const department = category.department !== null && departments.has(category.department) ? category.department : null;
    out.push(existing ?? (await store.reports.createCategory(org.id, { ...category, department }, now)));
  }
  return out;
}

/** One step of a seeded report's life after it was made. */
export interface SeedStep {
  /** Hours after the report was made. */
  after: number;
  status?: string;
  publicNote?: string;
  internalNote?: string;
  expectedInDays?: number;
}

export interface SeedReport {
  category: string;
  description: string;
  at: [number, number];
  address: string;
  fields: FieldValues;
  /** Days before now that it was made. */
  daysAgo: number;
  /** A resident's email (signed-in reporter), or an anonymous reporter. */
  reporter: { email: string; name: string; anonymous?: boolean };
  steps?: SeedStep[];
  supporters?: string[];
}

/**
 * Makes one report as if it had happened: created `daysAgo`, then each step at its time (statuses,
 * notes and expected dates by an officer of the report's department). Returns the report as it is now.
 */
export async function seedReport(store: Store, org: OrgRecord, settings: ReportSettingsRecord, seed: SeedReport, now: Date, officerId: string | null): Promise<ReportRecord> {
  const category = await store.reports.categoryByCode(org.id, seed.category);
  if (!category) throw new Error(`seed: no category ${seed.category} in ${org.slug}`);
  const created = new Date(now.getTime() - seed.daysAgo * 86_400_000);
  let reporterId: string | null = null;
  if (!seed.reporter.anonymous) reporterId = (await ensureResident(store, org, seed.reporter, created)).id;
  const first = settings.workflow.steps[0]!;
  let { report } = await store.reports.create(
    {
      orgId: org.id,
      referencePrefix: referencePrefix(org.slug),
      categoryId: category.id,
      description: seed.description,
      lon: seed.at[0],
      lat: seed.at[1],
      address: seed.address,
      fields: seed.fields,
      photos: [],
      status: first.key,
      open: first.open311 === 'open',
      department: category.department?.slug ?? null,
      reporterId,
      reporterName: seed.reporter.anonymous ? seed.reporter.name : null,
      reporterEmail: seed.reporter.anonymous ? seed.reporter.email : null,
      clientRequestId: null,
    },
    { kind: 'created', actor: { kind: 'reporter', name: 'Resident', userId: reporterId }, status: first.key, statusLabel: first.label },
    created,
  );
  const actor = { kind: 'officer' as const, name: report.department?.name ?? org.name, userId: officerId };
  for (const step of seed.steps ?? []) {
    const at = new Date(created.getTime() + step.after * 3_600_000);
    if (at > now) break;
    const entries: NewTimelineEntry[] = [];
    const changes: Parameters<Store['reports']['update']>[2] = {};
    const notes = { ...(step.publicNote ? { publicNote: step.publicNote } : {}), ...(step.internalNote ? { internalNote: step.internalNote } : {}) };
    if (step.status) {
      const target = stepOf(settings.workflow, step.status);
      if (!target) throw new Error(`seed: no step ${step.status}`);
      changes.status = { key: target.key, open: target.open311 === 'open' };
      entries.push({ kind: 'status', actor, status: target.key, statusLabel: target.label, ...notes });
    } else if (step.publicNote || step.internalNote) {
      entries.push({ kind: 'note', actor, ...notes });
    }
    if (step.expectedInDays !== undefined) {
      const expectedOn = new Date(at.getTime() + step.expectedInDays * 86_400_000).toISOString().slice(0, 10);
      changes.expectedOn = expectedOn;
      entries.push({ kind: 'expected', actor, expectedOn });
    }
    report = await store.reports.update(org.id, report.rowid, changes, entries, at);
  }
  for (const email of seed.supporters ?? []) {
    const supporter = await ensureResident(store, org, { email, name: email.split('@')[0]! }, created);
    const relation = await store.reports.setSupporting(org.id, report.rowid, supporter.id, true, created);
    report = { ...report, supportCount: relation.supportCount, followerCount: relation.followerCount };
  }
  return report;
}

async function ensureResident(store: Store, org: OrgRecord, person: { email: string; name: string }, now: Date) {
  let user = await store.users.byEmail(person.email);
  if (!user) user = await store.users.update((await store.users.create({ email: person.email, name: person.name, locale: 'en' }, now)).id, { emailVerified: true });
  await store.memberships.ensure(org.id, user.id, now);
  return user;
}

const RESIDENTS = {
  amara: { email: 'amara.obi@example.org', name: 'Amara Obi' },
  joe: { email: 'joe.hennessy@example.org', name: 'Joe Hennessy' },
  mei: { email: 'mei.chen@example.org', name: 'Mei Chen' },
  kwame: { email: 'kwame.asante@example.org', name: 'Kwame Asante' },
  sofia: { email: 'sofia.rossi@example.org', name: 'Sofia Rossi' },
  anon: { email: 'dulwich.walker@example.net', name: 'A resident', anonymous: true },
};

const ACK: SeedStep = { after: 20, status: 'acknowledged', publicNote: 'Thank you. We have passed this to the team and will inspect it.' };

/** Southwark's reports: real streets, realistic answers, in every state of the default workflow. */
const SOUTHWARK_REPORTS: SeedReport[] = [
  {
    category: 'pothole',
    description: 'Deep pothole in the bus lane outside the shops, buses swerve round it.',
    at: [-0.0936, 51.4893],
    address: 'Walworth Road, near East Street',
    fields: { depth: 'over-10cm', surface: 'road', danger: true },
    daysAgo: 12,
    reporter: RESIDENTS.amara,
    steps: [ACK, { after: 44, status: 'in-progress', publicNote: 'A temporary repair was made today; a full resurfacing is booked.', expectedInDays: 10 }],
    supporters: ['lola.b@example.org', 'dan.k@example.org', 'ife.m@example.org'],
  },
  {
    category: 'pothole',
    description: 'Pothole at the junction, cyclists have to go into the middle of the road.',
    at: [-0.0884, 51.4741],
    address: 'Camberwell Church Street',
    fields: { depth: '5-10cm', surface: 'cycle-lane' },
    daysAgo: 30,
    reporter: RESIDENTS.joe,
    steps: [ACK, { after: 70, status: 'in-progress' }, { after: 150, status: 'fixed', publicNote: 'The hole has been filled and the surface made good.' }],
  },
  {
    category: 'pothole',
    description: 'Several small potholes in a row along the kerb, filling with water when it rains.',
    at: [-0.0744, 51.4561],
    address: 'Lordship Lane, East Dulwich',
    fields: { depth: 'under-5cm', surface: 'road' },
    daysAgo: 2,
    reporter: RESIDENTS.mei,
  },
  {
    category: 'pothole',
    description: 'Large pothole by the zebra crossing outside the station.',
    at: [-0.0692, 51.4703],
    address: 'Rye Lane, Peckham',
    fields: { depth: 'over-10cm', surface: 'road', danger: true },
    daysAgo: 1,
    reporter: RESIDENTS.anon,
  },
  {
    category: 'broken-paving',
    description: 'Raised paving slab outside the pharmacy, my neighbour tripped on it last week.',
    at: [-0.0816, 51.4989],
    address: 'Bermondsey Street',
    fields: { problem: 'raised' },
    daysAgo: 8,
    reporter: RESIDENTS.sofia,
    steps: [ACK, { after: 30, internalNote: 'Inspector visit booked for Thursday.' }],
    supporters: ['peter.w@example.org'],
  },
  {
    category: 'broken-paving',
    description: 'Two slabs missing at the bus stop, the hole is covered with a bit of wood.',
    at: [-0.0971, 51.4951],
    address: 'New Kent Road, Elephant and Castle',
    fields: { problem: 'missing' },
    daysAgo: 21,
    reporter: RESIDENTS.kwame,
    steps: [ACK, { after: 48, status: 'in-progress', expectedInDays: 7 }, { after: 200, status: 'fixed', publicNote: 'New slabs have been laid.' }],
  },
  {
    category: 'blocked-drain',
    description: 'Drain blocked with leaves, the whole corner floods after rain.',
    at: [-0.0727, 51.4664],
    address: 'Bellenden Road',
    fields: { flooding: true, smell: 'no' },
    daysAgo: 5,
    reporter: RESIDENTS.mei,
    steps: [ACK],
    supporters: ['nina.t@example.org', 'oscar.l@example.org'],
  },
  {
    category: 'blocked-drain',
    description: 'Gully smells strongly of sewage near the school gate.',
    at: [-0.0861, 51.447],
    address: 'Dulwich Village',
    fields: { flooding: false, smell: 'strongly' },
    daysAgo: 16,
    reporter: RESIDENTS.joe,
    steps: [{ after: 24, status: 'not-ours', publicNote: 'This drain belongs to Thames Water. We have passed your report to them (their reference TW-88213).' }],
  },
  {
    category: 'fly-tipping',
    description: 'Mattress and a broken wardrobe dumped by the recycling bins.',
    at: [-0.0721, 51.4851],
    address: 'Old Kent Road, by the Tesco car park',
    fields: { what: ['furniture'], size: 'car-boot', seen: false },
    daysAgo: 3,
    reporter: RESIDENTS.amara,
    steps: [ACK, { after: 30, status: 'fixed', publicNote: 'Cleared this afternoon. Thank you for telling us.' }],
  },
  {
    category: 'fly-tipping',
    description: 'Builders rubble and paint tins dumped in the alley behind the houses.',
    at: [-0.0641, 51.4939],
    address: 'Southwark Park Road',
    fields: { what: ['building', 'hazardous'], size: 'van', seen: true },
    daysAgo: 6,
    reporter: RESIDENTS.kwame,
    steps: [ACK, { after: 26, status: 'in-progress', internalNote: 'Enforcement team checking the waste for evidence first.', publicNote: 'Our enforcement officers are investigating before we clear it.' }],
    supporters: ['rita.g@example.org'],
  },
  {
    category: 'fly-tipping',
    description: 'About ten black bags left on the corner, foxes have torn them open.',
    at: [-0.0579, 51.4741],
    address: 'Queens Road, Peckham',
    fields: { what: ['bags'], size: 'car-boot' },
    daysAgo: 0.4,
    reporter: RESIDENTS.anon,
  },
  {
    category: 'fly-tipping',
    description: 'An old fridge left on the pavement for a week now.',
    at: [-0.0651, 51.4991],
    address: 'Jamaica Road',
    fields: { what: ['electrical'], size: 'single' },
    daysAgo: 9,
    reporter: RESIDENTS.sofia,
    steps: [ACK, { after: 40, status: 'fixed' }],
  },
  {
    category: 'overflowing-bin',
    description: 'Bin at the park entrance is overflowing every weekend.',
    at: [-0.0661, 51.4601],
    address: 'Peckham Rye, by the café',
    fields: { bin: 'litter' },
    daysAgo: 4,
    reporter: RESIDENTS.mei,
    steps: [ACK, { after: 10, publicNote: 'We have added an extra collection on Saturdays and Sundays.' }],
  },
  {
    category: 'overflowing-bin',
    description: 'Dog waste bin full, bags left on the ground around it.',
    at: [-0.0839, 51.4841],
    address: 'Burgess Park, Albany Road entrance',
    fields: { bin: 'dog' },
    daysAgo: 1.5,
    reporter: RESIDENTS.joe,
  },
  {
    category: 'graffiti',
    description: 'Offensive words sprayed on the railway bridge.',
    at: [-0.0781, 51.4621],
    address: 'Grove Vale, railway bridge',
    fields: { offensive: true, on: 'council' },
    daysAgo: 2,
    reporter: RESIDENTS.sofia,
    steps: [{ after: 3, status: 'in-progress', publicNote: 'Offensive graffiti: our team will remove it today.' }, { after: 9, status: 'fixed' }],
  },
  {
    category: 'graffiti',
    description: 'Tags all over the shutters of the empty shop.',
    at: [-0.0779, 51.4961],
    address: 'Tower Bridge Road',
    fields: { offensive: false, on: 'private' },
    daysAgo: 14,
    reporter: RESIDENTS.kwame,
    steps: [{ after: 30, status: 'not-ours', publicNote: 'This is on private property; we have written to the owner asking them to remove it.' }],
  },
  {
    category: 'street-light',
    description: 'Street light out, the path to the estate is pitch dark at night.',
    at: [-0.0601, 51.4681],
    address: 'Consort Road',
    fields: { column: '27', fault: 'out' },
    daysAgo: 7,
    reporter: RESIDENTS.amara,
    steps: [ACK, { after: 50, status: 'in-progress', expectedInDays: 5, publicNote: 'The lamp needs a new part, which has been ordered.' }],
    supporters: ['tunde.a@example.org', 'grace.p@example.org', 'li.w@example.org', 'maya.r@example.org'],
  },
  {
    category: 'street-light',
    description: 'Lamp post flickering on and off all night outside number 40.',
    at: [-0.0729, 51.458],
    address: 'Crystal Palace Road',
    fields: { column: 'CP14', fault: 'flickering' },
    daysAgo: 25,
    reporter: RESIDENTS.mei,
    steps: [ACK, { after: 96, status: 'fixed', publicNote: 'The lamp has been replaced.' }],
  },
  {
    category: 'street-light',
    description: 'Light stays on all day by the bus stop.',
    at: [-0.0999, 51.5011],
    address: 'Great Suffolk Street',
    fields: { fault: 'day' },
    daysAgo: 0.8,
    reporter: RESIDENTS.joe,
  },
  {
    category: 'street-light',
    description: 'Lamp post leaning after a van hit it.',
    at: [-0.0441, 51.5019],
    address: 'Rotherhithe Street',
    fields: { column: '112', fault: 'damaged' },
    daysAgo: 3,
    reporter: RESIDENTS.anon,
    steps: [{ after: 4, status: 'acknowledged', publicNote: 'Made safe tonight; a new column will follow.' }],
  },
  {
    category: 'abandoned-vehicle',
    description: 'White van with flat tyres, not moved for over a month.',
    at: [-0.0501, 51.4969],
    address: 'Surrey Quays Road, Canada Water',
    fields: { registration: 'LK19 XHD', make: 'White Ford Transit', 'how-long': 'longer' },
    daysAgo: 11,
    reporter: RESIDENTS.kwame,
    steps: [ACK, { after: 60, status: 'in-progress', publicNote: 'A notice has been put on the van; it will be removed after 7 days if nobody claims it.', expectedInDays: 8 }],
  },
  {
    category: 'abandoned-vehicle',
    description: 'Car with smashed windows parked on the corner for weeks.',
    at: [-0.0951, 51.4689],
    address: 'Coldharbour Lane, Camberwell',
    fields: { registration: 'GF07 PLM', make: 'Silver Vauxhall Astra', 'how-long': 'month' },
    daysAgo: 40,
    reporter: RESIDENTS.sofia,
    steps: [ACK, { after: 100, status: 'in-progress' }, { after: 400, status: 'fixed', publicNote: 'The car has been removed.' }],
  },
  {
    category: 'pothole',
    description: 'Pothole opening up again where it was patched last winter.',
    at: [-0.0906, 51.4679],
    address: 'Denmark Hill',
    fields: { depth: '5-10cm', surface: 'road' },
    daysAgo: 18,
    reporter: RESIDENTS.amara,
    steps: [ACK, { after: 48, status: 'fixed' }, { after: 240, status: 'in-progress', publicNote: 'Reopened: the patch has failed again. We will resurface the whole stretch.', expectedInDays: 21 }],
  },
  {
    category: 'fly-tipping',
    description: 'Sofa dumped on the pavement outside the flats.',
    at: [-0.0879, 51.5001],
    address: 'Long Lane',
    fields: { what: ['furniture'], size: 'single' },
    daysAgo: 5,
    reporter: RESIDENTS.joe,
    steps: [ACK],
  },
  {
    category: 'broken-paving',
    description: 'Kerb stone knocked out at the corner, sharp edges.',
    at: [-0.1041, 51.5039],
    address: 'Blackfriars Road',
    fields: { problem: 'kerb' },
    daysAgo: 0.2,
    reporter: RESIDENTS.mei,
  },
];

/** The council's report setup and its reports (once: nothing happens when the organisation already has categories). */
export async function seedReportsDemo(store: Store, org: OrgRecord, now: Date): Promise<void> {
  if ((await store.reports.categories(org.id)).length > 0) return;
  const settings: ReportSettingsRecord = { ...DEFAULT_REPORT_SETTINGS, workflow: DEFAULT_WORKFLOW, anonymousReports: true };
  await store.reports.saveSettings(org.id, settings, now);
  await seedReportCategories(store, org, COUNCIL_CATEGORIES, now);
  const officer = await ensureMember(store, org, { email: 'officer@southwark.example', name: 'Tom Whitfield' }, 'officer', ['highways', 'street-lighting'], now);
  // One duplicate: a second report of the Walworth Road pothole, merged into the first below.
  const duplicateSeed: SeedReport = {
    category: 'pothole',
    description: 'Huge hole in the road by East Street market, nearly came off my bike.',
    at: [-0.0931, 51.4897],
    address: 'Walworth Road',
    fields: { depth: 'over-10cm', surface: 'road' },
    daysAgo: 10,
    reporter: RESIDENTS.kwame,
  };
  // Oldest first, so that references count up with time as they would.
  const ordered = [...SOUTHWARK_REPORTS, duplicateSeed].sort((a, b) => b.daysAgo - a.daysAgo);
  const made = new Map<SeedReport, ReportRecord>();
  for (const seed of ordered) made.set(seed, await seedReport(store, org, settings, seed, now, officer.id));
  const kept = made.get(SOUTHWARK_REPORTS[0]!)!;
  const duplicate = made.get(duplicateSeed)!;
  const step = stepOf(settings.workflow, settings.workflow.duplicateStep)!;
  const actor = { kind: 'officer' as const, name: kept.department?.name ?? org.name, userId: officer.id };
  await store.reports.merge(
    org.id,
    duplicate.rowid,
    kept.rowid,
    step.key,
    {
      duplicate: { kind: 'merged', actor, to: kept.reference, status: step.key, statusLabel: step.label, publicNote: `This pothole was already reported: follow ${kept.reference} for progress.` },
      kept: { kind: 'merged', actor, from: duplicate.reference },
    },
    new Date(now.getTime() - 9 * 86_400_000),
  );
}
