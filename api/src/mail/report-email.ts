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

/** English only for now; a locale without its own words falls back to English. */
const WORDS: Partial<Record<Locale, Words>> = { en: EN };
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
