import { Module } from '@nestjs/common';
import { AccountNameModule } from '../account-name/account-name.module';
import { CommunityModule } from '../community/community.module';
import { CommunityAuditController } from './community-audit.controller';
import { CommunityAuditReader } from './community-audit.reader';

/** The community's moderation log (written by the actions themselves, in their transactions). */
@Module({ imports: [CommunityModule, AccountNameModule], controllers: [CommunityAuditController], providers: [CommunityAuditReader] })
export class CommunityAuditModule {}
