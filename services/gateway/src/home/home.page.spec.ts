import { escapeHtml, html, renderHomePage } from './home.page';

describe('home page template', () => {
  it('escapes every interpolation', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    expect(html`<p title="${'"><script>'}">${'<b>'}</p>`).toBe('<p title="&quot;&gt;&lt;script&gt;">&lt;b&gt;</p>');
  });

  it('is Dutch, links the API docs and loads nothing from elsewhere', () => {
    const page = renderHomePage({ docsUrl: '/api/docs', openApiUrl: '/api/docs-json', healthUrl: '/health' });
    expect(page).toContain('<html lang="nl">');
    expect(page).toContain('<a href="/api/docs">');
    expect(page).not.toMatch(/<script|(src|href)="(https?:)?\/\//);
  });
});
