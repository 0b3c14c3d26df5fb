import { Controller, Get, Param, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { GetRegion, ListCommunities, ListRegions } from '@kc/contracts';
import { RpcClient } from '@kc/messaging';
import { sendHtml } from '../layout/respond';
import { Routes } from '../layout/paths';
import { Web, WebGuard, type WebContext } from '../web-context';
import { WebErrorFilter } from '../web-error.filter';
import { RegionOverview } from './region-overview';
import { homePage, regionPage } from './regions.pages';
import { regionSlugParam } from '../layout/params';

@ApiExcludeController()
@UseGuards(WebGuard)
@UseFilters(WebErrorFilter)
@Controller()
export class RegionsPagesController {
  constructor(
    private readonly rpc: RpcClient,
    private readonly overview: RegionOverview,
  ) {}

  @Get(Routes.home)
  async home(@Web() web: WebContext, @Res() reply: FastifyReply) {
    const [regions, national] = await Promise.all([
      this.rpc.send(ListRegions, {}, web.meta),
      this.rpc.send(ListCommunities, { scope: 'national', limit: 20 }, web.meta),
    ]);
    return sendHtml(reply, homePage(web, regions.items, national.items));
  }

  @Get(Routes.region)
  async region(@Web() web: WebContext, @Param('slug') slugParam: string, @Res() reply: FastifyReply) {
    const slug = regionSlugParam(slugParam);
    const region = await this.rpc.send(GetRegion, { slug }, web.meta);
    const { communities, activities, collections } = await this.overview.of(region, web.meta);
    return sendHtml(reply, regionPage(web, { region, communities, activities, collections, isHome: web.viewer?.region?.id === region.id }));
  }
}
