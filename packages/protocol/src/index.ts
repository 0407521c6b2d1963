// The wire format of the Civic Elements API: one source of truth for the API and the widgets.
export * from './common.js';
export * from './errors.js';
export * from './orgs.js';
export * from './auth.js';
export * from './geo.js';
export * from './map.js';
export * from './reports.js';
export * from './debate.js';
export * from './polls.js';
export * from './consultations.js';
