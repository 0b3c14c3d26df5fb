import { Controller, Get, Post, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { GetCalendarFeed, MyActivities, RotateCalendarFeed } from '@kc/contracts';
import { RpcClient } from '@kc/messaging';
import { feedUrl } from '../../api/calendars.controller';
import { withNotice } from '../layout/notices';
import { paths, Routes } from '../layout/paths';
import { redirect, sendHtml } from '../layout/respond';
import { Web, WebGuard, type WebContext } from '../web-context';
import { WebErrorFilter } from '../web-error.filter';
import { requireViewer } from '../web-errors';
import { myActivitiesPage } from './my-activities.pages';

/** Mijn activiteiten: what the signed-in person signed up for, with their status. */
@ApiExcludeController()
@UseGuards(WebGuard)
@UseFilters(WebErrorFilter)
@Controller()
export class MyActivitiesPagesController {
  constructor(private readonly rpc: RpcClient) {}

  @Get(Routes.myActivities)
  async mine(@Web() web: WebContext, @Query('na') after: unknown, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    requireViewer(web);
    const cursor = typeof after === 'string' && after.length > 0 && after.length <= 200 ? after : undefined;
    const [upcoming, past, feed] = await Promise.all([
      this.rpc.send(MyActivities, { when: 'upcoming', limit: 20, ...(cursor ? { cursor } : {}) }, web.meta),
      this.rpc.send(MyActivities, { when: 'past', limit: 10 }, web.meta),
      this.rpc.send(GetCalendarFeed, {}, web.meta),
    ]);
    const next = upcoming.nextCursor ? `${paths.myActivities()}?na=${encodeURIComponent(upcoming.nextCursor)}` : undefined;
    return sendHtml(reply, myActivitiesPage(web, upcoming, past, feedUrl(req, feed.token), next));
  }

  @Post(Routes.rotateCalendarFeed)
  async rotate(@Web() web: WebContext, @Res() reply: FastifyReply) {
    requireViewer(web);
    await this.rpc.send(RotateCalendarFeed, {}, web.meta);
    return redirect(reply, withNotice(paths.myActivities(), 'agenda-link-vernieuwd'));
  }
}
