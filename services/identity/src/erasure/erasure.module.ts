import { Module } from '@nestjs/common';
import { AccountModule } from '../account/account.module';
import { ErasureController, ErasureLedgerHandlers } from './erasure.controller';
import { ErasureService } from './erasure.service';

@Module({ imports: [AccountModule], controllers: [ErasureController], providers: [ErasureService, ErasureLedgerHandlers], exports: [ErasureService] })
export class ErasureModule {}
