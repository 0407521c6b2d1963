// The words of core (shared UI and API errors) in Arabic: a chunk of its own, loaded only when a page uses the language.
import type { CoreMessageKey } from './messages.js';

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
