import { Module } from '@nestjs/common';
import { ActivityAccess } from './activity-access';
import { CommunityAccessClient } from './community-access';

@Module({ providers: [CommunityAccessClient, ActivityAccess], exports: [CommunityAccessClient, ActivityAccess] })
export class CommunityAccessModule {}
