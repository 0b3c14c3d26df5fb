import { detectKind, kindFromUrl } from './media-kind';
import { parseOEmbed, parsePageMetadata } from './page-metadata';

describe('page metadata', () => {
  it('reads OpenGraph first, then Twitter and plain HTML, as plain text, relative URLs made absolute', () => {
    const meta = parsePageMetadata(
      `<html><head><title>Fallback</title><meta name="description" content="Plain">
       <meta property="og:title" content="  Wonen &amp; werken\n in   de stad "><meta property="og:site_name" content="Bibliotheek">
       <meta property="og:image" content="/img/kaart.jpg"><meta property="og:type" content="Article">
       <link rel="alternate" type="application/json+oembed" href="/oembed?url=x"></head><body><meta property="og:title" content="later"></body></html>`,
      'https://example.org/artikel/1',
    );
    expect(meta).toEqual({
      title: 'Wonen & werken in de stad', description: 'Plain', siteName: 'Bibliotheek', imageUrl: 'https://example.org/img/kaart.jpg', ogType: 'article',
      oembedUrl: 'https://example.org/oembed?url=x',
    });
  });

  it('keeps markup and scripts as text, never as HTML, and drops non-http image schemes', () => {
    const meta = parsePageMetadata(
      `<head><title><script>alert(1)</script> &lt;b&gt;vet&lt;/b&gt;</title><meta property="og:image" content="javascript:alert(1)">
       <meta property="og:description" content="${'x'.repeat(5000)}"></head>`,
      'https://example.org/',
    );
    expect(meta.title).toBe('<script>alert(1)</script> <b>vet</b>');
    expect(meta.imageUrl).toBeNull();
    expect(Array.from(meta.description ?? '')).toHaveLength(1000);
  });

  it('parses oEmbed answers defensively', () => {
    expect(parseOEmbed('{"type":"video","title":"Klimaat","provider_name":"YouTube","thumbnail_url":"https://i.ytimg.com/x.jpg"}', 'https://www.youtube.com/oembed'))
      .toEqual({ type: 'video', title: 'Klimaat', providerName: 'YouTube', thumbnailUrl: 'https://i.ytimg.com/x.jpg' });
    expect(parseOEmbed('not json', 'https://x.org/')).toBeNull();
    expect(parseOEmbed('[1,2]', 'https://x.org/')).toBeNull();
    expect(parseOEmbed('{"title":42}', 'https://x.org/')).toEqual({ type: null, title: null, providerName: null, thumbnailUrl: null });
  });
});

describe('media kind', () => {
  it.each([
    ['https://www.youtube.com/watch?v=1', 'video'], ['https://youtu.be/1', 'video'], ['https://vimeo.com/123', 'video'], ['https://www.npostart.nl/x', 'video'],
    ['https://open.spotify.com/episode/abc', 'podcast'], ['https://open.spotify.com/show/abc', 'podcast'], ['https://soundcloud.com/a/b', 'podcast'],
    ['https://podcasts.apple.com/nl/podcast/x/id1', 'podcast'], ['https://example.org/feed.rss', 'podcast'], ['https://example.org/podcast/', 'podcast'],
    ['https://www.npo.nl/luister/x', 'podcast'],
  ])('%s is a %s by its host', (url, kind) => expect(kindFromUrl(new URL(url))).toBe(kind));

  it('otherwise the page tells: oEmbed video, og:type video/article/music, else website', () => {
    const page = (ogType: string | null) => ({ title: null, description: null, siteName: null, imageUrl: null, ogType, oembedUrl: null });
    const url = new URL('https://example.org/x');
    expect(kindFromUrl(url)).toBeNull();
    expect(detectKind(url, page('video.other'), null)).toBe('video');
    expect(detectKind(url, page('article'), null)).toBe('article');
    expect(detectKind(url, page('music.song'), null)).toBe('podcast');
    expect(detectKind(url, page('website'), { type: 'video', title: null, providerName: null, thumbnailUrl: null })).toBe('video');
    expect(detectKind(url, page('website'), null)).toBe('website');
    expect(detectKind(url, null, null)).toBe('website');
  });
});
