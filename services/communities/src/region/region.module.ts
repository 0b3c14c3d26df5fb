import { Module } from '@nestjs/common';
import { RegionHandlers } from './region.handlers';
import { RegionDirectory } from './region.service';

@Module({ providers: [RegionHandlers, RegionDirectory], exports: [RegionDirectory] })
export class RegionModule {}
