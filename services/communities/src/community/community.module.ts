import { Module } from '@nestjs/common';
import { RegionModule } from '../region/region.module';
import { CommunityController } from './community.controller';
import { CommunityService } from './community.service';

@Module({ imports: [RegionModule], controllers: [CommunityController], providers: [CommunityService], exports: [CommunityService] })
export class CommunityModule {}
