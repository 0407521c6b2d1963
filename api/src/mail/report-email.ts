// The emails about a report: the confirmation to whoever reported it, and an update on each public
// change to the reporter and the followers. Plain text and HTML (every value escaped).
import type { Locale } from '@civic-elements/protocol';
import type { MailMessage } from './types.js';

export interface ReportSummary {
  reference: string;
  category: string;
  description: string;
  address: string | null;
  statusLabel: string;
  /** What the current step tells residents ("The team is working on it."). */
  statusDescription: string;
  expectedOn: string | null;
}

/** What changed, as the email tells it. */
export interface ReportNews {
  /** The step moved to, when the status changed. */
  status?: { label: string; description: string };
  publicNote?: string;
  /** The date the work is now expected, or null when it was cleared; absent when unchanged. */
  expectedOn?: string | null;
  /** The reference of the report this one was merged into. */
  mergedInto?: string;
}

export interface Recipient {
  email: string;
  name: string | null;
  locale: Locale;
  /** Why they get it: they reported it, or they follow it. */
  relation: 'reporter' | 'follower';
}

interface Words {
  greeting: (name: string | null) => string;
  createdSubject: (org: string, reference: string, category: string) => string;
  createdIntro: (org: string, category: string) => string;
  reference: (reference: string) => string;
  followSignedIn: (org: string) => string;
  followAnonymous: (org: string) => string;
  quote: (reference: string) => string;
  updateSubject: (reference: string, what: string) => string;
  updateIntro: (reference: string, category: string) => string;
  statusNow: (label: string) => string;
  note: string;
  expected: (date: string) => string;
  expectedCleared: string;
  merged: (into: string) => string;
  mergedFollow: (into: string) => string;
  mergedShort: (into: string) => string;
  what: string;
  where: string;
  whyReporter: string;
  whyFollower: string;
  newNote: string;
  newDate: string;
  thanks: (org: string) => string;
}

const EN: Words = {
  greeting: (name) => (name ? `Hello ${name},` : 'Hello,'),
  createdSubject: (org, reference, category) => `${org}: we have your report ${reference} (${category})`,
  createdIntro: (org, category) => `Thank you for reporting a problem to ${org}. We have your report of “${category}”.`,
  reference: (reference) => `Your reference is ${reference}.`,
  followSignedIn: (org) => `We will email you each time its status changes or we add a note. You can also see its progress under “My reports” wherever ${org} shows its reports on its website.`,
  followAnonymous: (org) => `We will email you at this address each time its status changes or we add a note. You can also look it up by its reference wherever ${org} shows its reports on its website.`,
  quote: (reference) => `Quote ${reference} if you contact us about it.`,
  updateSubject: (reference, what) => `Update on ${reference}: ${what}`,
  updateIntro: (reference, category) => `There is news about report ${reference} (${category}).`,
  statusNow: (label) => `Status: ${label}`,
  note: 'A note from the team:',
  expected: (date) => `We expect to deal with it by ${date}.`,
  expectedCleared: 'We no longer have a date for when it will be dealt with.',
  merged: (into) => `This problem had already been reported as ${into}, so we have joined the two reports.`,
  mergedFollow: (into) => `Updates now come from ${into}: you follow it instead.`,
  mergedShort: (into) => `joined with ${into}`,
  what: 'What was reported:',
  where: 'Where:',
  whyReporter: 'You get this email because you made this report.',
  whyFollower: 'You get this email because you follow this report. To stop, unfollow it where you followed it.',
  newNote: 'new note',
  newDate: 'new expected date',
  thanks: (org) => `Thank you, ${org}`,
};

