// @civic-elements/map: the <civic-map> class, its events and messages (importing defines nothing).
export { CivicMap } from './civic-map.js';
export { mapMessages } from './messages.js';
export {
  CivicFeatureSelectEvent, CivicViewChangeEvent, CivicContributionAddedEvent, CivicLocationPickedEvent, CivicGeometryChangeEvent,
  type MapFeature,
} from './events.js';
