import { Module } from '@nestjs/common';
import { AccountNameModule } from '../account-name/account-name.module';
import { CommunityModule } from '../community/community.module';
import { ReportController } from './report.controller';
import { ModerationService } from './moderation.service';
import { ReportService } from './report.service';

/** Reports on content, and hiding and restoring it (moderation). */
@Module({ imports: [CommunityModule, AccountNameModule], controllers: [ReportController], providers: [ReportService, ModerationService] })
export class ReportModule {}
