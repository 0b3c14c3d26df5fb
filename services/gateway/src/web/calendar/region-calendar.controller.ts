import { Controller, Get, Param, Query, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ActivityMode, GetRegion, Id, ListCommunities, RegionActivities, type ResponseOf } from '@kc/contracts';
import { RpcClient } from '@kc/messaging';
import { regionSlugParam } from '../layout/params';
import { Routes } from '../layout/paths';
import { sendHtml } from '../layout/respond';
import { Web, WebGuard, type WebContext } from '../web-context';
import { WebErrorFilter } from '../web-error.filter';
import { periodOf, type View } from './period';
import { regionCalendarPage, type CalendarFilters } from './region-calendar.pages';

/** Pages of a region's calendar the page reads at most (200 activities each). */
const MAX_PAGES = 5;
const text = (value: unknown) => (typeof value === 'string' ? value : undefined);

/** De agenda van een regio: per week or per month, filtered by format and community. */
@ApiExcludeController()
@UseGuards(WebGuard)
@UseFilters(WebErrorFilter)
@Controller()
export class RegionCalendarPagesController {
  constructor(private readonly rpc: RpcClient) {}

  @Get(Routes.regionCalendar)
  async calendar(@Web() web: WebContext, @Param('slug') slugParam: string, @Query() query: Record<string, unknown>, @Res() reply: FastifyReply) {
    const slug = regionSlugParam(slugParam);
    const view: View = text(query.weergave) === 'maand' ? 'maand' : 'week';
    const period = periodOf(view, text(query.datum));
    // A filter value that is not one is ignored, as a person would expect of a link that aged.
    const mode = ActivityMode.safeParse(text(query.vorm));
    const community = Id.safeParse(text(query.community));
    const filters: CalendarFilters = { ...(mode.success ? { mode: mode.data } : {}), ...(community.success ? { communityId: community.data } : {}) };
    const region = await this.rpc.send(GetRegion, { slug }, web.meta);
    const [activities, communities] = await Promise.all([this.activities(slug, period.start.toUTC().toISO()!, period.end.toUTC().toISO()!, filters, web), this.rpc.send(ListCommunities, { region: slug, limit: 100 }, web.meta)]);
    return sendHtml(reply, regionCalendarPage(web, region, period, activities, communities.items, filters));
  }

  private async activities(region: string, from: string, to: string, filters: CalendarFilters, web: WebContext) {
    const items: ResponseOf<typeof RegionActivities>['items'] = [];
    let cursor: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const answer = await this.rpc.send(RegionActivities, { region, from, to, limit: 200, ...filters, ...(cursor ? { cursor } : {}) }, web.meta);
      items.push(...answer.items);
      cursor = answer.nextCursor ?? undefined;
      if (!cursor) break;
    }
    return items;
  }
}
