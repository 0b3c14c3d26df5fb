import { Module } from '@nestjs/common';
import { AccountNameModule } from '../account-name/account-name.module';
import { RegionModule } from '../region/region.module';
import { CommunityController } from './community.controller';
import { CommunityService } from './community.service';
import { MemberDirectoryService } from './member-directory.service';

@Module({
  imports: [RegionModule, AccountNameModule],
  controllers: [CommunityController],
  providers: [CommunityService, MemberDirectoryService],
  exports: [CommunityService],
})
export class CommunityModule {}