const IT: Words = {
  greeting: (name) => (name ? `Gentile ${name},` : 'Buongiorno,'),
  createdSubject: (org, reference, category) => `${org}: abbiamo ricevuto la sua segnalazione ${reference} (${category})`,
  createdIntro: (org, category) => `Grazie per aver segnalato un problema a ${org}. Abbiamo ricevuto la sua segnalazione di “${category}”.`,
  reference: (reference) => `Il codice della segnalazione è ${reference}.`,
  followSignedIn: (org) => `Le scriveremo ogni volta che il suo stato cambia o aggiungiamo una nota. Può seguirne l'andamento anche in “Le mie segnalazioni”, dove ${org} mostra le segnalazioni sul suo sito.`,
  followAnonymous: (org) => `Le scriveremo a questo indirizzo ogni volta che il suo stato cambia o aggiungiamo una nota. Può anche cercarla con il suo codice dove ${org} mostra le segnalazioni sul suo sito.`,
  quote: (reference) => `Indichi il codice ${reference} se ci contatta a questo proposito.`,
  updateSubject: (reference, what) => `Aggiornamento su ${reference}: ${what}`,
  updateIntro: (reference, category) => `Ci sono novità sulla segnalazione ${reference} (${category}).`,
  statusNow: (label) => `Stato: ${label}`,
  note: 'Una nota del nostro personale:',
  expected: (date) => `Prevediamo di risolverlo entro il ${date}.`,
  expectedCleared: 'Non abbiamo più una data prevista per la soluzione.',
  merged: (into) => `Questo problema era già stato segnalato come ${into}: abbiamo unito le due segnalazioni.`,
  mergedFollow: (into) => `D'ora in poi gli aggiornamenti arrivano da ${into}, che ora segue al suo posto.`,
  mergedShort: (into) => `unita a ${into}`,
  what: 'Che cosa è stato segnalato:',
  where: 'Dove:',
  whyReporter: 'Riceve questa email perché ha fatto questa segnalazione.',
  whyFollower: 'Riceve questa email perché segue questa segnalazione. Per non riceverne più, smetta di seguirla dove ha iniziato a seguirla.',
  newNote: 'nuova nota',
  newDate: 'nuova data prevista',
  thanks: (org) => `Grazie, ${org}`,
};

const AR: Words = {
  greeting: (name) => (name ? `مرحبًا ${name}،` : 'مرحبًا،'),
  createdSubject: (org, reference, category) => `${org}: استلمنا بلاغك ${reference} (${category})`,
  createdIntro: (org, category) => `شكرًا لإبلاغك ${org} عن مشكلة. استلمنا بلاغك عن «${category}».`,
  reference: (reference) => `الرقم المرجعي لبلاغك هو ${reference}.`,
  followSignedIn: (org) => `سنراسلك كلما تغيّرت حالته أو أضفنا ملاحظة. ويمكنك أيضًا متابعة تقدّمه في «بلاغاتي» حيثما يعرض ${org} البلاغات على موقعه.`,
  followAnonymous: (org) => `سنراسلك على هذا العنوان كلما تغيّرت حالته أو أضفنا ملاحظة. ويمكنك أيضًا البحث عنه برقمه المرجعي حيثما يعرض ${org} البلاغات على موقعه.`,
  quote: (reference) => `اذكر الرقم ${reference} إذا تواصلت معنا بشأنه.`,
  updateSubject: (reference, what) => `تحديث بشأن ${reference}: ${what}`,
  updateIntro: (reference, category) => `هناك جديد بشأن البلاغ ${reference} (${category}).`,
  statusNow: (label) => `الحالة: ${label}`,
  note: 'ملاحظة من الفريق:',
  expected: (date) => `نتوقع معالجته بحلول ${date}.`,
  expectedCleared: 'لم يعد لدينا موعد محدد لمعالجته.',
  merged: (into) => `سبق الإبلاغ عن هذه المشكلة برقم ${into}، لذا دمجنا البلاغين.`,
  mergedFollow: (into) => `ستصلك التحديثات الآن من ${into}، فأنت تتابعه بدلًا من هذا البلاغ.`,
  mergedShort: (into) => `دُمج مع ${into}`,
  what: 'ما تم الإبلاغ عنه:',
  where: 'المكان:',
  whyReporter: 'تصلك هذه الرسالة لأنك قدّمت هذا البلاغ.',
  whyFollower: 'تصلك هذه الرسالة لأنك تتابع هذا البلاغ. لإيقافها، ألغِ متابعته من حيث تابعته.',
  newNote: 'ملاحظة جديدة',
  newDate: 'موعد متوقع جديد',
  thanks: (org) => `مع الشكر، ${org}`,
};

