import { Controller, Get, Param, Post, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AnswerCohost, CohostInvitations, DomainError, GetActivity, GetCommunity, InviteCohost, ListCohosts, ListCommunities, RemoveCohost } from '@kc/contracts';
import { RpcClient } from '@kc/messaging';
import { formValues, refusalOf, validateForm, type FormValues } from '../layout/forms';
import { withNotice } from '../layout/notices';
import { idParam } from '../layout/params';
import { paths, Routes } from '../layout/paths';
import { redirect, sendHtml } from '../layout/respond';
import { Web, WebGuard, type WebContext } from '../web-context';
import { WebErrorFilter } from '../web-error.filter';
import { requireViewer, WebErrors } from '../web-errors';
import { activityCohostsPage, cohostInvitationsPage, cohostText } from './cohosts.pages';

const ANSWERS = { aannemen: true, afslaan: false } as const;
/** A refusal the page explains (already invited, another region, …); others are error pages. */
const explained = (error: unknown): error is DomainError => error instanceof DomainError && error.statusCode < 500 && error.statusCode !== 403 && error.statusCode !== 404;

/** Samen organiseren: the host invites another community; the invited community answers. */
@ApiExcludeController()
@UseGuards(WebGuard)
@UseFilters(WebErrorFilter)
@Controller()
export class CohostsPagesController {
  constructor(private readonly rpc: RpcClient) {}

  @Get(Routes.activityCohosts)
  async page(@Web() web: WebContext, @Param('id') id: string, @Res() reply: FastifyReply) {
    requireViewer(web);
    return sendHtml(reply, await this.renderActivity(web, idParam(id)));
  }

  @Post(Routes.activityCohosts)
  async invite(@Web() web: WebContext, @Param('id') idValue: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    requireViewer(web);
    const id = idParam(idValue);
    const values = formValues(req.body);
    const form = validateForm(InviteCohost.request, { activityId: id, communityId: values.communityId ?? '' }, { communityId: cohostText(web.lang).community }, web.lang);
    if (!form.ok) return sendHtml(reply, await this.renderActivity(web, id, { values, errors: form.errors }), 400);
    try {
      await this.rpc.send(InviteCohost, form.data, web.meta);
      return redirect(reply, withNotice(paths.activityCohosts(id), 'community-uitgenodigd'));
    } catch (error) {
      const { status, errors } = refusalOf(error, web.lang, { COHOST_IS_HOST: 'communityId', COHOST_OTHER_REGION: 'communityId', COHOST_ALREADY_INVITED: 'communityId', COMMUNITY_NOT_FOUND: 'communityId' }, ['communityId']);
      if (status === 403 || (status === 404 && (error as DomainError).code !== 'COMMUNITY_NOT_FOUND')) throw error;
      return sendHtml(reply, await this.renderActivity(web, id, { values, errors }), status);
    }
  }

  @Post(Routes.removeCohost)
  async remove(@Web() web: WebContext, @Param('id') idValue: string, @Param('community') communityValue: string, @Res() reply: FastifyReply) {
    requireViewer(web);
    const id = idParam(idValue);
    const communityId = idParam(communityValue);
    try {
      await this.rpc.send(RemoveCohost, { activityId: id, communityId }, web.meta);
    } catch (error) {
      // Already gone (a second click): the page shows how it stands now.
      if (!(error instanceof DomainError) || error.code !== 'COHOST_INVITATION_NOT_FOUND') throw error;
    }
    // The host's organisers go back to their list; a co-host that stepped back to its community.
    const activity = await this.rpc.send(GetActivity, { id }, web.meta).catch(() => null);
    const community = activity ? await this.rpc.send(GetCommunity, { id: activity.communityId }, web.meta).catch(() => null) : null;
    const hostManager = !!community && (community.myRole === 'organiser' || !!web.viewer?.roles.includes('community_librarian'));
    return redirect(reply, withNotice(hostManager ? paths.activityCohosts(id) : paths.community(communityId), 'mede-organisator-weggehaald'));
  }

  @Get(Routes.cohostInvitations)
  async invitations(@Web() web: WebContext, @Param('id') id: string, @Res() reply: FastifyReply) {
    requireViewer(web);
    return sendHtml(reply, await this.renderInvitations(web, idParam(id)));
  }

  @Post(Routes.answerCohost)
  async answer(
    @Web() web: WebContext, @Param('id') idValue: string, @Param('activiteit') activityValue: string, @Param('antwoord') answer: string, @Res() reply: FastifyReply,
  ) {
    requireViewer(web);
    const communityId = idParam(idValue);
    const activityId = idParam(activityValue);
    if (!Object.hasOwn(ANSWERS, answer)) throw WebErrors.pageNotFound();
    const accept = ANSWERS[answer as keyof typeof ANSWERS];
    try {
      await this.rpc.send(AnswerCohost, { activityId, communityId, accept }, web.meta);
      return redirect(reply, withNotice(accept ? paths.activity(activityId) : paths.cohostInvitations(communityId), accept ? 'samen-organiseren-aangenomen' : 'samen-organiseren-afgeslagen'));
    } catch (error) {
      if (!explained(error)) throw error;
      return sendHtml(reply, await this.renderInvitations(web, communityId, error.messages[web.lang]), error.statusCode);
    }
  }

  private async renderActivity(web: WebContext, id: string, form: { values?: FormValues; errors?: Record<string, string> } = {}): Promise<string> {
    const activity = await this.rpc.send(GetActivity, { id }, web.meta);
    const [community, cohosts, candidates] = await Promise.all([
      this.rpc.send(GetCommunity, { id: activity.communityId }, web.meta),
      this.rpc.send(ListCohosts, { activityId: id }, web.meta),
      this.rpc.send(ListCommunities, { limit: 100 }, web.meta),
    ]);
    return activityCohostsPage(web, community, activity, cohosts.items, candidates.items.filter((c) => c.regionId === community.regionId), form);
  }

  private async renderInvitations(web: WebContext, communityId: string, error?: string): Promise<string> {
    const [community, invitations] = await Promise.all([
      this.rpc.send(GetCommunity, { id: communityId }, web.meta),
      this.rpc.send(CohostInvitations, { communityId }, web.meta),
    ]);
    return cohostInvitationsPage(web, community, invitations.items, error);
  }
}
