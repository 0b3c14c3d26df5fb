import { Module } from '@nestjs/common';
import { RegionLicenceService } from './region-licence.service';
import { RegionController } from './region.controller';
import { RegionService } from './region.service';

@Module({ controllers: [RegionController], providers: [RegionService, RegionLicenceService], exports: [RegionService] })
export class RegionModule {}
