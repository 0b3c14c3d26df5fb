import { Module } from '@nestjs/common';
import { RegionModule } from '../region/region.module';
import { StaffRoleController } from './staff-role.controller';
import { StaffRoleService } from './staff-role.service';

@Module({ imports: [RegionModule], controllers: [StaffRoleController], providers: [StaffRoleService] })
export class StaffRoleModule {}
