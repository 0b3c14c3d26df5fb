import { Controller, Get, Param, Post, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AnswerMembershipRequest, ChangeMemberRole, CommunityAccess, DomainError, GetCommunity, ListMembers, ListMembershipRequests, MemberRole, RemoveMember } from '@kc/contracts';
import { RpcClient } from '@kc/messaging';
import { formValues } from '../layout/forms';
import { withNotice, type NoticeKey } from '../layout/notices';
import { idParam } from '../layout/params';
import { paths, Routes } from '../layout/paths';
import { redirect, sendHtml } from '../layout/respond';
import { Web, WebGuard, type WebContext } from '../web-context';
import { WebErrorFilter } from '../web-error.filter';
import { requireViewer } from '../web-errors';
import { membersPage } from './members.pages';
import { mayModerate } from './membership-rules';

/**
 * Leden: the member list with roles, changing roles, removing members, and answering requests
 * to join. A refusal (the last organiser, a moderator and an organiser) is the service's own
 * message on the same page, with its status, not an error page.
 */
@ApiExcludeController()
@UseGuards(WebGuard)
@UseFilters(WebErrorFilter)
@Controller()
export class MembersPagesController {
  constructor(private readonly rpc: RpcClient) {}

  @Get(Routes.members)
  async members(@Web() web: WebContext, @Param('id') id: string, @Res() reply: FastifyReply) {
    requireViewer(web);
    return sendHtml(reply, await this.render(web, idParam(id)));
  }

  @Post(Routes.memberRole)
  async role(@Web() web: WebContext, @Param('id') id: string, @Param('lid') accountId: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    const parsed = MemberRole.safeParse(formValues(req.body).role);
    if (!parsed.success) {
      const message = web.lang === 'nl' ? 'Kies een van de rollen: organisator, moderator of lid.' : 'Choose one of the roles: organiser, moderator or member.';
      return sendHtml(reply, await this.render(web, idParam(id), message), 400);
    }
    return this.act(web, reply, idParam(id), 'lidrol-gewijzigd', (communityId) =>
      this.rpc.send(ChangeMemberRole, { communityId, accountId: idParam(accountId), role: parsed.data }, web.meta));
  }

  @Post(Routes.removeMember)
  remove(@Web() web: WebContext, @Param('id') id: string, @Param('lid') accountId: string, @Res() reply: FastifyReply) {
    return this.act(web, reply, idParam(id), 'lid-verwijderd', (communityId) => this.rpc.send(RemoveMember, { communityId, accountId: idParam(accountId) }, web.meta));
  }

  @Post(Routes.approveRequest)
  approve(@Web() web: WebContext, @Param('id') id: string, @Param('lid') accountId: string, @Res() reply: FastifyReply) {
    return this.act(web, reply, idParam(id), 'aanvraag-goedgekeurd', (communityId) =>
      this.rpc.send(AnswerMembershipRequest, { communityId, accountId: idParam(accountId), approve: true }, web.meta));
  }

  @Post(Routes.rejectRequest)
  reject(@Web() web: WebContext, @Param('id') id: string, @Param('lid') accountId: string, @Res() reply: FastifyReply) {
    return this.act(web, reply, idParam(id), 'aanvraag-afgewezen', (communityId) =>
      this.rpc.send(AnswerMembershipRequest, { communityId, accountId: idParam(accountId), approve: false }, web.meta));
  }

  private async act(web: WebContext, reply: FastifyReply, communityId: string, notice: NoticeKey, action: (communityId: string) => Promise<unknown>) {
    requireViewer(web);
    try {
      await action(communityId);
      return redirect(reply, withNotice(paths.members(communityId), notice));
    } catch (error) {
      // A community one may not see stays a 404 page; what the service refused is said here.
      if (!(error instanceof DomainError) || error.code === 'COMMUNITY_NOT_FOUND' || error.statusCode >= 500) throw error;
      return sendHtml(reply, await this.render(web, communityId, error.messages[web.lang]), error.statusCode);
    }
  }

  private async render(web: WebContext, id: string, error?: string): Promise<string> {
    const [community, access, members] = await Promise.all([
      this.rpc.send(GetCommunity, { id }, web.meta),
      this.rpc.send(CommunityAccess, { communityId: id }, web.meta),
      this.rpc.send(ListMembers, { communityId: id, limit: 200 }, web.meta),
    ]);
    const requests = mayModerate(access) ? (await this.rpc.send(ListMembershipRequests, { communityId: id }, web.meta)).items : null;
    return membersPage(web, { community, access, members: members.items, requests, error });
  }
}
