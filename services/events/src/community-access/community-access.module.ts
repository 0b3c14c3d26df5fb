import { Module } from '@nestjs/common';
import { CommunityAccessClient } from './community-access';

@Module({ providers: [CommunityAccessClient], exports: [CommunityAccessClient] })
export class CommunityAccessModule {}
