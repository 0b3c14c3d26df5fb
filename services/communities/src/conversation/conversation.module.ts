import { Module } from '@nestjs/common';
import { CommunityModule } from '../community/community.module';
import { ConversationController } from './conversation.controller';
import { ConversationHandlers } from './conversation.handlers';
import { ConversationService } from './conversation.service';

@Module({ imports: [CommunityModule], controllers: [ConversationController], providers: [ConversationService, ConversationHandlers], exports: [ConversationService] })
export class ConversationModule {}
