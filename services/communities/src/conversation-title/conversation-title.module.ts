import { Module } from '@nestjs/common';
import { CommunityModule } from '../community/community.module';
import { ConversationModule } from '../conversation/conversation.module';
import { CommunityTitlesReader } from './community-titles.reader';
import { CatalogueTitleDirectory } from './catalogue-title.directory';
import { ConversationTitleController } from './conversation-title.controller';
import { ConversationTitleService } from './conversation-title.service';

@Module({ imports: [ConversationModule, CommunityModule], controllers: [ConversationTitleController], providers: [ConversationTitleService, CatalogueTitleDirectory, CommunityTitlesReader], exports: [CatalogueTitleDirectory] })
export class ConversationTitleModule {}
