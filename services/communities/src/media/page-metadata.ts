import { Parser } from 'htmlparser2';

/** What a page says about itself: OpenGraph, Twitter card and plain HTML metadata, and its oEmbed link. */
export interface PageMetadata {
  title: string | null;
  description: string | null;
  siteName: string | null;
  /** Absolute http(s) URL as the page gave it; the address policy decides later whether it is kept. */
  imageUrl: string | null;
  ogType: string | null;
  oembedUrl: string | null;
}

const LIMITS = { title: 300, description: 1000, siteName: 120 } as const;

/**
 * Parses HTML with htmlparser2 (a tolerant streaming parser, entities decoded) and reads only
 * the head's metadata: no script runs, nothing is rendered, the text is plain text from here on.
 */
export function parsePageMetadata(html: string, pageUrl: string): PageMetadata {
  const meta = new Map<string, string>();
  let titleText = '';
  let inTitle = false;
  let oembed: string | null = null;
  let done = false;
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (done) return;
        if (name === 'title') inTitle = true;
        if (name === 'meta') {
          const key = (attrs.property ?? attrs.name ?? '').trim().toLowerCase();
          if (key && attrs.content !== undefined && !meta.has(key)) meta.set(key, attrs.content);
        }
        if (name === 'link') {
          const rel = (attrs.rel ?? '').toLowerCase().split(/\s+/);
          const type = (attrs.type ?? '').toLowerCase();
          if (rel.includes('alternate') && type === 'application/json+oembed' && attrs.href && !oembed) oembed = attrs.href;
        }
        if (name === 'body') done = true;
      },
      ontext(text) {
        if (inTitle && titleText.length < LIMITS.title * 2) titleText += text;
      },
      onclosetag(name) {
        if (name === 'title') inTitle = false;
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
  const first = (...keys: string[]) => keys.map((k) => meta.get(k)).find((v) => v !== undefined && clean(v, 10_000) !== null);
  return {
    title: clean(first('og:title', 'twitter:title') ?? titleText, LIMITS.title),
    description: clean(first('og:description', 'twitter:description', 'description') ?? '', LIMITS.description),
    siteName: clean(first('og:site_name', 'application-name') ?? '', LIMITS.siteName),
    imageUrl: absoluteHttp(first('og:image:secure_url', 'og:image', 'og:image:url', 'twitter:image') ?? null, pageUrl),
    ogType: clean(first('og:type') ?? '', 60)?.toLowerCase() ?? null,
    oembedUrl: absoluteHttp(oembed, pageUrl),
  };
}

/** oEmbed's answer (https://oembed.com): only the fields a preview uses, as plain text. */
export interface OEmbedData {
  type: string | null;
  title: string | null;
  providerName: string | null;
  thumbnailUrl: string | null;
}

export function parseOEmbed(json: string, base: string): OEmbedData | null {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const o = value as Record<string, unknown>;
  const text = (v: unknown, max: number) => (typeof v === 'string' ? clean(v, max) : null);
  return {
    type: text(o.type, 20)?.toLowerCase() ?? null,
    title: text(o.title, LIMITS.title),
    providerName: text(o.provider_name, LIMITS.siteName),
    thumbnailUrl: typeof o.thumbnail_url === 'string' ? absoluteHttp(o.thumbnail_url, base) : null,
  };
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

/** Plain text on one line, control characters gone, cut at `max` characters (on a code point). */
function clean(text: string, max: number): string | null {
  const flat = text.replace(CONTROL, '').replace(/\s+/g, ' ').trim();
  if (!flat) return null;
  const chars = Array.from(flat);
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : flat;
}

function absoluteHttp(href: string | null, base: string): string | null {
  if (!href) return null;
  try {
    const url = new URL(href.trim(), base);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.toString().length <= 2000 ? url.toString() : null;
  } catch {
    return null;
  }
}
