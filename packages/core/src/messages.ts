// Core's own words: shared UI and the resident-friendly message for every API error code.
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

export const ar: Record<CoreMessageKey, string> = {
  'core.error-summary.title': 'هناك مشكلة',
  'core.error.prefix': 'خطأ:',
  'core.dialog.close': 'إغلاق',
  'error.network': 'تعذّر الاتصال بالخدمة. تحقّق من اتصالك بالإنترنت وحاول مرة أخرى.',
  'error.rate_limited': 'لقد حاولت مرات كثيرة. انتظر {wait} ثم حاول مرة أخرى.',
  'error.rate_limited.soon': 'لقد حاولت مرات كثيرة. انتظر بضع دقائق ثم حاول مرة أخرى.',
  'error.internal': 'حدث خطأ من جهتنا. حاول مرة أخرى بعد بضع دقائق.',
  'error.unknown': 'حدث خطأ ما. حاول مرة أخرى.',
  'error.validation_failed': 'تحقّق مما أدخلته وحاول مرة أخرى.',
  'error.org_not_found': 'هذه الخدمة غير مفعّلة لهذا الموقع بعد. يرجى إبلاغ مسؤول الموقع.',
  'error.origin_not_allowed': 'هذا الموقع غير مسموح له باستخدام هذه الخدمة بعد. يرجى إبلاغ مسؤول الموقع.',
  'error.unauthenticated': 'عليك تسجيل الدخول أولًا.',
  'error.token_expired': 'تم تسجيل خروجك. سجّل الدخول مرة أخرى.',
  'error.forbidden': 'ليس لديك إذن للقيام بذلك.',
};

/** Registered by CivicElement before its first render (no module side effects). */
export const coreMessages = { en, it, ar };
