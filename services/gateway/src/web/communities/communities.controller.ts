import { Controller, Get, Param, Post, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CommunityAccess, CommunityCalendar, CreateCommunity, DomainError, GetCommunity, GetCommunityPlan, GetRegion, JoinCommunity, ListActivities, ListCollections, ListCommunityPartners, ListConversations, RemoveMember } from '@kc/contracts';
import { RpcClient } from '@kc/messaging';
import { formValues, optionalText, refusalOf, validateForm } from '../layout/forms';
import { withNotice } from '../layout/notices';
import { idParam } from '../layout/params';
import { paths, Routes } from '../layout/paths';
import { redirect, sendHtml } from '../layout/respond';
import { Web, WebGuard, type WebContext } from '../web-context';
import { WebErrorFilter } from '../web-error.filter';
import { requireViewer } from '../web-errors';
import { mayOrganise, mayReadMembers } from '../membership/membership-rules';
import { partnerChoices } from '../organisations/partner-choices';
import { COMMUNITY_FIELDS, communityPage, communityText, newCommunityPage } from './communities.pages';

/** Community starten, a community's page (description, Lid worden, conversations, activities) and its calendar. */
@ApiExcludeController()
@UseGuards(WebGuard)
@UseFilters(WebErrorFilter)
@Controller()
export class CommunitiesPagesController {
  constructor(private readonly rpc: RpcClient) {}

  @Get(Routes.newCommunity)
  newCommunity(@Web() web: WebContext, @Res() reply: FastifyReply) {
    requireViewer(web);
    return sendHtml(reply, newCommunityPage(web));
  }

  @Post(Routes.newCommunity)
  async createCommunity(@Web() web: WebContext, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    requireViewer(web);
    const values = formValues(req.body);
    const input = {
      name: values.name, description: values.description ?? '', visibility: optionalText(values.visibility), joinMode: optionalText(values.joinMode),
      onBehalfOfLibrary: values.onBehalfOfLibrary === 'ja',
      scope: values.scope === 'national' ? ('national' as const) : ('regional' as const),
    };
    const form = validateForm(CreateCommunity.request, input, communityText(web.lang).fields, web.lang);
    if (!form.ok) return sendHtml(reply, newCommunityPage(web, { values, errors: form.errors }), 400);
    try {
      const { id } = await this.rpc.send(CreateCommunity, form.data, web.meta);
      return redirect(reply, withNotice(paths.community(id), 'community-gestart'));
    } catch (error) {
      const { status, errors } = refusalOf(error, web.lang, { NOT_A_COMMUNITY_LIBRARIAN: 'onBehalfOfLibrary', NOT_ALLOWED_NATIONAL: 'scope', STAFF_JOIN_ONLY_NATIONAL: 'joinMode' }, COMMUNITY_FIELDS);
      return sendHtml(reply, newCommunityPage(web, { values, errors }), status);
    }
  }

  @Get(Routes.community)
  async community(@Web() web: WebContext, @Param('id') id: string, @Res() reply: FastifyReply) {
    return sendHtml(reply, await this.render(web, idParam(id)));
  }

  @Post(Routes.joinCommunity)
  async join(@Web() web: WebContext, @Param('id') idValue: string, @Res() reply: FastifyReply) {
    requireViewer(web);
    const id = idParam(idValue);
    try {
      const answer = await this.rpc.send(JoinCommunity, { communityId: id }, web.meta);
      return redirect(reply, withNotice(paths.community(id), answer.status === 'requested' ? 'lid-aangevraagd' : 'lid'));
    } catch (error) {
      if (!(error instanceof DomainError) || error.statusCode === 404 || error.statusCode >= 500) throw error;
      return sendHtml(reply, await this.render(web, id, error.messages[web.lang]), error.statusCode);
    }
  }

  /** Leaving is removing oneself; the last organiser is told why not, on the community page. */
  @Post(Routes.leaveCommunity)
  async leave(@Web() web: WebContext, @Param('id') idValue: string, @Res() reply: FastifyReply) {
    const viewer = requireViewer(web);
    const id = idParam(idValue);
    try {
      await this.rpc.send(RemoveMember, { communityId: id, accountId: viewer.id }, web.meta);
      return redirect(reply, withNotice(paths.community(id), 'community-verlaten'));
    } catch (error) {
      if (!(error instanceof DomainError) || error.statusCode === 404 || error.statusCode >= 500) throw error;
      return sendHtml(reply, await this.render(web, id, error.messages[web.lang]), error.statusCode);
    }
  }

  /** The calendar as a file to open in one's own agenda; members-only communities through the session. */
  @Get(Routes.communityCalendar)
  async calendar(@Web() web: WebContext, @Param('id') id: string, @Res() reply: FastifyReply) {
    const { ics } = await this.rpc.send(CommunityCalendar, { communityId: idParam(id) }, web.meta);
    return reply
      .header('content-type', 'text/calendar; charset=utf-8')
      .header('content-disposition', 'attachment; filename="agenda.ics"')
      .header('cache-control', 'no-store')
      .send(ics);
  }

  private async render(web: WebContext, id: string, error?: string): Promise<string> {
    const [community, access, conversations, activities, collections] = await Promise.all([
      this.rpc.send(GetCommunity, { id }, web.meta),
      this.rpc.send(CommunityAccess, { communityId: id }, web.meta),
      this.rpc.send(ListConversations, { communityId: id, limit: 50 }, web.meta),
      this.rpc.send(ListActivities, { communityId: id, when: 'upcoming', limit: 20 }, web.meta),
      this.rpc.send(ListCollections, { communityId: id, limit: 50 }, web.meta),
    ]);
    const [region, plan, partners] = await Promise.all([
      this.rpc.send(GetRegion, { id: community.regionId }, web.meta).catch(() => null),
      web.viewer && mayReadMembers(access) ? this.rpc.send(GetCommunityPlan, { communityId: id }, web.meta) : null,
      this.rpc.send(ListCommunityPartners, { communityId: id }, web.meta),
    ]);
    // The community's region's organisations (and the national ones), not the viewer's: an organiser
    // of a national community or the operator may live elsewhere. No region read, no form.
    const organisations = web.viewer && mayOrganise(access) && region ? await partnerChoices(this.rpc, web.meta, community, region) : null;
    return communityPage(web, {
      community, access, conversations: conversations.items, activities: activities.items, collections: collections.items, plan, partners: partners.items, organisations,
      regionSlug: region?.slug ?? null, regionName: region?.name ?? null, error,
    });
  }
}
