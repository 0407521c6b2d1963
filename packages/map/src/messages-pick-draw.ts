// The words of <civic-map>'s location field (pick) and drawing (draw) in English; Italian and Arabic
// are in messages-pick-draw.it.ts and .ar.ts. Plurals by Intl.PluralRules (`_one`, `_other`…).

export const en = {
  // Problems with a geometry, by the code validateGeometry gives them (geometry-checks.ts).
  'map-geo.out_of_range': 'This place is not on the map. Choose a place on the map.',
  'map-geo.out_of_range.at': 'Point {n} is not on the map.',
  'map-geo.too_many_positions': 'This shape has too many points. Use at most {max}.',
  'map-geo.too_many_rings': 'This shape has too many holes in it.',
  'map-geo.too_few.line': 'A line needs at least 2 different points.',
  'map-geo.too_few.polygon': 'An area needs at least 3 different corners.',
  'map-geo.no_outer_ring': 'An area needs an outline.',
  'map-geo.ring_not_closed': "An area's outline must end where it starts.",
  'map-geo.no_area': 'All the corners are on one line, so the shape has no area. Move a corner off the line.',
  'map-geo.self_intersection': 'The outline must not cross or touch itself: the edge from point {a} to point {b} meets the edge from point {c} to point {d}. Move or remove a point.',
  'map-geo.hole_outside': 'A hole in the area must be inside its outline.',
  'map-geo.holes_overlap': 'The holes in the area must not overlap or touch each other.',
  'map-geo.outside_area': 'This place is outside the area this map covers. Choose a place inside the area.',
  'map-geo.outside_area.at': 'Point {n} is outside the area this map covers. Move or remove it.',
  'map-geo.leaves_area': 'The edge from point {a} to point {b} goes outside the area this map covers.',
  'map-geo.covers_area_hole': 'The shape covers a part that is outside the area this map covers.',

  // The crosshair, shared by both modes.
  'map-keys.coordinates': 'latitude {lat}, longitude {lon}',

  // mode="pick": choose one place.
  'map-pick.hint': 'Click the map to choose the place. With a keyboard, select the map, move the cross with the arrow keys (hold Shift for bigger steps), then press Enter.',
  'map-pick.none': 'No place chosen yet.',
  'map-pick.chosen': 'Chosen place: {place}.',
  'map-pick.chosen.named': 'Chosen place: {label} ({place}).',
  'map-pick.clear': 'Remove the chosen place',
  'map-pick.set': 'Place chosen: {place}.',
  'map-pick.cleared': 'The chosen place has been removed.',
  'map-pick.search.label': 'Search for an address or place',
  'map-pick.search.hint': 'For example a street, a postcode or a park.',
  'map-pick.search.button': 'Search',
  'map-pick.search.searching': 'Searching',
  'map-pick.search.results_one': '1 address or place found.',
  'map-pick.search.results_other': '{count} addresses or places found.',
  'map-pick.search.none': 'Nothing matches “{q}”. Check the spelling or try other words.',
  'map-pick.search.too-short': 'Type at least 2 characters to search.',
  'map-pick.search.results-label': 'Addresses and places found',
  'map-pick.search.outside': 'Outside the area',
  'map-pick.search.outside-refused': '{label} is outside the area this map covers. Choose a place inside the area.',
  'map-pick.locate.button': 'Use my location',
  'map-pick.locate.busy': 'Finding your location',
  'map-pick.locate.found': 'Place chosen: your location ({place}).',
  'map-pick.locate.denied': 'Your browser did not let us use your location. You can allow it in your browser settings, or search for an address or click the map instead.',
  'map-pick.locate.unavailable': 'We could not find your location. Search for an address or click the map instead.',
  'map-pick.locate.timeout': 'Finding your location took too long. Try again, or search for an address or click the map instead.',
  'map-pick.locate.unsupported': 'Your browser cannot share your location. Search for an address or click the map instead.',
  'map-pick.locate.outside': 'You seem to be outside the area this map covers. Search for an address or click the map instead.',
  'map-pick.required': 'Choose a place on the map.',

  // mode="draw": draw a point, a line or an area.
  'map-draw.hint.point': 'Click the map to put the point. With a keyboard, select the map, move the cross with the arrow keys (hold Shift for bigger steps), then press Enter.',
  'map-draw.hint.line': 'Click the map to add each point of the line, then select Finish. With a keyboard, select the map, move the cross with the arrow keys (hold Shift for bigger steps), press Enter to add a point and Backspace to remove the last one.',
  'map-draw.hint.polygon': 'Click the map to add each corner of the area, then select Finish. With a keyboard, select the map, move the cross with the arrow keys (hold Shift for bigger steps), press Enter to add a corner and Backspace to remove the last one.',
  'map-draw.points.label': 'Points you have added',
  'map-draw.points.none': 'No points yet.',
  'map-draw.point': 'Point {n}: {place}',
  'map-draw.remove': 'Remove',
  'map-draw.remove.label': 'Remove point {n}',
  'map-draw.finish': 'Finish',
  'map-draw.continue': 'Add more points',
  'map-draw.undo': 'Undo',
  'map-draw.clear': 'Clear',
  'map-draw.count_one': '1 point',
  'map-draw.count_other': '{count} points',
  'map-draw.added': 'Point {n} added.',
  'map-draw.removed': 'Point {n} removed.',
  'map-draw.cleared': 'All points removed.',
  'map-draw.undone': 'Undone. The shape has {points}.',
  'map-draw.finished': 'Shape finished with {points}.',
  'map-draw.reopened': 'You can add more points.',
  'map-draw.is-finished': 'The shape is finished. Select “Add more points” to change it.',
  'map-draw.required.point': 'Put the point on the map.',
  'map-draw.required.line': 'Draw the line on the map.',
  'map-draw.required.polygon': 'Draw the area on the map.',
};
export type PickDrawMessageKey = keyof typeof en;

/**
 * English is in every bundle (the fallback); Italian and Arabic load on first use. A host lists it in
 * its `static messages` (CivicElement registers it): `static messages = [...CivicElement.messages, mapMessages, pickDrawMessages]`.
 */
export const pickDrawMessages = {
  en,
  it: () => import('./messages-pick-draw.it.js').then((module) => module.it),
  ar: () => import('./messages-pick-draw.ar.js').then((module) => module.ar),
};
