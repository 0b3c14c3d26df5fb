import { Controller, Get, Param, Post, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  DeleteContribution, EditContribution, GetCommunity, GetContribution, GetConversation, ListMembers, PostContribution, ReactionKind, SetReaction,
} from '@kc/contracts';
import { RpcClient } from '@kc/messaging';
import { formValues, optionalText, refusalOf, validateForm, type FieldErrors, type FormValues } from '../layout/forms';
import { withNotice } from '../layout/notices';
import { idParam } from '../layout/params';
import { paths, Routes } from '../layout/paths';
import { redirect, sendHtml } from '../layout/respond';
import { Web, WebGuard, type WebContext } from '../web-context';
import { WebErrorFilter } from '../web-error.filter';
import { requireViewer, WebErrors } from '../web-errors';
import { CONTRIBUTION_FIELDS, contributionText, editPage, replyPage } from './contributions.pages';
import { conversationPage } from './conversations.pages';
import { loadThread, mentionsOf } from './thread.loader';
import { loadTitles } from './titles.loader';

/** Which form field a service refusal is about. */
const FIELD_OF_CODE = { MENTION_NOT_A_MEMBER: 'mentions', CONTRIBUTION_EMPTY: 'body' };
const contributionAnchor = (conversationId: string, contributionId: string, notice?: Parameters<typeof withNotice>[1]) =>
  `${notice ? withNotice(paths.conversation(conversationId), notice) : paths.conversation(conversationId)}#bijdrage-${contributionId}`;

/** Contributing to a conversation from the web: post, reply, change, delete and react, all as plain forms. */
@ApiExcludeController()
@UseGuards(WebGuard)
@UseFilters(WebErrorFilter)
@Controller()
export class ContributionsPagesController {
  constructor(private readonly rpc: RpcClient) {}

  @Post(Routes.contributions)
  async post(@Web() web: WebContext, @Param('id') idValue: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    requireViewer(web);
    const conversationId = idParam(idValue);
    const values = formValues(req.body);
    const mentions = mentionsOf(req.body);
    const input = { conversationId, body: values.body, parentId: optionalText(values.parentId), mentions: mentions.length ? mentions : undefined };
    const form = validateForm(PostContribution.request, input, contributionText(web.lang).fields, web.lang);
    if (!form.ok) return this.refused(web, reply, conversationId, values, mentions, form.errors, 400);
    try {
      const { id } = await this.rpc.send(PostContribution, form.data, web.meta);
      return redirect(reply, contributionAnchor(conversationId, id, 'bijdrage-geplaatst'));
    } catch (error) {
      const { status, errors } = refusalOf(error, web.lang, FIELD_OF_CODE, CONTRIBUTION_FIELDS);
      return this.refused(web, reply, conversationId, values, mentions, errors, status);
    }
  }

  @Get(Routes.replyContribution)
  async replyForm(@Web() web: WebContext, @Param('id') id: string, @Res() reply: FastifyReply) {
    requireViewer(web);
    const { parent, conversation, members } = await this.replyContext(web, idParam(id));
    return sendHtml(reply, replyPage(web, conversation, parent, members));
  }

  @Get(Routes.editContribution)
  async editForm(@Web() web: WebContext, @Param('id') id: string, @Res() reply: FastifyReply) {
    requireViewer(web);
    const contribution = await this.rpc.send(GetContribution, { contributionId: idParam(id) }, web.meta);
    if (!contribution.canEdit || contribution.source === null) throw WebErrors.pageNotFound();
    const conversation = await this.rpc.send(GetConversation, { id: contribution.conversationId }, web.meta);
    return sendHtml(reply, editPage(web, conversation, contribution, { values: { body: contribution.source } }));
  }

  @Post(Routes.editContribution)
  async edit(@Web() web: WebContext, @Param('id') idValue: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    requireViewer(web);
    const contributionId = idParam(idValue);
    const values = formValues(req.body);
    const contribution = await this.rpc.send(GetContribution, { contributionId }, web.meta);
    const conversation = await this.rpc.send(GetConversation, { id: contribution.conversationId }, web.meta);
    const form = validateForm(EditContribution.request, { contributionId, body: values.body }, contributionText(web.lang).fields, web.lang);
    if (!form.ok) return sendHtml(reply, editPage(web, conversation, contribution, { values, errors: form.errors }), 400);
    try {
      await this.rpc.send(EditContribution, form.data, web.meta);
      return redirect(reply, contributionAnchor(conversation.id, contributionId, 'bijdrage-gewijzigd'));
    } catch (error) {
      const { status, errors } = refusalOf(error, web.lang, FIELD_OF_CODE, CONTRIBUTION_FIELDS);
      return sendHtml(reply, editPage(web, conversation, contribution, { values, errors }), status);
    }
  }

  @Post(Routes.deleteContribution)
  async delete(@Web() web: WebContext, @Param('id') idValue: string, @Res() reply: FastifyReply) {
    requireViewer(web);
    const contributionId = idParam(idValue);
    await this.rpc.send(DeleteContribution, { contributionId }, web.meta);
    const { conversationId } = await this.rpc.send(GetContribution, { contributionId }, web.meta);
    return redirect(reply, contributionAnchor(conversationId, contributionId, 'bijdrage-verwijderd'));
  }

  /** `soort` is the kind, `aan` says give (ja) or take back (nee); the page comes back at the contribution. */
  @Post(Routes.reactContribution)
  async react(@Web() web: WebContext, @Param('id') idValue: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    requireViewer(web);
    const contributionId = idParam(idValue);
    const values = formValues(req.body);
    const kind = ReactionKind.safeParse(values.soort);
    if (!kind.success || (values.aan !== 'ja' && values.aan !== 'nee')) throw WebErrors.pageNotFound();
    await this.rpc.send(SetReaction, { contributionId, kind: kind.data, on: values.aan === 'ja' }, web.meta);
    const { conversationId } = await this.rpc.send(GetContribution, { contributionId }, web.meta);
    return redirect(reply, contributionAnchor(conversationId, contributionId));
  }

  /** A refused contribution: the reply page again for a reply, the conversation page for a new one, with what was typed. */
  private async refused(web: WebContext, reply: FastifyReply, conversationId: string, values: FormValues, mentions: string[], errors: FieldErrors, status: number) {
    const parentId = optionalText(values.parentId);
    if (parentId && !errors.parentId && !errors['']) {
      const context = await this.replyContext(web, idParam(parentId));
      return sendHtml(reply, replyPage(web, context.conversation, context.parent, context.members, { values, errors, mentions }), status);
    }
    const conversation = await this.rpc.send(GetConversation, { id: conversationId }, web.meta);
    const community = await this.rpc.send(GetCommunity, { id: conversation.communityId }, web.meta);
    const thread = await loadThread(this.rpc, web.meta, conversation.id, community, undefined, { values, errors, mentions });
    const titles = await loadTitles(this.rpc, web.meta, conversation, community);
    return sendHtml(reply, conversationPage(web, community, conversation, titles, thread), status);
  }

  private async replyContext(web: WebContext, contributionId: string) {
    const parent = await this.rpc.send(GetContribution, { contributionId }, web.meta);
    if (parent.deleted || parent.hidden) throw WebErrors.pageNotFound();
    const conversation = await this.rpc.send(GetConversation, { id: parent.conversationId }, web.meta);
    const { items: members } = await this.rpc.send(ListMembers, { communityId: conversation.communityId, limit: 200 }, web.meta);
    return { parent, conversation, members };
  }
}
