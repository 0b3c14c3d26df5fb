import { Module } from '@nestjs/common';
import { ErasureModule } from '../erasure/erasure.module';
import { InactiveAccounts } from './inactive-accounts';
import { RegionRetentionController, RegionRetentionService } from './region-retention';

@Module({ imports: [ErasureModule], controllers: [RegionRetentionController], providers: [RegionRetentionService, InactiveAccounts] })
export class RetentionModule {}
