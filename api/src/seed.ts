// Demo data: three London organisations with departments, an admin and an officer each, and their maps,
// reports, discussions, polls and consultation; and a test organisation.
import type { Locale, MapSettings, Role, Theme } from '@civic-elements/protocol';
import type { OrgRecord, Store, UserRecord } from './store/types.js';
import { seedMapsDemo } from './seed-maps.js';
import { seedReportsDemo } from './seed-reports.js';
import { seedDebateDemo } from './seed-debate.js';
import { seedPollsDemo } from './seed-polls.js';
import { loadSouthwarkGazetteer } from './geocode/southwark-gazetteer.js';

export const DEFAULT_DEMO_ORIGINS = ['http://localhost:8080', 'http://127.0.0.1:8080'];

interface OrgSeed {
  slug: string;
  name: string;
  theme: Theme;
  map: MapSettings;
  passwordSignIn: boolean;
  departments: { slug: string; name: string }[];
  /** Domain of the seeded staff accounts: admin@…, officer@… */
  staffDomain: string;
  officerDepartments: string[];
}

const DEMO_ORGS: OrgSeed[] = [
  {
    slug: 'southwark',
    name: 'Southwark Council',
    theme: { primary: '#1d4f91', primaryText: '#ffffff', accent: '#00a19a', radius: 4, fontFamily: 'Arial, Helvetica, sans-serif' },
    map: { center: [-0.0877, 51.4741], zoom: 13, extent: [-0.11, 51.42, -0.03, 51.51] },
    passwordSignIn: true,
    departments: [
      { slug: 'highways', name: 'Highways' },
      { slug: 'street-lighting', name: 'Street Lighting' },
      { slug: 'environmental-services', name: 'Environmental Services (fly-tipping)' },
      { slug: 'housing', name: 'Housing' },
      { slug: 'parks', name: 'Parks' },
      { slug: 'parking', name: 'Parking Services' },
    ],
    staffDomain: 'southwark.example',
    officerDepartments: ['highways', 'street-lighting'],
  },
  {
    slug: 'south-london-health',
    name: 'South London Community Health NHS Trust',
    theme: { primary: '#005eb8', primaryText: '#ffffff', accent: '#ffb81c', radius: 4, fontFamily: 'Frutiger, Arial, sans-serif' },
    map: { center: [-0.0921, 51.4714], zoom: 12, extent: [-0.16, 51.4, -0.01, 51.52] },
    passwordSignIn: false,
    departments: [
      { slug: 'patient-experience', name: 'Patient Experience' },
      { slug: 'public-health', name: 'Public Health' },
    ],
    staffDomain: 'south-london-health.example',
    officerDepartments: ['patient-experience'],
  },
  {
    slug: 'peckham-gardens',
    name: 'Peckham Community Gardens Network',
    theme: { primary: '#2e7d32', primaryText: '#ffffff', accent: '#f9a825', radius: 8, fontFamily: 'Georgia, serif' },
    map: { center: [-0.0693, 51.4697], zoom: 14, extent: [-0.095, 51.455, -0.045, 51.485] },
    passwordSignIn: false,
    departments: [
      { slug: 'growing-spaces', name: 'Growing Spaces' },
      { slug: 'volunteering', name: 'Volunteering' },
    ],
    staffDomain: 'peckham-gardens.example',
    officerDepartments: ['growing-spaces'],
  },
];

const STAFF_NAMES: Record<string, { admin: string; officer: string }> = {
  southwark: { admin: 'Adaeze Okafor', officer: 'Tom Whitfield' },
  'south-london-health': { admin: 'Priya Raman', officer: 'Declan Murphy' },
  'peckham-gardens': { admin: 'Grace Mensah', officer: 'Luca Bianchi' },
};

/** A person with a role in an organisation, created if needed (verified, no password: they sign in with codes). */
export async function ensureMember(
  store: Store,
  org: OrgRecord,
  person: { email: string; name: string; locale?: Locale },
  role: Role,
  departments: string[] = [],
  now = new Date(),
): Promise<UserRecord> {
  const email = person.email.trim().toLowerCase();
  let user = await store.users.byEmail(email);
  if (!user) {
    user = await store.users.create({ email, name: person.name, locale: person.locale ?? org.defaultLocale }, now);
    user = await store.users.update(user.id, { emailVerified: true });
  }
  await store.memberships.set(org.id, user.id, role, departments, now);
  return user;
}

async function seedOrg(store: Store, seed: OrgSeed, allowedOrigins: string[], now: Date): Promise<OrgRecord> {
  const org = await store.orgs.create(
    { slug: seed.slug, name: seed.name, defaultLocale: 'en', theme: seed.theme, map: seed.map, allowedOrigins, passwordSignIn: seed.passwordSignIn },
    now,
  );
  for (const department of seed.departments) await store.orgs.addDepartment(org.id, department);
  const names = STAFF_NAMES[seed.slug] ?? { admin: 'Admin', officer: 'Officer' };
  await ensureMember(store, org, { email: `admin@${seed.staffDomain}`, name: names.admin }, 'admin', [], now);
  await ensureMember(store, org, { email: `officer@${seed.staffDomain}`, name: names.officer }, 'officer', seed.officerDepartments, now);
  return org;
}

/**
 * Seeds the demo organisations `southwark`, `south-london-health` and `peckham-gardens`, each allowing
 * `demoOrigins`, with staff accounts admin@<slug>.example and officer@<slug>.example (southwark.example for the council).
 */
export async function seedDemo(store: Store, options: { demoOrigins?: string[] } = {}): Promise<OrgRecord[]> {
  const origins = options.demoOrigins ?? DEFAULT_DEMO_ORIGINS;
  const now = new Date();
  const orgs: OrgRecord[] = [];
  for (const seed of DEMO_ORGS) orgs.push(await seedOrg(store, seed, origins, now));
  await seedMapsDemo(store, orgs, now);
  const council = orgs.find((org) => org.slug === 'southwark');
  if (council) await seedReportsDemo(store, council, now);
  await seedDebateDemo(store, orgs, origins[0], now);
  await seedPollsDemo(store, orgs, now);
  // Address search for the demo's borough (idempotent: loading it again changes nothing).
  await loadSouthwarkGazetteer(store);
  return orgs;
}

export interface TestOrgOptions {
  slug: string;
  name?: string;
  allowedOrigins?: string[];
  passwordSignIn?: boolean;
  defaultLocale?: Locale;
  departments?: { slug: string; name: string }[];
}

/** A small organisation for tests: departments `highways` and `housing` unless given. */
export async function seedTestOrg(store: Store, options: TestOrgOptions): Promise<OrgRecord> {
  const org = await store.orgs.create(
    {
      slug: options.slug,
      name: options.name ?? options.slug.replace(/(^|-)(\w)/g, (_, dash: string, letter: string) => `${dash ? ' ' : ''}${letter.toUpperCase()}`),
      defaultLocale: options.defaultLocale ?? 'en',
      theme: { primary: '#1d70b8' },
      map: { center: [-0.0877, 51.4741], zoom: 13, extent: [-0.11, 51.42, -0.03, 51.51] },
      allowedOrigins: options.allowedOrigins ?? [],
      passwordSignIn: options.passwordSignIn ?? true,
    },
    new Date(),
  );
  for (const department of options.departments ?? [
    { slug: 'highways', name: 'Highways' },
    { slug: 'housing', name: 'Housing' },
  ]) {
    await store.orgs.addDepartment(org.id, department);
  }
  return org;
}
