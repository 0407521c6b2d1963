// The sign-in code email, in English, Italian and Arabic.
import type { Locale } from '@civic-elements/protocol';
import type { MailMessage } from './types.js';

interface Words {
  subject: (org: string, code: string) => string;
  greeting: (name: string) => string;
  intro: (org: string) => string;
  expiry: (minutes: number) => string;
  ignore: string;
}

const WORDS: Record<Locale, Words> = {
  en: {
    subject: (org, code) => `Your sign-in code for ${org}: ${code}`,
    greeting: (name) => `Hello ${name},`,
    intro: (org) => `Here is your code to sign in to ${org}:`,
    expiry: (minutes) => `The code expires in ${minutes} minutes.`,
    ignore: 'If you did not ask for this code, you can ignore this email.',
  },
  it: {
    subject: (org, code) => `Il tuo codice di accesso per ${org}: ${code}`,
    greeting: (name) => `Ciao ${name},`,
    intro: (org) => `Ecco il tuo codice per accedere a ${org}:`,
    expiry: (minutes) => `Il codice scade tra ${minutes} minuti.`,
    ignore: 'Se non hai richiesto questo codice, puoi ignorare questa email.',
  },
  ar: {
    subject: (org, code) => `رمز تسجيل الدخول إلى ${org}: ${code}`,
    greeting: (name) => `مرحبًا ${name}،`,
    intro: (org) => `هذا هو رمزك لتسجيل الدخول إلى ${org}:`,
    expiry: (minutes) => `تنتهي صلاحية الرمز خلال ${minutes} دقائق.`,
    ignore: 'إذا لم تطلب هذا الرمز، يمكنك تجاهل هذه الرسالة.',
  },
};

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

export function codeEmail(input: { to: string; name: string; orgName: string; code: string; locale: Locale; ttlSeconds: number }): MailMessage {
  const words = WORDS[input.locale];
  const minutes = Math.round(input.ttlSeconds / 60);
  const lines = [words.greeting(input.name), '', words.intro(input.orgName), '', input.code, '', words.expiry(minutes), '', words.ignore];
  const dir = input.locale === 'ar' ? 'rtl' : 'ltr';
  const html = `<!doctype html><html lang="${input.locale}" dir="${dir}"><body>
<p>${escapeHtml(words.greeting(input.name))}</p>
<p>${escapeHtml(words.intro(input.orgName))}</p>
<p style="font-size:2em;letter-spacing:0.2em;font-family:monospace" dir="ltr"><strong>${input.code}</strong></p>
<p>${escapeHtml(words.expiry(minutes))}</p>
<p>${escapeHtml(words.ignore)}</p>
</body></html>`;
  return { to: input.to, subject: words.subject(input.orgName, input.code), text: lines.join('\n'), html };
}
