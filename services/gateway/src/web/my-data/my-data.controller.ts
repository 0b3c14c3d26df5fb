import { Controller, Get, Param, Post, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { EraseMe, GetDataExport, ListDataExports, RequestDataExport } from '@kc/contracts';
import { RpcClient } from '@kc/messaging';
import { AuthRateLimited } from '../../rate-limit/rate-limit';
import { formValues, refusalOf, validateForm } from '../layout/forms';
import { withNotice } from '../layout/notices';
import { idParam } from '../layout/params';
import { paths, Routes } from '../layout/paths';
import { redirect, sendHtml } from '../layout/respond';
import { Web, WebContextResolver, WebGuard, type WebContext } from '../web-context';
import { WebErrorFilter } from '../web-error.filter';
import { requireViewer, WebErrors } from '../web-errors';
import { ERASE_FIELDS, myDataPage, myDataText } from './my-data.pages';

/** Mijn gegevens: a person's data exports (identity gathers them; only their owner sees them). */
@ApiExcludeController()
@UseGuards(WebGuard)
@UseFilters(WebErrorFilter)
@Controller()
export class MyDataPagesController {
  constructor(
    private readonly rpc: RpcClient,
    private readonly resolver: WebContextResolver,
  ) {}

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

  /** Erasing the account ends this browser's session too: the account is gone. */
  @AuthRateLimited()
  @Post(Routes.myAccountErase)
  async erase(@Web() web: WebContext, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    requireViewer(web);
    const values = formValues(req.body);
    const input = { password: values.password ?? '', content: values.content ?? '' };
    const form = validateForm(EraseMe.request, input, myDataText(web.lang).erase.fields, web.lang);
    const again = async (errors: Record<string, string>, status: number) =>
      sendHtml(reply, myDataPage(web, (await this.rpc.send(ListDataExports, {}, web.meta)).items, { values: { content: input.content }, errors }), status);
    if (!form.ok) return again(form.errors, 400);
    try {
      await this.rpc.send(EraseMe, form.data, web.meta);
    } catch (error) {
      const { status, errors } = refusalOf(error, web.lang, { PASSWORD_INCORRECT: 'password', TOO_MANY_LOGIN_ATTEMPTS: 'password' }, ERASE_FIELDS);
      return again(errors, status);
    }
    await this.resolver.endSession(web.sessionId!, req, reply);
    return redirect(reply, withNotice(paths.home(), 'account-gewist'));
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
