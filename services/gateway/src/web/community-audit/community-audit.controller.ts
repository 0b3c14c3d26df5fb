import { Controller, Get, Param, Query, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { GetCommunity, ListCommunityAudit } from '@kc/contracts';
import { RpcClient } from '@kc/messaging';
import { idParam } from '../layout/params';
import { Routes } from '../layout/paths';
import { sendHtml } from '../layout/respond';
import { Web, WebGuard, type WebContext } from '../web-context';
import { WebErrorFilter } from '../web-error.filter';
import { requireViewer } from '../web-errors';
import { communityAuditPage } from './community-audit.pages';

/** Logboek: the community's moderation and role actions, for those who moderate it. */
@ApiExcludeController()
@UseGuards(WebGuard)
@UseFilters(WebErrorFilter)
@Controller()
export class CommunityAuditPagesController {
  constructor(private readonly rpc: RpcClient) {}

  @Get(Routes.communityAudit)
  async page(@Web() web: WebContext, @Param('id') idValue: string, @Query('na') cursor: unknown, @Res() reply: FastifyReply) {
    requireViewer(web);
    const id = idParam(idValue);
    const [community, audit] = await Promise.all([
      this.rpc.send(GetCommunity, { id }, web.meta),
      this.rpc.send(ListCommunityAudit, { communityId: id, limit: 50, ...(typeof cursor === 'string' && cursor ? { cursor } : {}) }, web.meta),
    ]);
    return sendHtml(reply, communityAuditPage(web, community, audit.items, audit.nextCursor ?? null));
  }
}
