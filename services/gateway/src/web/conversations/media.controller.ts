import { Controller, Get, Param, Post, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AddMedia, ChangeMedia, GetCommunity, GetConversation, RemoveMedia } from '@kc/contracts';
import { RpcClient } from '@kc/messaging';
import { formValues, optionalText, refusalOf, validateForm, type FieldErrors, type FormValues } from '../layout/forms';
import { withNotice } from '../layout/notices';
import { idParam } from '../layout/params';
import { paths, Routes } from '../layout/paths';
import { redirect, sendHtml } from '../layout/respond';
import { Web, WebGuard, type WebContext } from '../web-context';
import { WebErrorFilter } from '../web-error.filter';
import { requireViewer } from '../web-errors';
import { conversationPage } from './conversations.pages';
import { anyPending, MEDIA_FIELDS, mediaText, renderMediaList } from './media.pages';
import { loadThread } from './thread.loader';
import { loadTitles } from './titles.loader';

/** htmx stops polling on this status (and still shows the answer). */
const STOP_POLLING = 286;
const FIELD_OF_CODE = { MEDIA_URL_NOT_ALLOWED: 'url' };
const mediaOf = (conversationId: string, notice: Parameters<typeof withNotice>[1]) => `${withNotice(paths.conversation(conversationId), notice)}#media`;

/** Links in a conversation from the web: share, change kind or note, remove — plain forms; the list alone for htmx while previews are fetched. */
@ApiExcludeController()
@UseGuards(WebGuard)
@UseFilters(WebErrorFilter)
@Controller()
export class MediaPagesController {
  constructor(private readonly rpc: RpcClient) {}

  @Get(Routes.conversationMedia)
  async list(@Web() web: WebContext, @Param('id') id: string, @Res() reply: FastifyReply) {
    const conversation = await this.rpc.send(GetConversation, { id: idParam(id) }, web.meta);
    const view = { conversationId: conversation.id, items: conversation.media, canAdd: false };
    return sendHtml(reply, renderMediaList(web, view), anyPending(conversation.media) ? 200 : STOP_POLLING);
  }

  @Post(Routes.conversationMedia)
  async add(@Web() web: WebContext, @Param('id') idValue: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    requireViewer(web);
    const conversationId = idParam(idValue);
    const values = formValues(req.body);
    const form = validateForm(AddMedia.request, { conversationId, url: values.url, note: optionalText(values.note) }, mediaText(web.lang).fields, web.lang);
    if (!form.ok) return this.refused(web, reply, conversationId, values, form.errors, 400);
    try {
      await this.rpc.send(AddMedia, form.data, web.meta);
      return redirect(reply, mediaOf(conversationId, 'link-gedeeld'));
    } catch (error) {
      const { status, errors } = refusalOf(error, web.lang, FIELD_OF_CODE, MEDIA_FIELDS);
      return this.refused(web, reply, conversationId, values, errors, status);
    }
  }

  @Post(Routes.changeMedia)
  async change(@Web() web: WebContext, @Param('id') idValue: string, @Param('link') linkValue: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    requireViewer(web);
    const conversationId = idParam(idValue);
    const values = formValues(req.body);
    const form = validateForm(ChangeMedia.request, { mediaId: idParam(linkValue), kind: values.kind, note: values.note ?? '' }, mediaText(web.lang).fields, web.lang);
    if (!form.ok) return this.refused(web, reply, conversationId, {}, { '': Object.values(form.errors).join(' ') }, 400);
    await this.rpc.send(ChangeMedia, form.data, web.meta);
    return redirect(reply, mediaOf(conversationId, 'link-gewijzigd'));
  }

  @Post(Routes.removeMedia)
  async remove(@Web() web: WebContext, @Param('id') idValue: string, @Param('link') linkValue: string, @Res() reply: FastifyReply) {
    requireViewer(web);
    const conversationId = idParam(idValue);
    await this.rpc.send(RemoveMedia, { mediaId: idParam(linkValue) }, web.meta);
    return redirect(reply, mediaOf(conversationId, 'link-weggehaald'));
  }

  /** A refused link: the conversation page again, with what was typed and why. */
  private async refused(web: WebContext, reply: FastifyReply, conversationId: string, values: FormValues, errors: FieldErrors, status: number) {
    const conversation = await this.rpc.send(GetConversation, { id: conversationId }, web.meta);
    const community = await this.rpc.send(GetCommunity, { id: conversation.communityId }, web.meta);
    const thread = await loadThread(this.rpc, web.meta, conversation.id, community, undefined);
    const titles = await loadTitles(this.rpc, web.meta, conversation, community);
    return sendHtml(reply, conversationPage(web, community, conversation, titles, thread, { values, errors }), status);
  }
}
