import { Controller, Get, Param, Post, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { GetCommunity, GetConversation, StartConversation } from '@kc/contracts';
import { RpcClient } from '@kc/messaging';
import { formValues, refusalOf, validateForm } from '../layout/forms';
import { withNotice } from '../layout/notices';
import { idParam } from '../layout/params';
import { paths, Routes } from '../layout/paths';
import { redirect, sendHtml } from '../layout/respond';
import { Web, WebGuard, type WebContext } from '../web-context';
import { WebErrorFilter } from '../web-error.filter';
import { requireViewer } from '../web-errors';
import { renderSuggestions } from './conversation-titles.pages';
import { CONVERSATION_FIELDS, conversationPage, conversationText, newConversationPage } from './conversations.pages';
import { loadThread } from './thread.loader';
import { loadTitles } from './titles.loader';

/** htmx stops polling on this status (and still shows the answer). */
const STOP_POLLING = 286;

/** Gesprek starten and a conversation's page with its suggested library titles. */
@ApiExcludeController()
@UseGuards(WebGuard)
@UseFilters(WebErrorFilter)
@Controller()
export class ConversationsPagesController {
  constructor(private readonly rpc: RpcClient) {}

  @Get(Routes.newConversation)
  async newConversation(@Web() web: WebContext, @Param('id') id: string, @Res() reply: FastifyReply) {
    requireViewer(web);
    const community = await this.rpc.send(GetCommunity, { id: idParam(id) }, web.meta);
    return sendHtml(reply, newConversationPage(web, community));
  }

  @Post(Routes.newConversation)
  async start(@Web() web: WebContext, @Param('id') idValue: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    requireViewer(web);
    const communityId = idParam(idValue);
    const community = await this.rpc.send(GetCommunity, { id: communityId }, web.meta);
    const values = formValues(req.body);
    const form = validateForm(StartConversation.request, { communityId, title: values.title, body: values.body }, conversationText(web.lang).fields, web.lang);
    if (!form.ok) return sendHtml(reply, newConversationPage(web, community, { values, errors: form.errors }), 400);
    try {
      const { id } = await this.rpc.send(StartConversation, form.data, web.meta);
      return redirect(reply, withNotice(paths.conversation(id), 'gesprek-gestart'));
    } catch (error) {
      const { status, errors } = refusalOf(error, web.lang, {}, CONVERSATION_FIELDS);
      return sendHtml(reply, newConversationPage(web, community, { values, errors }), status);
    }
  }

  @Get(Routes.conversation)
  async conversation(@Web() web: WebContext, @Param('id') id: string, @Query('vanaf') cursor: unknown, @Query('zoektitel') q: unknown, @Res() reply: FastifyReply) {
    const conversation = await this.rpc.send(GetConversation, { id: idParam(id) }, web.meta);
    const community = await this.rpc.send(GetCommunity, { id: conversation.communityId }, web.meta);
    const thread = await loadThread(this.rpc, web.meta, conversation.id, community, cursor);
    const titles = await loadTitles(this.rpc, web.meta, conversation, community, q);
    return sendHtml(reply, conversationPage(web, community, conversation, titles, thread));
  }

  /** The titles section alone, for htmx while the catalogue worker is busy. */
  @Get(Routes.conversationTitles)
  async titles(@Web() web: WebContext, @Param('id') id: string, @Res() reply: FastifyReply) {
    const conversation = await this.rpc.send(GetConversation, { id: idParam(id) }, web.meta);
    const community = await this.rpc.send(GetCommunity, { id: conversation.communityId }, web.meta);
    const titles = await loadTitles(this.rpc, web.meta, conversation, community);
    return sendHtml(reply, renderSuggestions(web, titles), titles.waiting ? 200 : STOP_POLLING);
  }
}
