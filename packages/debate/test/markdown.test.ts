// The Markdown subset of comments: what it parses, what it refuses (hostile input), and that it stays
// linear in the size of the input. Rendered into a real DOM to check the elements that come out.
import { expect } from '@open-wc/testing';
import { render } from 'lit';
import { LINK_REL, parseInline, parseMarkdown, renderMarkdown, safeHref } from '../src/markdown.js';

const ALLOWED = new Set(['P', 'EM', 'STRONG', 'UL', 'OL', 'LI', 'BLOCKQUOTE', 'A', 'BR']);

/** Renders a body into a fresh div; returns the div. */
function dom(source: string): HTMLDivElement {
  const div = document.createElement('div');
  render(renderMarkdown(source), div);
  return div;
}
/** The rendered HTML without Lit's comment markers. */
const htmlOf = (source: string): string => dom(source).innerHTML.replace(/<!--[^>]*-->/g, '');
const elements = (div: Element): string[] => [...div.querySelectorAll('*')].map((node) => node.tagName);

describe('markdown subset', () => {
  it('makes paragraphs at blank lines and keeps single line breaks as text', () => {
    expect(htmlOf('One\ntwo\n\nThree')).to.equal('<p>One\ntwo</p><p>Three</p>');
    expect(htmlOf('\n\n  \nOnly\n\n\n')).to.equal('<p>Only</p>');
  });

  it('renders *emphasis* and **strong**, nested, and leaves unmatched markers as text', () => {
    expect(htmlOf('a *b* c')).to.equal('<p>a <em>b</em> c</p>');
    expect(htmlOf('**bold** and *it*')).to.equal('<p><strong>bold</strong> and <em>it</em></p>');
    expect(htmlOf('**a *b* c**')).to.equal('<p><strong>a <em>b</em> c</strong></p>');
    expect(htmlOf('2 * 3 * 4')).to.equal('<p>2 * 3 * 4</p>');
    expect(htmlOf('*unclosed')).to.equal('<p>*unclosed</p>');
    expect(htmlOf('**unclosed *both')).to.equal('<p>**unclosed *both</p>');
    expect(htmlOf('***three***')).to.equal('<p>***three***</p>');
    expect(htmlOf('\\*not emphasis\\*')).to.equal('<p>*not emphasis*</p>');
  });

  it('renders - and 1. lists, and > quotes (nested up to three levels)', () => {
    expect(htmlOf('- one\n- two')).to.equal('<ul><li>one</li><li>two</li></ul>');
    expect(htmlOf('1. one\n2. two')).to.equal('<ol><li>one</li><li>two</li></ol>');
    expect(htmlOf('3. three\n4. four')).to.equal('<ol start="3"><li>three</li><li>four</li></ol>');
    expect(htmlOf('> quoted\n> more\n\nafter')).to.equal('<blockquote><p>quoted\nmore</p></blockquote><p>after</p>');
    expect(htmlOf('> > inner')).to.equal('<blockquote><blockquote><p>inner</p></blockquote></blockquote>');
    expect(elements(dom('> > > > > deep')).filter((tag) => tag === 'BLOCKQUOTE')).to.have.length(3);
    expect(dom('> > > > > deep').textContent).to.equal('> > deep');
    expect(htmlOf('Text\n- item')).to.equal('<p>Text</p><ul><li>item</li></ul>');
    expect(htmlOf('In 2024. it rained')).to.equal('<p>In 2024. it rained</p>');
  });

  it('makes links of [text](https://…), mailto: and bare https:// addresses, with rel="nofollow ugc noopener"', () => {
    const div = dom('See [the plan](https://example.org/plan?a=1&b=2) or https://example.org/x. Mail [us](mailto:a@example.org)');
    const links = [...div.querySelectorAll('a')];
    expect(links.map((a) => [a.getAttribute('href'), a.textContent, a.getAttribute('rel')])).to.deep.equal([
      ['https://example.org/plan?a=1&b=2', 'the plan', LINK_REL],
      ['https://example.org/x', 'https://example.org/x', LINK_REL],
      ['mailto:a@example.org', 'us', LINK_REL],
    ]);
    expect(div.textContent).to.equal('See the plan or https://example.org/x. Mail us');
    expect(LINK_REL).to.equal('nofollow ugc noopener');
    expect(htmlOf('(see https://example.org/a_(b))')).to.contain('href="https://example.org/a_(b)"');
  });

  it('refuses every address that is not http(s) or mailto, and shows such links as the text typed', () => {
    for (const href of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'java\tscript:alert(1)', ' javascript:alert(1)', 'data:text/html,<script>alert(1)</script>',
      'vbscript:msgbox(1)', '//evil.example', '/relative', 'file:///etc/passwd', 'https://', 'http://exa mple.org', 'https://a.example/"onmouseover="x', '&#106;avascript:alert(1)']) {
      expect(safeHref(href), href).to.equal(null);
      const source = `[click](${href})`;
      const div = dom(source);
      // A bare http(s) address inside may still become a link of its own; never the link that was asked for.
      const hrefs = [...div.querySelectorAll('a')].map((a) => a.getAttribute('href') ?? '');
      expect(hrefs.every((value) => /^(https?:\/\/[^\s"<>]+|mailto:\S+)$/.test(value)), `${source}: ${hrefs.join(' ')}`).to.equal(true);
      expect([...div.querySelectorAll('a')].some((a) => a.textContent === 'click'), source).to.equal(false);
      expect(div.textContent, source).to.equal(source);
    }
    expect(safeHref('https://example.org')).to.equal('https://example.org/');
    expect(safeHref('mailto:x@example.org')).to.equal('mailto:x@example.org');
  });

  it('shows raw HTML, entities and images as the text typed', () => {
    for (const source of ['<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '&lt;b&gt; &amp; &#x3C;', '<a href="javascript:x">y</a>']) {
      const div = dom(source);
      expect(div.textContent, source).to.equal(source);
      expect(elements(div).every((tag) => ALLOWED.has(tag)), source).to.equal(true);
      expect(!!div.querySelector('script, img, iframe, svg'), source).to.equal(false);
    }
    // The image's brackets make a link of its text, never an image.
    expect(htmlOf('![alt](https://example.org/i.png)')).to.equal('<p>!<a href="https://example.org/i.png" rel="nofollow ugc noopener">alt</a></p>');
  });

  it('copes with nested and unbalanced brackets', () => {
    expect(dom('[[nested](https://example.org)]').textContent).to.equal('[nested]');
    expect([...dom('[a [b](https://example.org)').querySelectorAll('a')].map((a) => a.textContent)).to.deep.equal(['b']);
    // An unclosed link is text, and its address a bare link.
    expect(dom('[a](https://example.org').textContent).to.equal('[a](https://example.org');
    expect([...dom('[a](https://example.org').querySelectorAll('a')].map((a) => a.textContent)).to.deep.equal(['https://example.org']);
    expect([...dom('[](https://example.org)').querySelectorAll('a')].map((a) => a.textContent)).to.deep.equal(['https://example.org']);
    expect(parseInline('[*a*](https://example.org)')).to.deep.equal([{ t: 'a', href: 'https://example.org/', c: [{ t: 'em', c: ['a'] }] }]);
    // No link inside a link: a bare address in a link's text stays text.
    expect(dom('[https://a.example](https://b.example)').querySelectorAll('a')).to.have.length(1);
  });

  it('gives a token tree with only known node types', () => {
    expect(parseMarkdown('- *a*\n\n> b')).to.deep.equal([{ t: 'ul', items: [[{ t: 'em', c: ['a'] }]] }, { t: 'quote', c: [{ t: 'p', c: ['b'] }] }]);
  });

  it('takes linear time on huge hostile input', () => {
    const hostile = (n: number) => [
      '['.repeat(n), '*'.repeat(n), '*a '.repeat(n), '** *'.repeat(n), '>'.repeat(n), '> \n'.repeat(n), '- \n'.repeat(n),
      '[a]('.repeat(n), 'https://'.repeat(n), 'http://x.'.repeat(n) + ')'.repeat(n), '\\'.repeat(n), '[x](https://a.example/' + '('.repeat(n),
      '1. a\n'.repeat(n), '*a **b '.repeat(n) + '** *'.repeat(n),
    ];
    const time = (n: number) => {
      const start = performance.now();
      for (const source of hostile(n)) parseMarkdown(source);
      return performance.now() - start;
    };
    time(1000); // warm up
    const small = Math.max(time(5000), 1);
    const large = time(50_000);
    expect(large, `5k: ${small.toFixed(1)} ms, 50k: ${large.toFixed(1)} ms`).to.be.below(Math.max(small * 25, 1000));
    expect(large).to.be.below(2000);
    // Deep emphasis is capped, so rendering never recurses without end.
    const deep = dom('*a **b '.repeat(5000) + '** *'.repeat(5000));
    expect(elements(deep).every((tag) => ALLOWED.has(tag))).to.equal(true);
  });
});
