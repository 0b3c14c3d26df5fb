import { Module, type DynamicModule } from '@nestjs/common';
import { COMMUNITIES_CONFIG, type CommunitiesConfig } from '../config';
import { ConversationModule } from '../conversation/conversation.module';
import { MediaController } from './media.controller';
import { MediaService } from './media.service';
import { MediaPreviewWorker, PREVIEW_DESCRIBER, previewDescriberFor } from './media-preview.worker';

@Module({})
export class MediaModule {
  static forRoot(config: CommunitiesConfig): DynamicModule {
    return {
      module: MediaModule,
      imports: [ConversationModule],
      controllers: [MediaController],
      providers: [
        { provide: COMMUNITIES_CONFIG, useValue: config },
        { provide: PREVIEW_DESCRIBER, useValue: previewDescriberFor(config) },
        MediaService,
        MediaPreviewWorker,
      ],
    };
  }
}
