import { Module } from '@nestjs/common';
import { AccountNameModule } from '../account-name/account-name.module';
import { ConversationModule } from '../conversation/conversation.module';
import { ContributionThreadService } from './contribution-thread.service';
import { ContributionController } from './contribution.controller';
import { ContributionService } from './contribution.service';
import { ReactionService } from './reaction.service';

@Module({
  imports: [ConversationModule, AccountNameModule],
  controllers: [ContributionController],
  providers: [ContributionService, ContributionThreadService, ReactionService],
})
export class ContributionModule {}
