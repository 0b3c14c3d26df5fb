import { Module } from '@nestjs/common';
import { ConversationModule } from '../conversation/conversation.module';
import { CatalogueTitleDirectory } from './catalogue-title.directory';
import { ConversationTitleController } from './conversation-title.controller';
import { ConversationTitleService } from './conversation-title.service';

@Module({ imports: [ConversationModule], controllers: [ConversationTitleController], providers: [ConversationTitleService, CatalogueTitleDirectory] })
export class ConversationTitleModule {}