/** A locale without its own words falls back to English. Status labels, categories and notes are the organisation's own words. */
const WORDS: Partial<Record<Locale, Words>> = { en: EN, it: IT, ar: AR };
const wordsFor = (locale: Locale): Words => WORDS[locale] ?? EN;

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

/** "31 May 2026" in the person's language; the date itself when Intl cannot. */
function longDate(date: string, locale: Locale): string {
  try {
    return new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));
  } catch {
    return date;
  }
}

const excerpt = (text: string, max = 300) => (text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text);

/** Paragraphs of lines, as plain text and as escaped HTML. */
function render(to: string, subject: string, locale: Locale, paragraphs: string[][]): MailMessage {
  const text = paragraphs.map((lines) => lines.join('\n')).join('\n\n');
  const dir = locale === 'ar' ? 'rtl' : 'ltr';
  const body = paragraphs.map((lines) => `<p>${lines.map(escapeHtml).join('<br>')}</p>`).join('\n');
  const html = `<!doctype html><html lang="${locale}" dir="${dir}"><body>\n${body}\n</body></html>`;
  return { to, subject, text, html };
}

function about(report: ReportSummary, words: Words): string[][] {
  return [[words.what, excerpt(report.description)], ...(report.address ? [[words.where, report.address]] : [])];
}

/** The confirmation to whoever made the report, with its reference and how to follow its progress. */
export function reportCreatedEmail(orgName: string, report: ReportSummary, to: Recipient, signedIn: boolean): MailMessage {
  const words = wordsFor(to.locale);
  return render(to.email, words.createdSubject(orgName, report.reference, report.category), to.locale, [
    [words.greeting(to.name)],
    [words.createdIntro(orgName, report.category), words.reference(report.reference)],
    ...about(report, words),
    [words.statusNow(report.statusLabel), ...(report.statusDescription ? [report.statusDescription] : [])],
    [signedIn ? words.followSignedIn(orgName) : words.followAnonymous(orgName), words.quote(report.reference)],
    [words.thanks(orgName)],
  ]);
}

/** An update on a public change, to the reporter or a follower. */
export function reportUpdatedEmail(orgName: string, report: ReportSummary, news: ReportNews, to: Recipient): MailMessage {
  const words = wordsFor(to.locale);
  const what = news.mergedInto ? words.mergedShort(news.mergedInto) : news.status?.label ?? (news.expectedOn !== undefined ? words.newDate : words.newNote);
  const paragraphs: string[][] = [[words.greeting(to.name)], [words.updateIntro(report.reference, report.category)]];
  if (news.mergedInto) paragraphs.push([words.merged(news.mergedInto), words.mergedFollow(news.mergedInto)]);
  if (news.status) paragraphs.push([words.statusNow(news.status.label), ...(news.status.description ? [news.status.description] : [])]);
  if (news.publicNote) paragraphs.push([words.note, news.publicNote]);
  if (news.expectedOn !== undefined) paragraphs.push([news.expectedOn === null ? words.expectedCleared : words.expected(longDate(news.expectedOn, to.locale))]);
  paragraphs.push(...about(report, words));
  paragraphs.push([words.quote(report.reference), to.relation === 'reporter' ? words.whyReporter : words.whyFollower]);
  paragraphs.push([words.thanks(orgName)]);
  return render(to.email, words.updateSubject(report.reference, what), to.locale, paragraphs);
}
