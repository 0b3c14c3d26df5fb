import { Module } from '@nestjs/common';
import { RegionModule } from '../region/region.module';
import { AuditController } from './audit.controller';
import { AuditService } from './audit.service';

/** Reading the audit log; writing it is `recordAudit()`, inside each action's own transaction. */
@Module({ imports: [RegionModule], controllers: [AuditController], providers: [AuditService] })
export class AuditModule {}
