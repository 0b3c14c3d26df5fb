import { Module } from '@nestjs/common';
import { CommunityAccessModule } from '../community-access/community-access.module';
import { CohostController } from './cohost.controller';
import { CohostService } from './cohost.service';

@Module({ imports: [CommunityAccessModule], controllers: [CohostController], providers: [CohostService] })
export class CohostModule {}
