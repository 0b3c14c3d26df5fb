import { Controller, Param, Post, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AddConversationTitle, DismissSuggestion, Id, plainText, RemoveConversationTitle } from '@kc/contracts';
import { RpcClient } from '@kc/messaging';
import { formValues } from '../layout/forms';
import { withNotice } from '../layout/notices';
import { idParam } from '../layout/params';
import { paths, Routes } from '../layout/paths';
import { redirect } from '../layout/respond';
import { Web, WebGuard, type WebContext } from '../web-context';
import { WebErrorFilter } from '../web-error.filter';
import { requireViewer, WebErrors } from '../web-errors';

const Reason = plainText(0, 500);
const titlesOf = (conversationId: string, notice: Parameters<typeof withNotice>[1]) => `${withNotice(paths.conversation(conversationId), notice)}#bibliotheektitels`;

/** Toevoegen, Niet passend and Weghalen on a conversation's library titles, as plain forms. */
@ApiExcludeController()
@UseGuards(WebGuard)
@UseFilters(WebErrorFilter)
@Controller()
export class ConversationTitlesPagesController {
  constructor(private readonly rpc: RpcClient) {}

  @Post(Routes.addConversationTitle)
  async add(@Web() web: WebContext, @Param('id') idValue: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    requireViewer(web);
    const conversationId = idParam(idValue);
    const titleId = Id.safeParse(formValues(req.body).titleId);
    if (!titleId.success) throw WebErrors.pageNotFound();
    await this.rpc.send(AddConversationTitle, { conversationId, titleId: titleId.data }, web.meta);
    return redirect(reply, titlesOf(conversationId, 'titel-toegevoegd'));
  }

  @Post(Routes.removeConversationTitle)
  async remove(@Web() web: WebContext, @Param('id') idValue: string, @Param('titel') titleValue: string, @Res() reply: FastifyReply) {
    requireViewer(web);
    const conversationId = idParam(idValue);
    await this.rpc.send(RemoveConversationTitle, { conversationId, titleId: idParam(titleValue) }, web.meta);
    return redirect(reply, titlesOf(conversationId, 'titel-weggehaald'));
  }

  @Post(Routes.dismissSuggestion)
  async dismiss(@Web() web: WebContext, @Param('id') idValue: string, @Param('titel') titleValue: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    requireViewer(web);
    const conversationId = idParam(idValue);
    // An unusable reason is left out rather than refused: it is optional, and the dismissal is what counts.
    const reason = Reason.safeParse(formValues(req.body).reason ?? '');
    const given = reason.success && reason.data ? { reason: reason.data } : {};
    await this.rpc.send(DismissSuggestion, { conversationId, titleId: idParam(titleValue), ...given }, web.meta);
    return redirect(reply, titlesOf(conversationId, 'titel-niet-passend'));
  }
}
