// seedReportFixtures: report categories, settings and reports in an organisation, written straight to the store.
// Used by the API tests and (through the `civic:seed-reports` command) by the browser tests of the report
// form, the report list and the inbox.
import { ReportDetail, type FieldValues, type ReportCategory, type Workflow } from '@civic-elements/protocol';
import { DEFAULT_WORKFLOW } from '../../src/domain/workflow.js';
import { reportCategoryOut } from '../../src/reports/present.js';
import { DEFAULT_REPORT_SETTINGS } from '../../src/reports/settings.js';
import { COUNCIL_CATEGORIES, seedReport, seedReportCategories, type SeedStep } from '../../src/seed-reports.js';
import type { ReportSettingsRecord, Store } from '../../src/store/types.js';
import { gridPoints } from './map-fixtures.js';

export interface ReportFixtureOptions {
  /** How many reports (default 6); 0 sets up categories and settings only. */
  count?: number;
  /**
   * Fixture category codes to make (default every council category: pothole, broken-paving, blocked-drain,
   * fly-tipping, overflowing-bin, graffiti, street-light, abandoned-vehicle); [] for none. Categories are
   * made once per organisation (by code).
   */
  categories?: string[];
  /** Also make an inactive category `old-bins` (default false). */
  inactiveCategory?: boolean;
  /** Whether residents may report without signing in (default: as it is, or true the first time). */
  anonymousReports?: boolean;
  /** How far the form looks for similar reports (default: as it is, or 50 m the first time). */
  nearbyRadius?: number;
  /** The organisation's workflow (default: as it is, or the default workflow the first time). */
  workflow?: Workflow;
  /** `[lon, lat]` of each report. Default: `count` points on a grid over the organisation's extent. */
  points?: [number, number][];
  /** The category code of every report, any category of the organisation (default: the fixture categories in turn). */
  category?: string;
  /** The reports' reporter (created if needed, a resident). Default fixture-reporter@example.org. */
  reporterEmail?: string;
  /** Make the reports anonymous (reporter's email only) instead. */
  anonymous?: boolean;
  /**
   * Status of each report in turn (step keys of the workflow, e.g. ['submitted', 'acknowledged',
   * 'fixed']): the report moves there with a public note, as an officer would. Default: all submitted.
   */
  statuses?: string[];
  /** Days ago the first report was made; each next one is a day newer (default: `count` days ago). */
  daysAgo?: number;
  /** People (emails) who support every report (they follow it too). */
  supporters?: string[];
  /** The time the fixture treats as now (default: the real time). */
  now?: Date;
}

export interface ReportFixtures {
  org: string;
  settings: ReportSettingsRecord;
  categories: ReportCategory[];
  reports: {
    id: string;
    reference: string;
    category: string;
    status: string;
    open: boolean;
    department: string | null;
    location: [number, number];
    reporterEmail: string | null;
  }[];
}

/** Answers every required question of the category with its first option or a short text. */
export function answersFor(category: ReportCategory): FieldValues {
  const values: FieldValues = {};
  for (const field of category.fields) {
    if (!field.required) continue;
    if (field.type === 'choice') values[field.key] = field.options[0]!.value;
    else if (field.type === 'multichoice') values[field.key] = [field.options[0]!.value];
    else if (field.type === 'text') values[field.key] = field.key === 'registration' ? 'LK19 ABC' : 'Fixture answer';
    else if (field.type === 'number') values[field.key] = field.min ?? 1;
    else if (field.type === 'boolean') values[field.key] = true;
    else if (field.type === 'date') values[field.key] = '2026-01-15';
    else if (field.type === 'time') values[field.key] = '09:30';
    else values[field.key] = '2026-01-15T09:30:00Z';
  }
  return values;
}

const DESCRIPTIONS: Record<string, string> = {
  pothole: 'Pothole in the road outside number 12',
  'broken-paving': 'Loose paving slab by the bus stop',
  'blocked-drain': 'Drain blocked with leaves, water pooling',
  'fly-tipping': 'Black bags dumped on the corner',
  'overflowing-bin': 'Litter bin overflowing by the park gate',
  graffiti: 'Tags sprayed on the bridge',
  'street-light': 'Street light out on the path',
  'abandoned-vehicle': 'Van with flat tyres not moved for weeks',
};

