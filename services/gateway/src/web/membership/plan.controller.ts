import { Controller, Get, Param, Post, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CommunityAccess, CommunityPlanInput, GetCommunity, GetCommunityPlan, SetCommunityPlan, UpdateCommunity } from '@kc/contracts';
import { RpcClient } from '@kc/messaging';
import { formValues, refusalOf, validateForm } from '../layout/forms';
import { withNotice } from '../layout/notices';
import { idParam } from '../layout/params';
import { paths, Routes } from '../layout/paths';
import { redirect, sendHtml } from '../layout/respond';
import { Web, WebGuard, type WebContext } from '../web-context';
import { WebErrorFilter } from '../web-error.filter';
import { requireViewer } from '../web-errors';
import { joinModeLabel } from './join-mode-choice';
import { MembershipPageErrors } from './membership-errors';
import { mayOrganise } from './membership-rules';
import { PLAN_FIELDS, planEditPage, planText, settingsPage } from './plan.pages';

const SettingsForm = UpdateCommunity.request.omit({ communityId: true });

/** The community plan's form and the community's settings (its join mode), for organisers and the region's community librarians. */
@ApiExcludeController()
@UseGuards(WebGuard)
@UseFilters(WebErrorFilter)
@Controller()
export class CommunityPlanPagesController {
  constructor(private readonly rpc: RpcClient) {}

  @Get(Routes.communityPlan)
  async plan(@Web() web: WebContext, @Param('id') idValue: string, @Res() reply: FastifyReply) {
    requireViewer(web);
    const id = idParam(idValue);
    const community = await this.organisedCommunity(web, id);
    const plan = await this.rpc.send(GetCommunityPlan, { communityId: id }, web.meta);
    return sendHtml(reply, planEditPage(web, community, { values: plan.source }));
  }

  @Post(Routes.communityPlan)
  async savePlan(@Web() web: WebContext, @Param('id') idValue: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    requireViewer(web);
    const id = idParam(idValue);
    const all = formValues(req.body);
    const values = Object.fromEntries(PLAN_FIELDS.map((f) => [f, all[f] ?? '']));
    const form = validateForm(CommunityPlanInput, values, planText(web.lang).fields, web.lang);
    const community = await this.rpc.send(GetCommunity, { id }, web.meta);
    if (!form.ok) return sendHtml(reply, planEditPage(web, community, { values, errors: form.errors }), 400);
    try {
      await this.rpc.send(SetCommunityPlan, { ...form.data, communityId: id }, web.meta);
      return redirect(reply, `${withNotice(paths.community(id), 'plan-opgeslagen')}#communityplan`);
    } catch (error) {
      const { status, errors } = refusalOf(error, web.lang, {}, [...PLAN_FIELDS]);
      return sendHtml(reply, planEditPage(web, community, { values, errors }), status);
    }
  }

  @Get(Routes.communitySettings)
  async settings(@Web() web: WebContext, @Param('id') idValue: string, @Res() reply: FastifyReply) {
    requireViewer(web);
    const id = idParam(idValue);
    const community = await this.organisedCommunity(web, id);
    return sendHtml(reply, settingsPage(web, community, { values: { joinMode: community.joinMode } }));
  }

  @Post(Routes.communitySettings)
  async saveSettings(@Web() web: WebContext, @Param('id') idValue: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    requireViewer(web);
    const id = idParam(idValue);
    const values = { joinMode: formValues(req.body).joinMode ?? '' };
    const community = await this.rpc.send(GetCommunity, { id }, web.meta);
    const form = validateForm(SettingsForm, values, { joinMode: joinModeLabel(web) }, web.lang);
    if (!form.ok) return sendHtml(reply, settingsPage(web, community, { values, errors: form.errors }), 400);
    try {
      await this.rpc.send(UpdateCommunity, { ...form.data, communityId: id }, web.meta);
      return redirect(reply, withNotice(paths.communitySettings(id), 'instellingen-opgeslagen'));
    } catch (error) {
      const { status, errors } = refusalOf(error, web.lang, {}, ['joinMode']);
      return sendHtml(reply, settingsPage(web, community, { values, errors }), status);
    }
  }

  /** The community (404 when one may not see it, as everywhere), then whether one organises it. */
  private async organisedCommunity(web: WebContext, id: string) {
    const community = await this.rpc.send(GetCommunity, { id }, web.meta);
    if (!mayOrganise(await this.rpc.send(CommunityAccess, { communityId: id }, web.meta))) throw MembershipPageErrors.organisersOnly();
    return community;
  }
}
