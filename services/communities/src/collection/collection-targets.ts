import type { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { DomainError, GetActivity, type CollectionItemType, type RequestContext, type RequestMeta } from '@kc/contracts';
import { RpcClient } from '@kc/messaging';
import { sqlRows } from '@kc/persistence';
import { COMMUNITIES_CONFIG, type CommunitiesConfig } from '../config';
import { CatalogueTitleDirectory } from '../conversation-title/catalogue-title.directory';
import { checkMediaUrl } from '../media/address-policy';
import { mediaUrlNotAllowed } from '../media/media.errors';
import { invalidItem, targetNotInCommunity } from './collection.errors';
import type { CollectionRow } from './collection.reader';

/** What an item points to, checked: its reference, its title now, and the row it depends on (cascading delete). */
export interface ResolvedTarget {
  type: CollectionItemType;
  ref: string;
  title: string;
  mediaId: string | null;
  conversationId: string | null;
  /** A link's checked address (the preview is fetched in the background). */
  url: string | null;
}

export interface ItemInput {
  type: CollectionItemType;
  refId?: string;
  url?: string;
}

/**
 * Checks what a member adds to a collection, as the service that owns it decides: a library
 * title must be in the catalogue of the community's region (the catalogue answers), an activity
 * visible to the caller and of the same community (or co-hosted by it) (events answers, with the caller's own token),
 * a media reference or conversation of the same community (here), a link must pass the media
 * address policy (the preview fetcher checks every address again).
 */
@Injectable()
export class CollectionTargets {
  constructor(
    private readonly catalogue: CatalogueTitleDirectory,
    private readonly rpc: RpcClient,
    @Inject(COMMUNITIES_CONFIG) private readonly config: CommunitiesConfig,
  ) {}

  /** Outside the transaction: the answers of other services (which may take a while). */
  async resolveRemote(ctx: RequestContext, meta: RequestMeta, collection: CollectionRow, input: ItemInput): Promise<ResolvedTarget | null> {
    shapeOf(input);
    if (input.type === 'title') {
      const title = await this.catalogue.titleIn(ctx, collection.regionId, input.refId!);
      return { type: 'title', ref: title.id, title: title.title, mediaId: null, conversationId: null, url: null };
    }
    if (input.type === 'activity') {
      const activity = await this.activityOf(meta, input.refId!);
      // The community's own activities, and those it co-hosts (they are on its calendar too).
      const ofCommunity = activity && (activity.communityId === collection.communityId || (activity.cohostCommunityIds ?? []).includes(collection.communityId));
      if (!ofCommunity) throw targetNotInCommunity('activity');
      return { type: 'activity', ref: activity.id, title: activity.title, mediaId: null, conversationId: null, url: null };
    }
    if (input.type === 'link') {
      const check = checkMediaUrl(input.url!, { allowLoopback: this.config.MEDIA_PREVIEW_ALLOW_LOOPBACK_FOR_TESTS });
      if (!check.ok) throw mediaUrlNotAllowed(check.reason);
      const url = check.url.toString();
      if (url.length > 2000) throw mediaUrlNotAllowed('INVALID_URL');
      return { type: 'link', ref: url, title: url, mediaId: null, conversationId: null, url };
    }
    return null;
  }

  /** Inside the transaction: a media reference or conversation of the same community. */
  async resolveLocal(em: EntityManager, collection: CollectionRow, input: ItemInput): Promise<ResolvedTarget> {
    const table = input.type === 'media' ? 'media_references' : 'conversations';
    const titleColumn = input.type === 'media' ? 'coalesce(title, url)' : 'title';
    const [row] = await sqlRows<{ id: string; title: string }>(
      em, `SELECT id, ${titleColumn} AS title FROM ${table} WHERE id = $1 AND community_id = $2 FOR SHARE`, [input.refId, collection.communityId],
    );
    if (!row) throw targetNotInCommunity(input.type);
    return input.type === 'media'
      ? { type: 'media', ref: row.id, title: row.title, mediaId: row.id, conversationId: null, url: null }
      : { type: 'conversation', ref: row.id, title: row.title, mediaId: null, conversationId: row.id, url: null };
  }

  /** The activity as the caller may see it; null when events says it does not exist for them. */
  private async activityOf(meta: RequestMeta, id: string) {
    try {
      return await this.rpc.send(GetActivity, { id }, { token: meta.token, correlationId: meta.correlationId, lang: meta.lang });
    } catch (error) {
      if (error instanceof DomainError && error.statusCode === 404) return null;
      throw error;
    }
  }
}

/** The service checks the shape again: the request contract cannot tie `url` and `refId` to the type. */
function shapeOf(input: ItemInput): void {
  if (input.type === 'link') {
    if (!input.url || input.refId) throw invalidItem('Een link heeft een adres (url) en geen refId.', 'A link has an address (url) and no refId.');
  } else if (!input.refId || input.url) {
    throw invalidItem('Geef de id (refId) van wat je toevoegt; alleen een link heeft een adres (url).', 'Give the id (refId) of what you add; only a link has an address (url).');
  }
}
