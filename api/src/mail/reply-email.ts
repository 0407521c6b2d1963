// The email someone gets when another person replies to their comment: who replied, where, what they
// wrote (an excerpt), a link to the comment when the discussion is on a web page, and how to stop these
// emails (a link that stops them in one click, also in the List-Unsubscribe header). Plain text and
// HTML (every value escaped), in the recipient's language.
import type { Locale } from '@civic-elements/protocol';
import type { MailMessage } from './types.js';

export interface ReplyNews {
  orgName: string;
  /** The reply's author, or the department / organisation for an official response. */
  replierName: string;
  /** What is discussed: a page's address, a report's reference and category, a contribution's title. */
  subjectTitle: string;
  /** Where the reply can be read (`…#comment-ID`), when the discussion is on a web page. */
  link: string | null;
  yourText: string;
  replyText: string;
  /** The address that stops these emails at once (one click, RFC 8058), for the footer and the List-Unsubscribe header. */
  unsubscribe: string;
}

interface Words {
  subject: (replier: string, where: string) => string;
  greeting: (name: string) => string;
  intro: (replier: string, where: string) => string;
  youWrote: string;
  theyWrote: (replier: string) => string;
  read: string;
  why: (org: string) => string;
  stop: string;
  thanks: (org: string) => string;
}

const EN: Words = {
  subject: (replier, where) => `${replier} replied to your comment on ${where}`,
  greeting: (name) => `Hello ${name},`,
  intro: (replier, where) => `${replier} replied to your comment in the discussion on ${where}.`,
  youWrote: 'You wrote:',
  theyWrote: (replier) => `${replier} replied:`,
  read: 'Read the discussion and reply:',
  why: (org) => `You get this email because you commented in a discussion of ${org}. To stop emails about replies, untick “Email me replies” under any of its discussions.`,
  stop: 'Or stop them here:',
  thanks: (org) => `Thank you, ${org}`,
};

const IT: Words = {
  subject: (replier, where) => `${replier} ha risposto al suo commento su ${where}`,
  greeting: (name) => `Gentile ${name},`,
  intro: (replier, where) => `${replier} ha risposto al suo commento nella discussione su ${where}.`,
  youWrote: 'Lei ha scritto:',
  theyWrote: (replier) => `${replier} ha risposto:`,
  read: 'Legga la discussione e risponda:',
  why: (org) => `Riceve questa email perché ha commentato in una discussione di ${org}. Per non ricevere più email sulle risposte, tolga la spunta a “Inviami le risposte per email” sotto una qualsiasi delle sue discussioni.`,
  stop: 'Oppure le fermi da qui:',
  thanks: (org) => `Grazie, ${org}`,
};

const AR: Words = {
  subject: (replier, where) => `ردّ ${replier} على تعليقك في ${where}`,
  greeting: (name) => `مرحبًا ${name}،`,
  intro: (replier, where) => `ردّ ${replier} على تعليقك في النقاش حول ${where}.`,
  youWrote: 'كتبتَ:',
  theyWrote: (replier) => `ردّ ${replier}:`,
  read: 'اقرأ النقاش وردّ:',
  why: (org) => `تصلك هذه الرسالة لأنك علّقت في نقاش لدى ${org}. لإيقاف رسائل الردود، ألغِ تحديد «راسلني بالردود» أسفل أي من نقاشاته.`,
  stop: 'أو أوقفها من هنا:',
  thanks: (org) => `مع الشكر، ${org}`,
};

const WORDS: Partial<Record<Locale, Words>> = { en: EN, it: IT, ar: AR };

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
const excerpt = (text: string, max = 500) => (text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text);

export function replyEmail(to: { email: string; name: string; locale: Locale }, news: ReplyNews): MailMessage {
  const words = WORDS[to.locale] ?? EN;
  const paragraphs: string[][] = [
    [words.greeting(to.name)],
    [words.intro(news.replierName, news.subjectTitle)],
    [words.youWrote, excerpt(news.yourText, 300)],
    [words.theyWrote(news.replierName), excerpt(news.replyText)],
    ...(news.link ? [[words.read, news.link]] : []),
    [words.why(news.orgName), words.stop, news.unsubscribe],
    [words.thanks(news.orgName)],
  ];
  const links = new Set([news.link, news.unsubscribe]);
  const text = paragraphs.map((lines) => lines.join('\n')).join('\n\n');
  const dir = to.locale === 'ar' ? 'rtl' : 'ltr';
  const html = `<!doctype html><html lang="${to.locale}" dir="${dir}"><body>\n${paragraphs
    .map((lines) => `<p>${lines.map((line) => (links.has(line) ? `<a href="${escapeHtml(line)}">${escapeHtml(line)}</a>` : escapeHtml(line))).join('<br>')}</p>`)
    .join('\n')}\n</body></html>`;
  return {
    to: to.email,
    subject: words.subject(news.replierName, news.subjectTitle),
    text,
    html,
    headers: { 'List-Unsubscribe': `<${news.unsubscribe}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
  };
}
