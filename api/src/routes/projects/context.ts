// What every project route needs first: the organisation, who is asking, the project, and what they may do with it.
import type { Context } from 'hono';
import type { BBox, FieldValues, Geometry } from '@civic-elements/protocol';
import { validateFields } from '../../domain/fields.js';
import { validateGeometry } from '../../domain/geo.js';
import { assertOriginAllowed } from '../../http/cors.js';
import { ApiError, forbidden, notFound } from '../../http/errors.js';
import type { AppEnv, Deps } from '../../http/env.js';
import { assertNoProblems, under } from '../../http/problems.js';
import { findOrg, viewerOf, type Viewer } from '../../http/viewer.js';
import type { CategoryRecord, FeatureRecord, OrgRecord, PhotoRef, ProjectRecord } from '../../store/types.js';

export interface ProjectContext {
  org: OrgRecord;
  viewer: Viewer;
  project: ProjectRecord;
}

/** Staff (who may manage or moderate) see archived projects; everyone else is told there is none. */
export async function projectContext(c: Context<AppEnv>, deps: Deps): Promise<ProjectContext> {
  const org = await findOrg(deps, c.req.param('org') ?? '');
  if (c.req.method !== 'GET' && c.req.method !== 'HEAD') assertOriginAllowed(c.req.header('origin'), org);
  const viewer = await viewerOf(c, deps, org);
  const project = await deps.store.maps.project(org.id, c.req.param('id') ?? '');
  if (!project || (project.status !== 'active' && !viewer.canManage && !viewer.canModerate)) {
    throw notFound(`${org.name} has no map project with this id.`);
  }
  return { org, viewer, project };
}

export function requireUser(viewer: Viewer): NonNullable<Viewer['user']> {
  if (!viewer.user) throw new ApiError(401, 'unauthenticated', 'Sign in to do this.', { headers: { 'WWW-Authenticate': 'Bearer' } });
  return viewer.user;
}

export function requireManager({ org, viewer }: { org: OrgRecord; viewer: Viewer }): void {
  requireUser(viewer);
  if (!viewer.canManage) throw forbidden(`Only officers, moderators and admins of ${org.name} can set up map projects, places and events.`);
}

export function requireModerator({ org, viewer }: { org: OrgRecord; viewer: Viewer }): void {
  requireUser(viewer);
  if (!viewer.canModerate) throw forbidden(`Only moderators, officers and admins of ${org.name} can moderate contributions.`);
}

/** Why this person may not add to the project, or null when they may. */
export async function contributeRefusal(deps: Deps, { org, viewer, project }: ProjectContext): Promise<string | null> {
  if (!viewer.user) return 'Sign in to add to this map.';
  if (project.status !== 'active') return 'This project is archived: it no longer takes contributions.';
  if (project.contribute === 'nobody') return 'This project is not taking contributions.';
  if (project.contribute === 'members' && !viewer.canManage && !viewer.canModerate) {
    if (!(await deps.store.maps.isProjectMember(org.id, project.id, viewer.user.email))) {
      return `Only the members of this project can add to it. Ask ${org.name} to add you.`;
    }
  }
  return null;
}

/**
 * Who sees a contribution: everyone when it is active; moderators always; its author while it is
 * pending or in review (so they can see what they sent). Deleted ones only moderators.
 */
export function canSee(feature: FeatureRecord, viewer: Viewer): boolean {
  if (feature.status === 'active' || viewer.canModerate) return true;
  return viewer.user !== null && feature.authorId === viewer.user.id && feature.status !== 'deleted';
}

/** A category of the project that takes contributions, or a problem keyed for `fields`. */
export function activeCategory(project: ProjectRecord, id: string): CategoryRecord | undefined {
  return project.categories.find((c) => c.id === id && !c.archived);
}

/** Checks a contribution's geometry, answers and photos together, so a resident hears every problem at once. */
export async function checkContribution(
  deps: Deps,
  org: OrgRecord,
  area: ProjectRecord['area'] | BBox,
  input: { geometry?: Geometry; category?: CategoryRecord | undefined; categoryId?: string; fields?: FieldValues; photos?: string[] },
): Promise<{ fields?: FieldValues; photos?: PhotoRef[] }> {
  const problems: Record<string, string> = {};
  if (input.categoryId !== undefined && !input.category) problems['properties.category'] = "Choose one of this project's categories.";
  if (input.geometry) {
    for (const { path, message } of validateGeometry(input.geometry, { area })) problems[`geometry.${path}`] ??= message;
  }
  let fields: FieldValues | undefined;
  if (input.fields && input.category) {
    const check = validateFields(input.category.fields, input.fields);
    Object.assign(problems, under('properties.fields', check.problems));
    fields = check.values;
  }
  let photos: PhotoRef[] | undefined;
  if (input.photos) {
    const found = await deps.store.maps.photosOf(org.id, input.photos);
    const known = new Set(found.map((p) => p.id));
    input.photos.forEach((id, i) => {
      if (!known.has(id)) problems[`properties.photos.${i}`] = 'This photo was not found. Upload it again.';
      else if (input.photos!.indexOf(id) !== i) problems[`properties.photos.${i}`] = 'This photo is already attached.';
    });
    photos = found.filter((p, i) => found.findIndex((q) => q.id === p.id) === i);
  }
  assertNoProblems(problems);
  return { ...(fields ? { fields } : {}), ...(photos ? { photos } : {}) };
}
