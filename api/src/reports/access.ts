// Who is asking about reports, and what they may do: residents report, follow and support; officers
// triage (only their departments' reports when they have departments); admins do anything.
import type { Context } from 'hono';
import type { Role } from '@civic-elements/protocol';
import { may } from '../domain/permissions.js';
import { ApiError, forbidden } from '../http/errors.js';
import type { AppEnv, Deps } from '../http/env.js';
import { signedIn } from '../http/viewer.js';
import type { DepartmentRecord, OrgRecord, ReportRecord, UserRecord } from '../store/types.js';

export interface ReportViewer {
  user: UserRecord | null;
  role: Role | undefined;
  /** May triage reports (officers and admins of the organisation). */
  officer: boolean;
  admin: boolean;
  /** An officer's departments (slugs); empty means every department. */
  departments: string[];
}

export async function reportViewerOf(c: Context<AppEnv>, deps: Deps, org: OrgRecord): Promise<ReportViewer> {
  const user = signedIn(c)?.user ?? null;
  const membership = user ? await deps.store.memberships.get(org.id, user.id) : null;
  const role = membership?.role;
  const admin = may(role, 'org.manage');
  return { user, role, officer: may(role, 'reports.triage'), admin, departments: admin ? [] : (membership?.departments ?? []) };
}

export function requireUser(viewer: ReportViewer): UserRecord {
  if (!viewer.user) throw new ApiError(401, 'unauthenticated', 'Sign in to do this.', { headers: { 'WWW-Authenticate': 'Bearer' } });
  return viewer.user;
}

/** 401 for nobody, 403 for residents and staff who do not triage reports. */
export function requireOfficer(viewer: ReportViewer, org: OrgRecord): UserRecord {
  const user = requireUser(viewer);
  if (!viewer.officer) throw forbidden(`Only officers and admins of ${org.name} can do this.`);
  return user;
}

export function requireAdmin(viewer: ReportViewer, org: OrgRecord, what: string): UserRecord {
  const user = requireUser(viewer);
  if (!viewer.admin) throw forbidden(`Only admins of ${org.name} can ${what}.`);
  return user;
}

/** Whether an officer may act on the report: admins always; officers with departments only on those departments' reports. */
export function mayAct(viewer: ReportViewer, report: Pick<ReportRecord, 'department'>): boolean {
  if (viewer.admin) return true;
  if (!viewer.officer) return false;
  if (viewer.departments.length === 0) return true;
  return report.department !== null && viewer.departments.includes(report.department.slug);
}

/** Why an officer may not act on the report (403), or nothing. */
export function assertMayAct(viewer: ReportViewer, org: OrgRecord, report: Pick<ReportRecord, 'department' | 'reference'>): void {
  requireOfficer(viewer, org);
  if (mayAct(viewer, report)) return;
  const where = report.department ? `${report.department.name}` : 'no department yet';
  throw forbidden(`${report.reference} is with ${where}: only officers of ${report.department ? 'that department' : 'every department'} or an admin can change it.`);
}

/**
 * How an officer's change shows in the public timeline: as the report's department when they belong
 * to it, else as their first department, else as the organisation.
 */
export function officerActor(viewer: ReportViewer, org: OrgRecord, departments: readonly DepartmentRecord[], report: Pick<ReportRecord, 'department'>) {
  const own = report.department && viewer.departments.includes(report.department.slug) ? report.department.name : undefined;
  const first = departments.find((d) => d.slug === viewer.departments[0])?.name;
  return { kind: 'officer' as const, name: own ?? first ?? org.name, userId: viewer.user?.id ?? null };
}
