import { checkMediaUrl, hostOf, isPublicAddress } from './address-policy';
import { detectKind, kindFromUrl } from './media-kind';
import { parseOEmbed, parsePageMetadata, type OEmbedData, type PageMetadata } from './page-metadata';
import { PreviewFetchError, SafeFetcher, type FetchFailure, type Resolver } from './safe-fetcher';
import type { MediaKind } from '@kc/contracts';

export interface Preview {
  kind: MediaKind;
  title: string | null;
  description: string | null;
  siteName: string | null;
  imageUrl: string | null;
}

export type PreviewOutcome = { ok: true; preview: Preview } | { ok: false; reason: FetchFailure; permanent: boolean; kind: MediaKind | null };

/** Refusals that a retry cannot change. */
const PERMANENT: ReadonlySet<FetchFailure> = new Set(['URL_NOT_ALLOWED', 'ADDRESS_NOT_ALLOWED', 'TOO_MANY_REDIRECTS', 'TOO_LARGE', 'NOT_HTML']);
const FEED_TYPES = /^(application\/(rss|atom)\+xml|application\/xml|text\/xml)$/;

/**
 * Describes a page for its preview card: the HTML page through the safe fetcher, its OpenGraph
 * metadata, its oEmbed answer when it links one (through the same fetcher), and the kind.
 * The image is kept only when its URL passes the policy and its host resolves to public
 * addresses only; it is never fetched or proxied here (the page links it, the reader's browser
 * decides).
 */
export class PreviewDescriber {
  constructor(private readonly fetcher: SafeFetcher, private readonly resolver: Resolver) {}

  async describe(url: string): Promise<PreviewOutcome> {
    const target = new URL(url);
    try {
      const page = await this.fetcher.fetch(url, 'html');
      const meta = parsePageMetadata(page.body, page.url);
      const oembed = meta.oembedUrl ? await this.oembed(meta.oembedUrl) : null;
      return {
        ok: true,
        preview: {
          kind: kindOf(target, new URL(page.url), meta, oembed),
          title: meta.title ?? oembed?.title ?? null,
          description: meta.description,
          siteName: meta.siteName ?? oembed?.providerName ?? null,
          imageUrl: await this.publicImage(meta.imageUrl ?? oembed?.thumbnailUrl ?? null),
        },
      };
    } catch (error) {
      if (!(error instanceof PreviewFetchError)) throw error;
      // A podcast's RSS feed is no page to describe, but it says what it is.
      const isFeed = error.reason === 'NOT_HTML' && FEED_TYPES.test(error.message.match(/\(([^)]*)\)$/)?.[1] ?? '');
      return { ok: false, reason: error.reason, permanent: PERMANENT.has(error.reason), kind: isFeed ? 'podcast' : null };
    }
  }

  private async oembed(href: string): Promise<OEmbedData | null> {
    try {
      const answer = await this.fetcher.fetch(href, 'json');
      return parseOEmbed(answer.body, answer.url);
    } catch {
      return null;
    }
  }

  /** Never an image on a non-public address (loopback included, test allowance or not). */
  private async publicImage(imageUrl: string | null): Promise<string | null> {
    if (!imageUrl) return null;
    const check = checkMediaUrl(imageUrl);
    if (!check.ok) return null;
    const host = hostOf(check.url);
    if (isPublicAddress(host)) return check.url.toString();
    try {
      const addresses = await this.resolver(host);
      return addresses.length > 0 && addresses.every((a) => isPublicAddress(a.address)) ? check.url.toString() : null;
    } catch {
      return null;
    }
  }
}

/** What the page says, where it ended up (after redirects); the host that was linked when the page says no more than "website". */
function kindOf(linked: URL, landed: URL, meta: PageMetadata, oembed: OEmbedData | null): MediaKind {
  const byPage = detectKind(landed, meta, oembed);
  return byPage !== 'website' ? byPage : kindFromUrl(linked) ?? 'website';
}
