// Report store records as the protocol's wire shapes: categories, reports (public or officers' view), timelines, map features.
import type { Report, ReportCategory, ReportDetail, ReportFeature, TimelineEntry, Workflow } from '@civic-elements/protocol';
import { labelOf } from '../domain/workflow.js';
import { photoOut } from '../present-maps.js';
import type { OrgRecord, ReportCategoryRecord, ReportListRow, ReportRecord, TimelineRecord } from '../store/types.js';

export const reportCategoryOut = (category: ReportCategoryRecord): ReportCategory => ({
  id: category.id,
  code: category.code,
  name: category.name,
  group: category.group,
  description: category.description,
  keywords: category.keywords,
  department: category.department?.slug ?? null,
  fields: category.fields,
  active: category.active,
});

export interface ReportView {
  org: OrgRecord;
  workflow: Workflow;
  /** The origin photo URLs start with. */
  base: string;
  /**
   * Whether the reader sees a report as its officers do (who reported it, the internal notes): admins,
   * officers without departments, and officers of the report's department. Others see the public view.
   */
  officer: (report: Pick<ReportListRow, 'department'>) => boolean;
  /** The signed-in person, for `viewer`; null when nobody is. */
  viewerId: string | null;
  /** The signed-in person's relation to each report by rowid (missing: neither). */
  relations?: ReadonlyMap<number, { following: boolean; supported: boolean }>;
}

export function reportOut(report: ReportListRow, view: ReportView): Report {
  const relation = view.relations?.get(report.rowid);
  return {
    id: report.id,
    reference: report.reference,
    org: view.org.slug,
    category: report.category,
    description: report.description,
    location: { type: 'Point', coordinates: [report.lon, report.lat] },
    address: report.address,
    fields: report.fields,
    photos: report.photos.filter((photo) => photo.removedAt === null).map((photo) => photoOut(photo, view.base)),
    status: report.status,
    statusLabel: labelOf(view.workflow, report.status),
    open: report.open,
    department: report.department,
    expectedOn: report.expectedOn,
    supportCount: report.supportCount,
    followerCount: report.followerCount,
    mergedInto: report.mergedInto,
    createdAt: report.createdAt,
    updatedAt: report.updatedAt,
    ...(report.distance !== undefined ? { distance: Math.round(report.distance * 10) / 10 } : {}),
    ...(view.viewerId !== null
      ? { viewer: { mine: report.reporterId === view.viewerId, following: relation?.following ?? false, supported: relation?.supported ?? false } }
      : {}),
    ...(view.officer(report) ? { reporter: { name: report.reporterName, email: report.reporterEmail } } : {}),
  };
}

/** The public timeline leaves out internal notes (and entries that hold nothing else); who acted is never named. */
export function timelineOut(entries: readonly TimelineRecord[], officer: boolean): TimelineEntry[] {
  return entries.flatMap((entry): TimelineEntry[] => {
    const publicPart = entry.kind !== 'note' || entry.publicNote !== undefined;
    if (!officer && !publicPart) return [];
    return [
      {
        id: entry.id,
        at: entry.at,
        kind: entry.kind,
        by: { kind: entry.actor.kind, name: entry.actor.name },
        ...(entry.status !== undefined ? { status: entry.status } : {}),
        ...(entry.statusLabel !== undefined ? { statusLabel: entry.statusLabel } : {}),
        ...(entry.to !== undefined ? { to: entry.to } : {}),
        ...(entry.from !== undefined ? { from: entry.from } : {}),
        ...(entry.kind === 'expected' ? { expectedOn: entry.expectedOn ?? null } : {}),
        ...(entry.publicNote !== undefined ? { publicNote: entry.publicNote } : {}),
        ...(officer && entry.internalNote !== undefined ? { internalNote: entry.internalNote } : {}),
      },
    ];
  });
}

export const reportDetailOut = (report: ReportRecord, timeline: readonly TimelineRecord[], view: ReportView): ReportDetail => ({
  ...reportOut(report, view),
  timeline: timelineOut(timeline, view.officer(report)),
});

export const reportFeatureOut = (report: ReportRecord, workflow: Workflow): ReportFeature => ({
  type: 'Feature',
  id: report.id,
  geometry: { type: 'Point', coordinates: [report.lon, report.lat] },
  properties: {
    layer: 'reports',
    title: report.address ? `${report.category.name}, ${report.address}` : report.category.name,
    reference: report.reference,
    category: report.category.code,
    status: report.status,
    statusLabel: labelOf(workflow, report.status),
    open: report.open,
    createdAt: report.createdAt,
  },
});
