import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { parseDocument } from 'htmlparser2';
import { ALLOWED_SCHEMES, ALLOWED_TAGS, LINK_REL, renderMarkdown } from './markdown';

/** Published XSS vectors (OWASP XSS Filter Evasion Cheat Sheet) and Markdown link tricks; attribution in the file. */
const FIXTURE = JSON.parse(readFileSync(join(__dirname, '..', '..', 'test', 'fixtures', 'xss-vectors.json'), 'utf8')) as { owasp: string[]; markdown: string[] };
const VECTORS = [...FIXTURE.owasp, ...FIXTURE.markdown];

const ALLOWED_ATTRIBUTES = new Set(['href', 'rel', 'start']);

interface Node { type: string; name?: string; attribs?: Record<string, string>; children?: Node[] }

/**
 * What a browser could run in the HTML, found by an independent parser (htmlparser2, decoding
 * entities as a browser does): a tag outside the allow-list, any other attribute (event
 * handlers, style, src), a link whose scheme is not http(s)/mailto once whitespace and control
 * characters are gone (how browsers read `jav&#x09;ascript:`), or a protocol-relative link.
 */
function dangersIn(html: string): string[] {
  const dangers: string[] = [];
  const visit = (node: Node) => {
    if (node.type === 'tag' || node.type === 'script' || node.type === 'style') {
      if (!(ALLOWED_TAGS as readonly string[]).includes(node.name!)) dangers.push(`tag <${node.name}>`);
      for (const [name, value] of Object.entries(node.attribs ?? {})) {
        if (!ALLOWED_ATTRIBUTES.has(name)) dangers.push(`attribute ${name}`);
        if (name === 'href') {
          // eslint-disable-next-line no-control-regex
          const cleaned = value.replace(/[\u0000-\u0020\u007f-\u009f]/g, '').toLowerCase();
          const scheme = /^([a-z][a-z0-9+.-]*):/.exec(cleaned)?.[1];
          if (scheme && !(ALLOWED_SCHEMES as readonly string[]).includes(scheme)) dangers.push(`href scheme ${scheme}`);
          if (cleaned.startsWith('//') || cleaned.startsWith('\\\\') || cleaned.startsWith('/\\')) dangers.push('protocol-relative href');
        }
        if (name === 'rel' && value !== LINK_REL) dangers.push(`rel ${value}`);
      }
      if (node.name === 'a' && node.attribs?.rel !== LINK_REL) dangers.push('link without rel');
    }
    if (node.type === 'directive' || node.type === 'cdata') dangers.push(node.type);
    node.children?.forEach(visit);
  };
  visit(parseDocument(html) as unknown as Node);
  return dangers;
}

const MARKDOWN_PIECES = [
  '[', ']', '(', ')', '<', '>', '</', '/>', '![', '](', 'javascript:', 'JaVaScRiPt:', 'vbscript:', 'data:', 'data:text/html,', '&#', '&#x', ';', '&colon;',
  '"', "'", '`', '```', ' on', 'onerror=', 'onload=', 'alert(1)', 'script', 'SCRIPT', 'img', 'svg', 'iframe', 'a href=', 'src=', 'style=',
  '*', '**', '_', '~~', '\n', '\n\n', '> ', '- ', '1. ', '[r]: ', 'http://', 'https://', '//', 'mailto:', 'www.', '.nl', 'x', '=', '\t', '\u0000', '\u2028', ' ', '\\',
];
const markdownish = fc.array(fc.constantFrom(...MARKDOWN_PIECES), { maxLength: 40 }).map((parts) => parts.join(''));
const vector = fc.constantFrom(...VECTORS);
const hostileMarkdown = fc.oneof(
  vector,
  markdownish,
  fc.tuple(markdownish, vector, markdownish).map((parts) => parts.join('')),
  fc.tuple(vector, vector).map(([a, b]) => `${a}\n\n${b}`),
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.tuple(fc.constantFrom('[x](', '<', '[x]: ', '![x]('), fc.webUrl(), fc.constantFrom(')', '>', '', ' "t")')).map((parts) => parts.join('')),
);

describe('rendering contributions: no Markdown input yields script', () => {
  it('has an oracle that sees what a browser would run', () => {
    expect(dangersIn('<a href="jav&#x09;ascript:alert(1)" onclick="x" rel="nofollow ugc noopener">y</a><script>1</script><a href="//evil.example">z</a>')).toEqual([
      'href scheme javascript', 'attribute onclick', 'tag <script>', 'protocol-relative href', 'link without rel',
    ]);
  });

  it.each(VECTORS.map((v) => [v]))('published vector %j renders harmless', (input) => {
    expect(dangersIn(renderMarkdown(input))).toEqual([]);
  });

  it('holds for generated Markdown seeded with the published vectors', () => {
    fc.assert(
      fc.property(hostileMarkdown, (input) => {
        const html = renderMarkdown(input);
        expect(dangersIn(html)).toEqual([]);
        expect(html).not.toMatch(/<\s*\/?\s*(script|iframe|img|svg|style|object|embed)/i);
      }),
      { numRuns: 3000, examples: VECTORS.map((v) => [v]) },
    );
  });

  it('keeps what Markdown is for: emphasis, lists, quotes and safe links with rel="nofollow ugc noopener"', () => {
    expect(renderMarkdown('**vet** en _schuin_\n\n- een\n- twee\n\n> citaat')).toBe(
      '<p><strong>vet</strong> en <em>schuin</em></p>\n<ul>\n<li>een</li>\n<li>twee</li>\n</ul>\n<blockquote>\n<p>citaat</p>\n</blockquote>',
    );
    expect(renderMarkdown('Zie [de bieb](https://www.bibliotheek.nl/) of https://example.org')).toBe(
      '<p>Zie <a href="https://www.bibliotheek.nl/" rel="nofollow ugc noopener">de bieb</a> of <a href="https://example.org" rel="nofollow ugc noopener">https://example.org</a></p>',
    );
    expect(renderMarkdown('<b>html</b> blijft tekst')).toBe('<p>&lt;b&gt;html&lt;/b&gt; blijft tekst</p>');
    expect(renderMarkdown('[klik](javascript:alert(1))')).not.toContain('href');
  });
});
