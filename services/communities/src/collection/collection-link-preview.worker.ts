import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { sqlRows } from '@kc/persistence';
import { COMMUNITIES_CONFIG, type CommunitiesConfig } from '../config';
import type { PreviewDescriber } from '../media/media-preview';
import { PREVIEW_DESCRIBER, PreviewJobWorker } from '../media/media-preview.worker';
import { CollectionService } from './collection.service';

/**
 * The previews of web links in collections: the same job worker and SSRF-safe fetcher as media
 * references (ADR 0022), over `collection_links`; a fetched preview records the collection anew
 * (`collection.updated`), so search finds the link by its page's title.
 */
@Injectable()
export class CollectionLinkPreviewWorker extends PreviewJobWorker {
  constructor(em: EntityManager, collections: CollectionService, @Inject(PREVIEW_DESCRIBER) describer: PreviewDescriber, @Inject(COMMUNITIES_CONFIG) config: CommunitiesConfig) {
    super(em, describer, config, {
      table: 'collection_links',
      async announce(em, id) {
        const [item] = await sqlRows<{ collectionId: string }>(em, 'SELECT collection_id AS "collectionId" FROM collection_items WHERE id = $1', [id]);
        if (item) await collections.announce(null, em, item.collectionId);
      },
    });
  }
}