export async function seedReportFixtures(store: Store, orgSlug: string, options: ReportFixtureOptions = {}): Promise<ReportFixtures> {
  const org = await store.orgs.bySlug(orgSlug);
  if (!org) throw new Error(`No organisation ${orgSlug}`);
  const now = options.now ?? new Date();
  // Settings a test (or an earlier fixture) chose stay unless this call names them.
  const existing = await store.reports.settings(org.id);
  const settings: ReportSettingsRecord = {
    workflow: options.workflow ?? existing?.workflow ?? DEFAULT_WORKFLOW,
    anonymousReports: options.anonymousReports ?? existing?.anonymousReports ?? true,
    nearbyRadius: options.nearbyRadius ?? existing?.nearbyRadius ?? DEFAULT_REPORT_SETTINGS.nearbyRadius,
  };
  await store.reports.saveSettings(org.id, settings, now);

  const codes = options.categories ?? COUNCIL_CATEGORIES.map((c) => c.code);
  const unknown = codes.filter((code) => !COUNCIL_CATEGORIES.some((c) => c.code === code));
  if (unknown.length > 0) throw new Error(`seedReports: no fixture category ${unknown.join(', ')}`);
  await seedReportCategories(store, org, COUNCIL_CATEGORIES.filter((c) => codes.includes(c.code)), now);
  if (options.inactiveCategory) {
    await seedReportCategories(
      store,
      org,
      [{ code: 'old-bins', name: 'Wheelie bin repair (old)', group: 'Rubbish and street cleaning', description: 'No longer reported here.', keywords: [], department: null, fields: [], active: false }],
      now,
    );
  }
  const all = (await store.reports.categories(org.id)).map(reportCategoryOut);
  const usable = all.filter((c) => c.active && codes.includes(c.code));

  const count = options.count ?? 6;
  const [minLon, minLat, maxLon, maxLat] = org.map.extent;
  // A little in from the edges, so every point is well inside the area.
  const inset: [number, number, number, number] = [minLon + (maxLon - minLon) * 0.1, minLat + (maxLat - minLat) * 0.1, maxLon - (maxLon - minLon) * 0.1, maxLat - (maxLat - minLat) * 0.1];
  const points = options.points ?? (gridPoints(inset, count) as [number, number][]);
  const reporter = options.reporterEmail ?? 'fixture-reporter@example.org';
  const firstDaysAgo = options.daysAgo ?? count;
  const reports: ReportFixtures['reports'] = [];
  for (let i = 0; i < count; i++) {
    const category = options.category ? all.find((c) => c.code === options.category) : usable[i % usable.length];
    if (!category) throw new Error(`seedReports: no category ${options.category ?? ''}`);
    const status = options.statuses?.[i % options.statuses.length];
    const steps: SeedStep[] = status && status !== settings.workflow.steps[0]!.key ? [{ after: 1, status, publicNote: `Moved to ${status} by the fixture.` }] : [];
    const point = points[i % points.length]!;
    const report = await seedReport(
      store,
      org,
      settings,
      {
        category: category.code,
        description: `${DESCRIPTIONS[category.code] ?? category.name} (fixture ${i + 1})`,
        at: point,
        address: `${i + 1} Fixture Street`,
        fields: answersFor(category),
        daysAgo: Math.max(0.05, firstDaysAgo - i),
        reporter: options.anonymous ? { email: reporter, name: 'Anonymous fixture', anonymous: true } : { email: reporter, name: 'Fixture Reporter' },
        steps,
        ...(options.supporters ? { supporters: options.supporters } : {}),
      },
      now,
      null,
    );
    reports.push({
      id: report.id,
      reference: report.reference,
      category: category.code,
      status: report.status,
      open: report.open,
      department: report.department?.slug ?? null,
      location: point,
      reporterEmail: report.reporterEmail,
    });
  }
  return { org: org.slug, settings, categories: all, reports };
}

/**
 * A report as the API hands it to officers and webhooks (`ReportDetail`), made up without a database:
 * a pothole reported on Borough High Street, submitted; `changes` replace any of its fields.
 */
export function sampleReportDetail(changes: Partial<ReportDetail> = {}): ReportDetail {
  const at = changes.createdAt ?? '2026-03-02T08:30:00.000Z';
  return ReportDetail.parse({
    id: 'report-1',
    reference: 'TST-1001',
    org: 'test-council',
    category: { id: 'category-1', code: 'pothole', name: 'Pothole' },
    description: 'A deep pothole in front of the bus stop.',
    location: { type: 'Point', coordinates: [-0.0918, 51.5034] },
    address: 'Borough High Street',
    fields: {},
    photos: [],
    status: 'submitted',
    statusLabel: 'Submitted',
    open: true,
    department: null,
    expectedOn: null,
    supportCount: 0,
    followerCount: 0,
    mergedInto: null,
    createdAt: at,
    updatedAt: at,
    timeline: [{ id: 'entry-1', at, kind: 'created', by: { kind: 'reporter', name: 'Resident' } }],
    ...changes,
  });
}
