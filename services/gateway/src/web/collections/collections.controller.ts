import { Controller, Get, Param, Post, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CreateCollection, DeleteCollection, GetCollection, GetCommunity, UpdateCollection } from '@kc/contracts';
import { RpcClient } from '@kc/messaging';
import { formValues, refusalOf, validateForm } from '../layout/forms';
import { withNotice } from '../layout/notices';
import { idParam } from '../layout/params';
import { paths, Routes } from '../layout/paths';
import { redirect, sendHtml } from '../layout/respond';
import { Web, WebGuard, type WebContext } from '../web-context';
import { WebErrorFilter } from '../web-error.filter';
import { requireViewer } from '../web-errors';
import { loadCollectionPage } from './collection.loader';
import { collectionPage, newCollectionPage } from './collections.pages';
import { COLLECTION_FIELDS, collectionText } from './collections.text';

/** Themacollectie maken, a collection's page, and changing or deleting it, as plain forms. */
@ApiExcludeController()
@UseGuards(WebGuard)
@UseFilters(WebErrorFilter)
@Controller()
export class CollectionsPagesController {
  constructor(private readonly rpc: RpcClient) {}

  @Get(Routes.newCollection)
  async newCollection(@Web() web: WebContext, @Param('id') id: string, @Res() reply: FastifyReply) {
    requireViewer(web);
    const community = await this.rpc.send(GetCommunity, { id: idParam(id) }, web.meta);
    return sendHtml(reply, newCollectionPage(web, community));
  }

  @Post(Routes.newCollection)
  async create(@Web() web: WebContext, @Param('id') idValue: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    requireViewer(web);
    const communityId = idParam(idValue);
    const values = formValues(req.body);
    const form = validateForm(CreateCollection.request, { communityId, title: values.title, description: values.description ?? '' }, collectionText(web.lang).fields, web.lang);
    const community = async () => this.rpc.send(GetCommunity, { id: communityId }, web.meta);
    if (!form.ok) return sendHtml(reply, newCollectionPage(web, await community(), { values, errors: form.errors }), 400);
    try {
      const { id } = await this.rpc.send(CreateCollection, form.data, web.meta);
      return redirect(reply, withNotice(paths.collection(id), 'collectie-gemaakt'));
    } catch (error) {
      const { status, errors } = refusalOf(error, web.lang, {}, COLLECTION_FIELDS);
      return sendHtml(reply, newCollectionPage(web, await community(), { values, errors }), status);
    }
  }

  @Get(Routes.collection)
  async collection(@Web() web: WebContext, @Param('id') id: string, @Query('zoektitel') q: unknown, @Res() reply: FastifyReply) {
    return sendHtml(reply, collectionPage(web, await loadCollectionPage(this.rpc, web.meta, idParam(id), q)));
  }

  @Post(Routes.changeCollection)
  async change(@Web() web: WebContext, @Param('id') idValue: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    requireViewer(web);
    const collectionId = idParam(idValue);
    const values = formValues(req.body);
    const form = validateForm(UpdateCollection.request, { collectionId, title: values.title, description: values.description ?? '' }, collectionText(web.lang).fields, web.lang);
    const again = async (status: number, errors: Record<string, string>) =>
      sendHtml(reply, collectionPage(web, await loadCollectionPage(this.rpc, web.meta, collectionId), { edit: { values, errors } }), status);
    if (!form.ok) return again(400, form.errors);
    try {
      await this.rpc.send(UpdateCollection, form.data, web.meta);
      return redirect(reply, withNotice(paths.collection(collectionId), 'collectie-gewijzigd'));
    } catch (error) {
      const { status, errors } = refusalOf(error, web.lang, {}, COLLECTION_FIELDS);
      return again(status, errors);
    }
  }

  @Post(Routes.deleteCollection)
  async remove(@Web() web: WebContext, @Param('id') idValue: string, @Res() reply: FastifyReply) {
    requireViewer(web);
    const collectionId = idParam(idValue);
    const { communityId } = await this.rpc.send(GetCollection, { id: collectionId }, web.meta);
    await this.rpc.send(DeleteCollection, { collectionId }, web.meta);
    return redirect(reply, `${withNotice(paths.community(communityId), 'collectie-verwijderd')}#themacollecties`);
  }
}
