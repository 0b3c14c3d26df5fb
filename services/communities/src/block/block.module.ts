import { Module } from '@nestjs/common';
import { AccountNameModule } from '../account-name/account-name.module';
import { CommunityModule } from '../community/community.module';
import { BlockController } from './block.controller';
import { BlockService } from './block.service';

/** Blocking people in a community (moderation). */
@Module({ imports: [CommunityModule, AccountNameModule], controllers: [BlockController], providers: [BlockService] })
export class BlockModule {}
