// The words of <civic-map>'s browsing (map, list, filters, details) in English; Italian and Arabic
// are in messages.it.ts and messages.ar.ts. Plurals by Intl.PluralRules (`_one`, `_other`…).

export const en = {
  'map.label': 'Map',
  'map.zoom-in': 'Zoom in',
  'map.zoom-out': 'Zoom out',
  'map.attribution': 'Map data sources',
  'map.osm': '© OpenStreetMap contributors',
  'map.skip': 'Skip the map and go to the list',
  'map.keys': 'Use the arrow keys to move the map, and the + and - keys to zoom in and out.',
  'map.loading': 'Loading…',
  'map.in-view_one': '{count} item in view',
  'map.in-view_other': '{count} items in view',
  'map.error.map': 'The map could not be shown on this device.',
  'map.retry': 'Try again',
  'map.list.heading': 'In this area',
  'map.list.empty': 'Nothing here. Move the map or change the filters.',
  'map.cluster_one': '{count} {layer} item {where}, show',
  'map.cluster_other': '{count} {layer} items {where}, show',
  'map.where.c': 'near the middle of the map',
  'map.where.n': 'near the top of the map',
  'map.where.ne': 'near the top right of the map',
  'map.where.e': 'near the right of the map',
  'map.where.se': 'near the bottom right of the map',
  'map.where.s': 'near the bottom of the map',
  'map.where.sw': 'near the bottom left of the map',
  'map.where.w': 'near the left of the map',
  'map.where.nw': 'near the top left of the map',
  'map.opened': 'Zoomed in.',
  'map.layer.places': 'Places',
  'map.layer.events': 'Events',
  'map.filters': 'Filters',
  'map.filters.layers': 'Show',
  'map.filters.categories': 'Categories in {layer}',
  'map.filters.when': 'When',
  'map.when.upcoming': 'Upcoming',
  'map.when.week': 'In the next 7 days',
  'map.when.dates': 'Between two dates',
  'map.when.from': 'From',
  'map.when.to': 'To',
  'map.details.close': 'Close',
  'map.details.back': 'Back to the list',
  'map.details.by': 'Added by {name}',
  'map.details.added': 'Added on {date}',
  'map.details.organiser': 'Organised by {name}',
  'map.details.website': 'Website',
  'map.details.calendar': 'Add to calendar',
  'map.details.photo': 'Photo {n} of {count}',
  'map.details.pending': 'Waiting for review: only you and moderators can see this.',
  'map.yes': 'Yes',
  'map.no': 'No',
  'map.add': 'Add to this map',
  'map.add.heading': 'Where is it?',
  'map.add.cancel': 'Cancel',
};
export type MapMessageKey = keyof typeof en;

/**
 * English is in every bundle (it is the fallback); Italian and Arabic load on first use, so a page
 * in one language does not download the others. Registered by CivicElement (no module side effects).
 */
export const mapMessages = {
  en,
  it: () => import('./messages.it.js').then((module) => module.it),
  ar: () => import('./messages.ar.js').then((module) => module.ar),
};
