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
import { awaitingTitles, CONVERSATION_FIELDS, conversationPage, conversationText, newConversationPage, renderTitles } from './conversations.pages';
import { loadThread } from './thread.loader';

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
  async conversation(@Web() web: WebContext, @Param('id') id: string, @Query('vanaf') cursor: unknown, @Res() reply: FastifyReply) {
    const conversation = await this.rpc.send(GetConversation, { id: idParam(id) }, web.meta);
    const community = await this.rpc.send(GetCommunity, { id: conversation.communityId }, web.meta);
    const thread = await loadThread(this.rpc, web.meta, conversation.id, community, cursor);
    return sendHtml(reply, conversationPage(web, community, conversation, awaitingTitles(conversation), thread));
  }

  /** The titles section alone, for htmx while the catalogue worker is busy. */
  @Get(Routes.conversationTitles)
  async titles(@Web() web: WebContext, @Param('id') id: string, @Res() reply: FastifyReply) {
    const conversation = await this.rpc.send(GetConversation, { id: idParam(id) }, web.meta);
    const waiting = awaitingTitles(conversation);
    return sendHtml(reply, renderTitles(web.lang, conversation.suggestions, waiting), waiting ? 200 : STOP_POLLING);
  }
}
