import { Controller, Get, Post, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CreateRegion, ListRegions } from '@kc/contracts';
import { RpcClient } from '@kc/messaging';
import { formValues, refusalOf, validateForm } from '../layout/forms';
import { withNotice } from '../layout/notices';
import { paths, Routes } from '../layout/paths';
import { redirect, sendHtml } from '../layout/respond';
import { Web, WebGuard, type WebContext } from '../web-context';
import { WebErrorFilter } from '../web-error.filter';
import { requireViewer, WebErrors } from '../web-errors';
import { REGION_FIELDS, regionsAdminPage, operatorText } from './operator.pages';

/** Regio's: the national operator licenses a region and sees every region (identity decides who may). */
@ApiExcludeController()
@UseGuards(WebGuard)
@UseFilters(WebErrorFilter)
@Controller()
export class OperatorPagesController {
  constructor(private readonly rpc: RpcClient) {}

  @Get(Routes.operatorRegions)
  async regions(@Web() web: WebContext, @Res() reply: FastifyReply) {
    if (!requireViewer(web).isOperator) throw WebErrors.notYours();
    const regions = await this.rpc.send(ListRegions, {}, web.meta);
    return sendHtml(reply, regionsAdminPage(web, regions.items));
  }

  @Post(Routes.operatorRegions)
  async create(@Web() web: WebContext, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    requireViewer(web);
    const values = formValues(req.body);
    const form = validateForm(CreateRegion.request, { name: values.name, slug: values.slug }, operatorText(web.lang).fields, web.lang);
    const regions = async () => (await this.rpc.send(ListRegions, {}, web.meta)).items;
    if (!form.ok) return sendHtml(reply, regionsAdminPage(web, await regions(), { values, errors: form.errors }), 400);
    try {
      await this.rpc.send(CreateRegion, form.data, web.meta);
      return redirect(reply, withNotice(paths.operatorRegions(), 'regio-toegevoegd'));
    } catch (error) {
      const { status, errors } = refusalOf(error, web.lang, { REGION_SLUG_TAKEN: 'slug' }, REGION_FIELDS);
      return sendHtml(reply, regionsAdminPage(web, await regions(), { values, errors }), status);
    }
  }
}
