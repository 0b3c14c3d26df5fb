import { Controller, Get, Param, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { GetCommunity } from '@kc/contracts';
import { RpcClient } from '@kc/messaging';
import { loadBookTable } from '../../book-table/book-table';
import { idParam } from '../layout/params';
import { Routes } from '../layout/paths';
import { sendHtml } from '../layout/respond';
import { Web, WebGuard, type WebContext } from '../web-context';
import { WebErrorFilter } from '../web-error.filter';
import { bookTablePage } from './book-table.pages';

/** De boekentafel: for whoever may see the activity (the services decide). */
@ApiExcludeController()
@UseGuards(WebGuard)
@UseFilters(WebErrorFilter)
@Controller()
export class BookTablePagesController {
  constructor(private readonly rpc: RpcClient) {}

  @Get(Routes.bookTable)
  async bookTable(@Web() web: WebContext, @Param('id') id: string, @Res() reply: FastifyReply) {
    const table = await loadBookTable(this.rpc, web.meta, idParam(id));
    const community = await this.rpc.send(GetCommunity, { id: table.activity.communityId }, web.meta);
    return sendHtml(reply, bookTablePage(web, community, table));
  }
}
