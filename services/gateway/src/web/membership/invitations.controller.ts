import { Controller, Get, Param, Post, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AcceptInvitation, CommunityAccess, CreateInvitation, DomainError, GetCommunity, GetInvitation, InvitationToken, ListInvitations, RevokeInvitation, type ResponseOf } from '@kc/contracts';
import { RpcClient } from '@kc/messaging';
import { formValues, refusalOf, validateForm, type FieldErrors, type FormValues } from '../layout/forms';
import { withNotice } from '../layout/notices';
import { idParam } from '../layout/params';
import { paths, Routes } from '../layout/paths';
import { redirect, sendHtml } from '../layout/respond';
import { Web, WebGuard, type WebContext } from '../web-context';
import { WebErrorFilter } from '../web-error.filter';
import { requireViewer, WebErrors } from '../web-errors';
import { invitationPage, invitationsPage, invitationsText } from './invitations.pages';
import { MembershipPageErrors } from './membership-errors';
import { mayModerate } from './membership-rules';

const CreateInvitationForm = CreateInvitation.request.omit({ communityId: true });

/** A token that cannot be one is a page that does not exist (404), like an id. */
function tokenParam(value: string): string {
  const parsed = InvitationToken.safeParse(value);
  if (!parsed.success) throw WebErrors.pageNotFound();
  return parsed.data;
}

/**
 * Uitnodigingen: links made, listed and revoked by those who may invite; the link's own page
 * shows the community and lets a signed-in resident accept (a signed-out one signs in and comes
 * back). An expired or revoked link is the service's 410, as an error page.
 */
@ApiExcludeController()
@UseGuards(WebGuard)
@UseFilters(WebErrorFilter)
@Controller()
export class InvitationsPagesController {
  constructor(private readonly rpc: RpcClient) {}

  @Get(Routes.communityInvitations)
  async list(@Web() web: WebContext, @Param('id') id: string, @Res() reply: FastifyReply) {
    requireViewer(web);
    return sendHtml(reply, await this.render(web, idParam(id)));
  }

  @Post(Routes.communityInvitations)
  async create(@Web() web: WebContext, @Param('id') idValue: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    requireViewer(web);
    const id = idParam(idValue);
    const values = { expiresInDays: formValues(req.body).expiresInDays ?? '' };
    const days = values.expiresInDays.trim();
    const form = validateForm(CreateInvitationForm, { expiresInDays: /^-?\d+$/.test(days) ? Number(days) : days === '' ? undefined : days }, invitationsText(web.lang).fields, web.lang);
    if (!form.ok) return sendHtml(reply, await this.render(web, id, { values, errors: form.errors }), 400);
    try {
      const created = await this.rpc.send(CreateInvitation, { ...form.data, communityId: id }, web.meta);
      // Shown here and now (never in an address): the token exists nowhere else in readable form.
      return sendHtml(reply, await this.render(web, id, { created }), 201);
    } catch (error) {
      const { status, errors } = refusalOf(error, web.lang, {}, ['expiresInDays']);
      return sendHtml(reply, await this.render(web, id, { values, errors }), status);
    }
  }

  @Post(Routes.revokeInvitation)
  async revoke(@Web() web: WebContext, @Param('id') idValue: string, @Param('uitnodiging') invitationId: string, @Res() reply: FastifyReply) {
    requireViewer(web);
    const id = idParam(idValue);
    await this.rpc.send(RevokeInvitation, { communityId: id, invitationId: idParam(invitationId) }, web.meta);
    return redirect(reply, withNotice(paths.communityInvitations(id), 'uitnodiging-ingetrokken'));
  }

  @Get(Routes.invitation)
  async invitation(@Web() web: WebContext, @Param('token') value: string, @Res() reply: FastifyReply) {
    const token = tokenParam(value);
    return sendHtml(reply, invitationPage(web, token, await this.rpc.send(GetInvitation, { token }, web.meta)));
  }

  @Post(Routes.acceptInvitation)
  async accept(@Web() web: WebContext, @Param('token') value: string, @Res() reply: FastifyReply) {
    requireViewer(web);
    const token = tokenParam(value);
    try {
      const { communityId } = await this.rpc.send(AcceptInvitation, { token }, web.meta);
      return redirect(reply, withNotice(paths.community(communityId), 'uitnodiging-geaccepteerd'));
    } catch (error) {
      // Gone (410) or unknown (404) is the error page; another refusal (another region) is said on the invitation's page.
      if (!(error instanceof DomainError) || [404, 410].includes(error.statusCode) || error.statusCode >= 500) throw error;
      return sendHtml(reply, invitationPage(web, token, await this.rpc.send(GetInvitation, { token }, web.meta), error.messages[web.lang]), error.statusCode);
    }
  }

  private async render(web: WebContext, id: string, extra: { created?: ResponseOf<typeof CreateInvitation>; values?: FormValues; errors?: FieldErrors } = {}): Promise<string> {
    const community = await this.rpc.send(GetCommunity, { id }, web.meta);
    if (!mayModerate(await this.rpc.send(CommunityAccess, { communityId: id }, web.meta))) throw MembershipPageErrors.moderatorsOnly();
    const invitations = await this.rpc.send(ListInvitations, { communityId: id }, web.meta);
    return invitationsPage(web, { community, invitations: invitations.items, ...extra });
  }
}
