import { Module, type DynamicModule } from '@nestjs/common';
import { CommunityModule } from '../community/community.module';
import { COMMUNITIES_CONFIG, type CommunitiesConfig } from '../config';
import { ConversationTitleModule } from '../conversation-title/conversation-title.module';
import { PREVIEW_DESCRIBER, previewDescriberFor } from '../media/media-preview.worker';
import { RegionModule } from '../region/region.module';
import { CollectionController } from './collection.controller';
import { CollectionItemService } from './collection-item.service';
import { CollectionLinkPreviewWorker } from './collection-link-preview.worker';
import { CollectionReader } from './collection.reader';
import { CollectionService } from './collection.service';
import { CollectionTargets } from './collection-targets';

@Module({})
export class CollectionModule {
  static forRoot(config: CommunitiesConfig): DynamicModule {
    return {
      module: CollectionModule,
      imports: [CommunityModule, RegionModule, ConversationTitleModule],
      controllers: [CollectionController],
      providers: [
        { provide: COMMUNITIES_CONFIG, useValue: config },
        { provide: PREVIEW_DESCRIBER, useValue: previewDescriberFor(config) },
        CollectionReader,
        CollectionService,
        CollectionItemService,
        CollectionTargets,
        CollectionLinkPreviewWorker,
      ],
    };
  }
}
