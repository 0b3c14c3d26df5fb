import { Module } from '@nestjs/common';
import { AccountNameModule } from '../account-name/account-name.module';
import { CommunityModule } from '../community/community.module';
import { ConversationController } from './conversation.controller';
import { ConversationGrowth } from './conversation-growth';
import { ConversationMediaReader } from './conversation-media.reader';
import { ConversationTitlesReader } from './conversation-titles.reader';
import { ConversationHandlers } from './conversation.handlers';
import { ConversationService } from './conversation.service';

@Module({ imports: [CommunityModule, AccountNameModule], controllers: [ConversationController], providers: [ConversationService, ConversationHandlers, ConversationTitlesReader, ConversationMediaReader, ConversationGrowth], exports: [ConversationService, ConversationGrowth, ConversationMediaReader] })
export class ConversationModule {}
