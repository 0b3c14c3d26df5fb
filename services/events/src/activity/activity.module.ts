import { Module } from '@nestjs/common';
import { CommunityAccessModule } from '../community-access/community-access.module';
import { ActivityController } from './activity.controller';
import { ActivityService } from './activity.service';

@Module({ imports: [CommunityAccessModule], controllers: [ActivityController], providers: [ActivityService], exports: [ActivityService] })
export class ActivityModule {}
