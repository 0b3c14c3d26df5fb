import type { MediaKind } from '@kc/contracts';
import type { OEmbedData, PageMetadata } from './page-metadata';

const VIDEO_HOSTS = ['youtube.com', 'youtu.be', 'youtube-nocookie.com', 'vimeo.com', 'npostart.nl', 'npo.nl', 'dailymotion.com', 'ted.com', 'schooltv.nl', 'hetklokhuis.nl', 'uitzendinggemist.net'];
const PODCAST_HOSTS = ['podcasts.apple.com', 'soundcloud.com', 'anchor.fm', 'podbean.com', 'buzzsprout.com', 'castbox.fm', 'pocketcasts.com', 'overcast.fm', 'nporadio1.nl', 'nporadio2.nl', 'podimo.com'];

const within = (host: string, domains: string[]) => domains.some((d) => host === d || host.endsWith(`.${d}`));

/** The kind a URL alone tells (well-known hosts and feed paths); null when only the page can tell. */
export function kindFromUrl(url: URL): MediaKind | null {
  const host = url.hostname.toLowerCase().replace(/^www\./, '');
  const path = url.pathname.toLowerCase();
  if (host === 'open.spotify.com' || host === 'spotify.com') return /^\/(episode|show)\//.test(path) ? 'podcast' : null;
  if (host === 'npo.nl' && path.startsWith('/luister')) return 'podcast';
  if (within(host, PODCAST_HOSTS)) return 'podcast';
  if (within(host, VIDEO_HOSTS)) return 'video';
  if (/\.(rss|xml)$/.test(path) || /\/(feed|rss|podcast)(\/|$)/.test(path)) return 'podcast';
  return null;
}

/** The kind a preview tells: the host first, then oEmbed's type, then OpenGraph's, else a website. */
export function detectKind(url: URL, page: PageMetadata | null, oembed: OEmbedData | null): MediaKind {
  const byUrl = kindFromUrl(url);
  if (byUrl) return byUrl;
  if (oembed?.type === 'video') return 'video';
  const og = page?.ogType ?? '';
  if (og.startsWith('video')) return 'video';
  if (og === 'music.song' || og === 'music.album' || og === 'music.playlist' || og === 'music.radio_station' || og.includes('podcast')) return 'podcast';
  if (og === 'article' || og.startsWith('article')) return 'article';
  return 'website';
}
