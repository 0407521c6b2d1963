// The words of core (shared UI and API errors) in Italian: a chunk of its own, loaded only when a page uses the language.
import type { CoreMessageKey } from './messages.js';

export const it: Record<CoreMessageKey, string> = {
  'core.error-summary.title': 'Si è verificato un problema',
  'core.error.prefix': 'Errore:',
  'core.dialog.close': 'Chiudi',
  'error.network': 'Non è stato possibile collegarsi al servizio. Controlla la connessione a internet e riprova.',
  'error.rate_limited': 'Hai fatto troppi tentativi. Attendi {wait} e riprova.',
  'error.rate_limited.soon': 'Hai fatto troppi tentativi. Attendi qualche minuto e riprova.',
  'error.internal': 'Qualcosa non ha funzionato da parte nostra. Riprova tra qualche minuto.',
  'error.unknown': 'Qualcosa non ha funzionato. Riprova.',
  'error.validation_failed': 'Controlla i dati inseriti e riprova.',
  'error.org_not_found': 'Questo servizio non è ancora attivo per questo sito. Avvisa chi gestisce il sito.',
  'error.origin_not_allowed': 'Questo sito non è ancora autorizzato a usare il servizio. Avvisa chi gestisce il sito.',
  'error.unauthenticated': 'Prima devi accedere.',
  'error.token_expired': 'Sei stato disconnesso. Accedi di nuovo.',
  'error.forbidden': 'Non hai il permesso di farlo.',
};
