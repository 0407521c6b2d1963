// Core's own words in English: shared UI and the resident-friendly message for every API error code.
export const en = {
  'core.error-summary.title': 'There is a problem',
  'core.error.prefix': 'Error:',
  'core.dialog.close': 'Close',
  'error.network': 'We could not connect to the service. Check your internet connection and try again.',
  'error.rate_limited': 'You have tried too many times. Wait {wait} and try again.',
  'error.rate_limited.soon': 'You have tried too many times. Wait a few minutes and try again.',
  'error.internal': 'Something went wrong on our side. Try again in a few minutes.',
  'error.unknown': 'Something went wrong. Try again.',
  'error.validation_failed': 'Check what you have entered and try again.',
  'error.org_not_found': 'This service is not set up for this website yet. Please tell the website owner.',
  'error.origin_not_allowed': 'This website is not allowed to use this service yet. Please tell the website owner.',
  'error.unauthenticated': 'You need to sign in first.',
  'error.token_expired': 'You have been signed out. Sign in again.',
  'error.forbidden': 'You do not have permission to do that.',
};
export type CoreMessageKey = keyof typeof en;

/**
 * English is in every bundle (it is the fallback); Italian and Arabic load on first use, so a page
 * in one language does not download the others. Registered by CivicElement (no module side effects).
 */
export const coreMessages = {
  en,
  it: () => import('./messages.it.js').then((module) => module.it),
  ar: () => import('./messages.ar.js').then((module) => module.ar),
};
