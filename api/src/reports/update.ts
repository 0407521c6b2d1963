// An officer's update to one report (status, notes, category, department, expected date), checked
// against the workflow and the organisation, as the changes and timeline entries the store applies.
import type { ReportUpdate } from '@civic-elements/protocol';
import { checkMove, stepOf } from '../domain/workflow.js';
import { ApiError } from '../http/errors.js';
import type { Deps } from '../http/env.js';
import type { DepartmentRecord, NewTimelineEntry, OrgRecord, ReportChanges, ReportRecord, ReportSettingsRecord } from '../store/types.js';
import { officerActor, type ReportViewer } from './access.js';

type Update = Exclude<ReturnType<typeof ReportUpdate.parse>, undefined>;

const invalid = (field: string, message: string) => new ApiError(400, 'validation_failed', `There is a problem with ${field}: ${message}`, { fields: { [field]: message } });

/**
 * Works out what an update changes. Throws 400 `validation_failed` for a step, category or department
 * the organisation does not have, and 409 `conflict` for a report merged into another or an update
 * that changes nothing. A new category brings its department unless the update names one.
 */
export async function planUpdate(
  deps: Deps,
  org: OrgRecord,
  settings: ReportSettingsRecord,
  viewer: ReportViewer,
  departments: readonly DepartmentRecord[],
  report: ReportRecord,
  update: Update,
): Promise<{ changes: ReportChanges; entries: NewTimelineEntry[] }> {
  if (report.mergedInto) throw new ApiError(409, 'conflict', `${report.reference} was merged into ${report.mergedInto.reference}: change that one instead.`);
  const actor = officerActor(viewer, org, departments, report);
  const changes: ReportChanges = {};
  const entries: NewTimelineEntry[] = [];
  let notesPlaced = false;

  if (update.status !== undefined) {
    const refusal = checkMove(settings.workflow, report.status, update.status, { merged: false });
    if (refusal?.code === 'same_step') throw new ApiError(409, 'conflict', `${report.reference}: ${refusal.message}`, { fields: { status: refusal.message } });
    if (refusal) throw invalid('status', refusal.message);
    const step = stepOf(settings.workflow, update.status)!;
    changes.status = { key: step.key, open: step.open311 === 'open' };
    entries.push({
      kind: 'status',
      actor,
      status: step.key,
      statusLabel: step.label,
      ...(update.publicNote !== undefined ? { publicNote: update.publicNote } : {}),
      ...(update.internalNote !== undefined ? { internalNote: update.internalNote } : {}),
    });
    notesPlaced = true;
  }

  let departmentTo: string | null | undefined = update.department;
  if (update.category !== undefined && update.category !== report.category.code) {
    const category = await deps.store.reports.categoryByCode(org.id, update.category);
    if (!category) throw invalid('category', `${org.name} has no category “${update.category}”.`);
    if (!category.active) throw invalid('category', `“${category.name}” takes no new reports: choose an active category.`);
    changes.categoryId = category.id;
    entries.push({ kind: 'category', actor, to: category.name });
    if (departmentTo === undefined && category.department && category.department.slug !== report.department?.slug) departmentTo = category.department.slug;
  }

  if (departmentTo !== undefined && departmentTo !== (report.department?.slug ?? null)) {
    const department = departmentTo === null ? null : departments.find((d) => d.slug === departmentTo);
    if (department === undefined) throw invalid('department', `${org.name} has no department “${departmentTo}”. Use one of: ${departments.map((d) => d.slug).join(', ')}.`);
    changes.department = department?.slug ?? null;
    entries.push({ kind: 'department', actor, ...(department ? { to: department.name } : {}) });
  }

  if (update.expectedOn !== undefined && update.expectedOn !== report.expectedOn) {
    changes.expectedOn = update.expectedOn;
    entries.push({ kind: 'expected', actor, expectedOn: update.expectedOn });
  }

  if (!notesPlaced && (update.publicNote !== undefined || update.internalNote !== undefined)) {
    entries.push({
      kind: 'note',
      actor,
      ...(update.publicNote !== undefined ? { publicNote: update.publicNote } : {}),
      ...(update.internalNote !== undefined ? { internalNote: update.internalNote } : {}),
    });
  }

  if (entries.length === 0) throw new ApiError(409, 'conflict', `${report.reference} is already like this: nothing to change.`);
  return { changes, entries };
}
