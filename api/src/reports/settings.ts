// An organisation's report settings, with the defaults for one that never changed them.
import { DEFAULT_NEARBY_RADIUS, DEFAULT_WORKFLOW } from '../domain/workflow.js';
import type { ReportSettingsRecord, Store } from '../store/types.js';

export const DEFAULT_REPORT_SETTINGS: ReportSettingsRecord = {
  workflow: DEFAULT_WORKFLOW,
  anonymousReports: false,
  nearbyRadius: DEFAULT_NEARBY_RADIUS,
};

export async function reportSettingsOf(store: Store, orgId: string): Promise<ReportSettingsRecord> {
  return (await store.reports.settings(orgId)) ?? DEFAULT_REPORT_SETTINGS;
}
