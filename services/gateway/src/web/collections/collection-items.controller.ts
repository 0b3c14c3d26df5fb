import { Controller, Param, Post, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AddCollectionItemBody, ChangeCollectionItem, RemoveCollectionItem, AddCollectionItem } from '@kc/contracts';
import { RpcClient } from '@kc/messaging';
import { formValues, optionalText, refusalOf, validateForm, type FieldErrors, type FormValues } from '../layout/forms';
import { withNotice } from '../layout/notices';
import { idParam } from '../layout/params';
import { paths, Routes } from '../layout/paths';
import { redirect, sendHtml } from '../layout/respond';
import { Web, WebGuard, type WebContext } from '../web-context';
import { WebErrorFilter } from '../web-error.filter';
import { requireViewer } from '../web-errors';
import { loadCollectionPage } from './collection.loader';
import { collectionPage } from './collections.pages';
import { collectionText, ITEM_FIELDS } from './collections.text';

const FIELD_OF_CODE = { MEDIA_URL_NOT_ALLOWED: 'url', COLLECTION_TARGET_NOT_FOUND: 'refId', TITLE_NOT_FOUND: 'refId' };
const at = (collectionId: string, notice: Parameters<typeof withNotice>[1], anchor = 'onderdelen') => `${withNotice(paths.collection(collectionId), notice)}#${anchor}`;

/** Toevoegen, Toelichting opslaan, Omhoog/Omlaag and Weghalen on a collection's items, as plain forms. */
@ApiExcludeController()
@UseGuards(WebGuard)
@UseFilters(WebErrorFilter)
@Controller()
export class CollectionItemsPagesController {
  constructor(private readonly rpc: RpcClient) {}

  @Post(Routes.addCollectionItem)
  async add(@Web() web: WebContext, @Param('id') idValue: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    requireViewer(web);
    const collectionId = idParam(idValue);
    const values = formValues(req.body);
    const input = { type: values.type, refId: optionalText(values.refId), url: optionalText(values.url), note: optionalText(values.note) };
    const form = validateForm(AddCollectionItemBody, values.type === 'link' ? { ...input, url: values.url ?? '' } : input, collectionText(web.lang).fields, web.lang);
    if (!form.ok) return this.refused(web, reply, collectionId, values, form.errors, 400);
    try {
      const { id } = await this.rpc.send(AddCollectionItem, { ...form.data, collectionId }, web.meta);
      return redirect(reply, at(collectionId, 'onderdeel-toegevoegd', `onderdeel-${id}`));
    } catch (error) {
      const { status, errors } = refusalOf(error, web.lang, FIELD_OF_CODE, ITEM_FIELDS);
      return this.refused(web, reply, collectionId, values, errors, status);
    }
  }

  @Post(Routes.changeCollectionItem)
  async change(@Web() web: WebContext, @Param('id') idValue: string, @Param('onderdeel') itemValue: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    requireViewer(web);
    const collectionId = idParam(idValue);
    const itemId = idParam(itemValue);
    const values = formValues(req.body);
    const form = validateForm(ChangeCollectionItem.request, { collectionId, itemId, note: values.note ?? '' }, collectionText(web.lang).fields, web.lang);
    if (!form.ok) return this.refused(web, reply, collectionId, {}, { '': Object.values(form.errors).join(' ') }, 400);
    await this.rpc.send(ChangeCollectionItem, form.data, web.meta);
    return redirect(reply, at(collectionId, 'onderdeel-gewijzigd', `onderdeel-${itemId}`));
  }

  @Post(Routes.moveCollectionItem)
  async move(@Web() web: WebContext, @Param('id') idValue: string, @Param('onderdeel') itemValue: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    requireViewer(web);
    const collectionId = idParam(idValue);
    const itemId = idParam(itemValue);
    const form = validateForm(ChangeCollectionItem.request, { collectionId, itemId, position: Number(formValues(req.body).position) }, {}, web.lang);
    if (!form.ok) return this.refused(web, reply, collectionId, {}, { '': Object.values(form.errors).join(' ') }, 400);
    await this.rpc.send(ChangeCollectionItem, form.data, web.meta);
    return redirect(reply, at(collectionId, 'onderdeel-verplaatst', `onderdeel-${itemId}`));
  }

  @Post(Routes.removeCollectionItem)
  async remove(@Web() web: WebContext, @Param('id') idValue: string, @Param('onderdeel') itemValue: string, @Res() reply: FastifyReply) {
    requireViewer(web);
    const collectionId = idParam(idValue);
    await this.rpc.send(RemoveCollectionItem, { collectionId, itemId: idParam(itemValue) }, web.meta);
    return redirect(reply, at(collectionId, 'onderdeel-weggehaald'));
  }

  /** A refused item: the collection page again, with what was typed and why. */
  private async refused(web: WebContext, reply: FastifyReply, collectionId: string, values: FormValues, errors: FieldErrors, status: number) {
    const data = await loadCollectionPage(this.rpc, web.meta, collectionId);
    return sendHtml(reply, collectionPage(web, data, { item: { values, errors } }), status);
  }
}
