// Map store records as the protocol's wire shapes: projects, contributions, places, events, clusters.
import type {
  Category,
  ClusterFeature,
  ContributionFeature,
  EventFeature,
  Geometry,
  LayerFeatureCollection,
  MapProject,
  Photo,
  PlaceFeature,
  Position,
} from '@civic-elements/protocol';
import { contributionTitle } from './domain/fields.js';
import type { CategoryRecord, FeatureRecord, OrgRecord, PhotoRef, ProjectRecord, ViewportCluster } from './store/types.js';

/** Degrees to 6 decimals (about 10 cm, as clusters already are): a point's JSON is some 20 bytes shorter. */
const micro = (degrees: number) => Math.round(degrees * 1e6) / 1e6;
/** A position with longitude and latitude rounded; an altitude (metres) is kept as it is. */
const positionOut = (position: Position): Position =>
  position[2] === undefined ? [micro(position[0]), micro(position[1])] : [micro(position[0]), micro(position[1]), position[2]];

/** A geometry as the API gives it: every position to 6 decimals. What is stored keeps its full precision. */
export function geometryOut(geometry: Geometry): Geometry {
  switch (geometry.type) {
    case 'Point':
      return { type: 'Point', coordinates: positionOut(geometry.coordinates) };
    case 'LineString':
      return { type: 'LineString', coordinates: geometry.coordinates.map(positionOut) };
    case 'Polygon':
      return { type: 'Polygon', coordinates: geometry.coordinates.map((ring) => ring.map(positionOut)) };
  }
}

export const categoryOut = (c: CategoryRecord): Category => ({ id: c.id, name: c.name, colour: c.colour, symbol: c.symbol, fields: c.fields });

export function projectOut(
  project: ProjectRecord,
  org: OrgRecord,
  contributionCount: number,
  you?: MapProject['you'],
): MapProject {
  return {
    id: project.id,
    org: org.slug,
    title: project.title,
    description: project.description,
    area: project.area,
    bbox: project.bbox,
    contribute: project.contribute,
    moderation: project.moderation,
    categories: project.categories.filter((c) => !c.archived).map(categoryOut),
    status: project.status,
    contributionCount,
    createdAt: project.createdAt,
    updatedAt: project.updatedAt,
    ...(you ? { you } : {}),
  };
}

/** Where a stored photo's variants are served (GET /v1/media/:id/:variant.jpg). */
export const photoOut = (photo: PhotoRef, base: string): Photo => ({
  id: photo.id,
  width: photo.width,
  height: photo.height,
  thumb: `${base}/v1/media/${encodeURIComponent(photo.id)}/thumb.jpg`,
  large: `${base}/v1/media/${encodeURIComponent(photo.id)}/large.jpg`,
});

export interface ContributionView {
  base: string;
  /** The signed-in person's id, to mark their own contributions. */
  viewerId: string | null;
  /** Moderators also see the number of open flags. */
  moderator: boolean;
}

export function contributionOut(feature: FeatureRecord, project: ProjectRecord, view: ContributionView): ContributionFeature {
  const category = project.categories.find((c) => c.id === feature.categoryId);
  return {
    type: 'Feature',
    id: feature.id,
    geometry: geometryOut(feature.geometry),
    properties: {
      layer: 'contributions',
      project: project.id,
      category: feature.categoryId ?? '',
      status: feature.status,
      title: category ? contributionTitle(category.fields, feature.fields, category.name) : feature.title,
      fields: feature.fields,
      photos: feature.photos.map((photo) => photoOut(photo, view.base)),
      author: feature.authorName === null ? null : { name: feature.authorName },
      ...(view.viewerId !== null ? { mine: feature.authorId === view.viewerId } : {}),
      ...(view.moderator ? { flags: feature.openFlags } : {}),
      createdAt: feature.createdAt,
      updatedAt: feature.updatedAt,
    },
  };
}

const placeProperties = (feature: FeatureRecord) => ({
  title: feature.title,
  description: feature.description,
  organiser: feature.organiser,
  url: feature.url,
  project: feature.projectId,
  createdAt: feature.createdAt,
  updatedAt: feature.updatedAt,
});

export const placeOut = (feature: FeatureRecord): PlaceFeature => ({
  type: 'Feature',
  id: feature.id,
  geometry: geometryOut(feature.geometry),
  properties: { layer: 'places', ...placeProperties(feature) },
});

export const eventIcalUrl = (base: string, org: OrgRecord, id: string) =>
  `${base}/v1/orgs/${org.slug}/events/${encodeURIComponent(id)}/event.ics`;

export const eventOut = (feature: FeatureRecord, org: OrgRecord, base: string): EventFeature => ({
  type: 'Feature',
  id: feature.id,
  geometry: geometryOut(feature.geometry),
  properties: {
    layer: 'events',
    ...placeProperties(feature),
    start: feature.start ?? feature.createdAt,
    end: feature.end ?? feature.createdAt,
    ical: eventIcalUrl(base, org, feature.id),
  },
});

export const clusterOut = (cluster: ViewportCluster, layer: string): ClusterFeature => ({
  type: 'Feature',
  id: `${layer}:cluster:${cluster.key}`,
  geometry: { type: 'Point', coordinates: [cluster.lon, cluster.lat] },
  properties: { cluster: true, layer, count: cluster.count, expansionZoom: cluster.expansionZoom, bbox: cluster.bbox },
});

export const featureCollection = (
  features: LayerFeatureCollection['features'],
  total: number,
  clustered: boolean,
): LayerFeatureCollection => ({ type: 'FeatureCollection', features, clustered, total });

/** The ids of layers in `GET /v1/orgs/:org/layers`, which the `layers` attribute of `<civic-map>` lists. */
export const layerIds = {
  places: 'places',
  events: 'events',
  project: (id: string) => `project:${id}`,
} as const;
