import { Controller, Get, Query, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { SearchQuery } from '@kc/contracts';
import { RpcClient } from '@kc/messaging';
import { validateForm } from '../layout/forms';
import { commonText } from '../layout/i18n';
import { Routes } from '../layout/paths';
import { sendHtml } from '../layout/respond';
import { Web, WebGuard, type WebContext } from '../web-context';
import { WebErrorFilter } from '../web-error.filter';
import { searchPage } from './search.pages';

/** The results of the search form in every page's header, grouped by type. */
@ApiExcludeController()
@UseGuards(WebGuard)
@UseFilters(WebErrorFilter)
@Controller()
export class SearchPagesController {
  constructor(private readonly rpc: RpcClient) {}

  @Get(Routes.search)
  async search(@Web() web: WebContext, @Query('q') q: unknown, @Res() reply: FastifyReply) {
    if (q === undefined || (typeof q === 'string' && q.trim() === '')) return sendHtml(reply, searchPage(web, undefined, null));
    const form = validateForm(SearchQuery.request, { q: typeof q === 'string' ? q : undefined, limit: 50 }, { q: commonText(web.lang).searchLabel }, web.lang);
    if (!form.ok) return sendHtml(reply, searchPage(web, undefined, null, Object.values(form.errors)[0]), 400);
    const result = await this.rpc.send(SearchQuery, form.data, web.meta);
    return sendHtml(reply, searchPage(web, form.data.q, result.items));
  }
}
