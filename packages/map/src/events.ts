// Typed events <civic-map> dispatches (bubbling, composed, for a person's actions only).
import type { BBox, ContributionFeature, EventFeature, Geometry, PlaceFeature, Point, ReportFeature } from '@civic-elements/protocol';
import type { GeoProblem } from '@civic-elements/protocol/geometry-checks';

/** Anything the map can show in its detail panel (a report's `id` is the report's id). */
export type MapFeature = ContributionFeature | PlaceFeature | EventFeature | ReportFeature;

/** A person chose a feature, on the map or in the list; its details are open. */
export class CivicFeatureSelectEvent extends Event {
  constructor(readonly feature: MapFeature) {
    super('civic-feature-select', { bubbles: true, composed: true });
  }
}

/** A person moved or zoomed the map (not sent when the page or the element moves it). */
export class CivicViewChangeEvent extends Event {
  constructor(
    readonly bbox: BBox,
    readonly zoom: number,
  ) {
    super('civic-view-change', { bubbles: true, composed: true });
  }
}

/** A person added a contribution through the map's "Add to this map" form; the map has reloaded. */
export class CivicContributionAddedEvent extends Event {
  constructor(readonly feature: ContributionFeature) {
    super('civic-contribution-added', { bubbles: true, composed: true });
  }
}

/** `mode="pick"`: a person chose a place (by click, keyboard, address search or their location). */
export class CivicLocationPickedEvent extends Event {
  constructor(readonly point: Point) {
    super('civic-location-picked', { bubbles: true, composed: true });
  }
}

/** `mode="draw"`: a person changed the drawing; `problems` says what is wrong with it (empty when fine). */
export class CivicGeometryChangeEvent extends Event {
  constructor(
    readonly geometry: Geometry | null,
    readonly problems: GeoProblem[],
  ) {
    super('civic-geometry-change', { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'civic-feature-select': CivicFeatureSelectEvent;
    'civic-view-change': CivicViewChangeEvent;
    'civic-contribution-added': CivicContributionAddedEvent;
    'civic-location-picked': CivicLocationPickedEvent;
    'civic-geometry-change': CivicGeometryChangeEvent;
  }
}
