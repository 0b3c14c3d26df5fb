import { Controller, Get, Query, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ListOperatorAudit, ListRegionAudit, ListRegions } from '@kc/contracts';
import { RpcClient } from '@kc/messaging';
import { regionSlugParam } from '../layout/params';
import { Routes } from '../layout/paths';
import { sendHtml } from '../layout/respond';
import { Web, WebGuard, type WebContext } from '../web-context';
import { WebErrorFilter } from '../web-error.filter';
import { requireViewer, WebErrors } from '../web-errors';
import { auditPage } from './audit.pages';

const PAGE_SIZE = 25;

/** A cursor from the page's own "older" link; anything else is a page that does not exist. */
function cursorParam(value: unknown): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string' || value.length > 200) throw WebErrors.pageNotFound();
  return value;
}

/**
 * Logboek: a library administrator reads their region's audit log, the operator the whole
 * platform's (optionally one region, `?regio=`). Identity decides who may read what.
 */
@ApiExcludeController()
@UseGuards(WebGuard)
@UseFilters(WebErrorFilter)
@Controller()
export class AuditPagesController {
  constructor(private readonly rpc: RpcClient) {}

  @Get(Routes.audit)
  async audit(@Web() web: WebContext, @Query('regio') regio: unknown, @Query('na') na: unknown, @Res() reply: FastifyReply) {
    const viewer = requireViewer(web);
    const cursor = cursorParam(na);
    if (viewer.isOperator) {
      const chosenRegion = typeof regio === 'string' && regio !== '' ? regionSlugParam(regio) : undefined;
      const [page, regions] = await Promise.all([
        this.rpc.send(ListOperatorAudit, { region: chosenRegion, cursor, limit: PAGE_SIZE }, web.meta),
        this.rpc.send(ListRegions, {}, web.meta),
      ]);
      return sendHtml(reply, auditPage(web, { entries: page.items, nextCursor: page.nextCursor ?? null, paged: !!cursor, regions: regions.items, chosenRegion }));
    }
    if (!viewer.region) throw WebErrors.notYours();
    const page = await this.rpc.send(ListRegionAudit, { region: viewer.region.slug, cursor, limit: PAGE_SIZE }, web.meta);
    return sendHtml(reply, auditPage(web, { entries: page.items, nextCursor: page.nextCursor ?? null, paged: !!cursor, region: viewer.region }));
  }
}
