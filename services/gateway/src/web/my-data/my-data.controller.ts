import { Controller, Get, Param, Post, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { GetDataExport, ListDataExports, RequestDataExport } from '@kc/contracts';
import { RpcClient } from '@kc/messaging';
import { withNotice } from '../layout/notices';
import { idParam } from '../layout/params';
import { paths, Routes } from '../layout/paths';
import { redirect, sendHtml } from '../layout/respond';
import { Web, WebGuard, type WebContext } from '../web-context';
import { WebErrorFilter } from '../web-error.filter';
import { requireViewer, WebErrors } from '../web-errors';
import { myDataPage } from './my-data.pages';

/** Mijn gegevens: a person's data exports (identity gathers them; only their owner sees them). */
@ApiExcludeController()
@UseGuards(WebGuard)
@UseFilters(WebErrorFilter)
@Controller()
export class MyDataPagesController {
  constructor(private readonly rpc: RpcClient) {}

  @Get(Routes.myData)
  async page(@Web() web: WebContext, @Res() reply: FastifyReply) {
    requireViewer(web);
    const { items } = await this.rpc.send(ListDataExports, {}, web.meta);
    return sendHtml(reply, myDataPage(web, items));
  }

  @Post(Routes.myData)
  async request(@Web() web: WebContext, @Res() reply: FastifyReply) {
    requireViewer(web);
    await this.rpc.send(RequestDataExport, {}, web.meta);
    return redirect(reply, withNotice(paths.myData(), 'export-gevraagd'));
  }

  @Get(Routes.myDataDownload)
  async download(@Web() web: WebContext, @Param('id') id: string, @Res() reply: FastifyReply) {
    requireViewer(web);
    const data = await this.rpc.send(GetDataExport, { id: idParam(id) }, web.meta);
    if (!data.document) throw WebErrors.pageNotFound();
    const day = data.requestedAt.slice(0, 10);
    return reply
      .header('content-type', 'application/json; charset=utf-8')
      .header('content-disposition', `attachment; filename="kenniscloud-mijn-gegevens-${day}.json"`)
      .header('cache-control', 'private, no-store')
      .send(JSON.stringify(data.document, null, 2));
  }
}
