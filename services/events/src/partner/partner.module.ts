import { Module } from '@nestjs/common';
import { CommunityAccessModule } from '../community-access/community-access.module';
import { PartnerController } from './partner.controller';
import { PartnerHandlers } from './partner.handlers';
import { PartnerService } from './partner.service';

/** Partner organisations co-hosting activities (ADR 0037). */
@Module({ imports: [CommunityAccessModule], controllers: [PartnerController], providers: [PartnerService, PartnerHandlers] })
export class PartnerModule {}
