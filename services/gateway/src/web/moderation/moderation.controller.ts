import { Controller, Get, Param, Post, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DismissReport, GetCommunity, HideContent, ListReports, ModerationReason, ReportContent, RestoreContent, type ModeratedTargetType } from '@kc/contracts';
import { RpcClient } from '@kc/messaging';
import { z } from 'zod';
import { formValues, validateForm } from '../layout/forms';
import { withNotice } from '../layout/notices';
import { idParam } from '../layout/params';
import { localPath, paths, Routes } from '../layout/paths';
import { redirect, sendHtml } from '../layout/respond';
import { Web, WebGuard, type WebContext } from '../web-context';
import { WebErrorFilter } from '../web-error.filter';
import { requireViewer, WebErrors } from '../web-errors';
import { reportPage, reportsPage } from './moderation.pages';
import { KIND_OF_SEGMENT, moderationText } from './moderation.text';

const ReasonForm = z.object({ reason: ModerationReason });

/** The kind of content a path names; anything else is a page that does not exist. */
function kindParam(value: string): ModeratedTargetType {
  const kind = KIND_OF_SEGMENT[value];
  if (!kind) throw WebErrors.pageNotFound();
  return kind;
}

/** Melden (anyone signed in who can see it), Meldingen per community, Verbergen, Terugzetten and Afwijzen (moderators). */
@ApiExcludeController()
@UseGuards(WebGuard)
@UseFilters(WebErrorFilter)
@Controller()
export class ModerationPagesController {
  constructor(private readonly rpc: RpcClient) {}

  @Get(Routes.report)
  report(@Web() web: WebContext, @Param('soort') kind: string, @Param('id') id: string, @Query('terug') back: unknown, @Res() reply: FastifyReply) {
    requireViewer(web);
    return sendHtml(reply, reportPage(web, kindParam(kind), idParam(id), localPath(back)));
  }

  @Post(Routes.report)
  async sendReport(@Web() web: WebContext, @Param('soort') kindValue: string, @Param('id') idValue: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    requireViewer(web);
    const [targetType, targetId] = [kindParam(kindValue), idParam(idValue)];
    const values = formValues(req.body);
    const back = localPath(values.terug);
    const form = validateForm(ReasonForm, { reason: values.reason ?? '' }, moderationText(web.lang).fields, web.lang);
    if (!form.ok) return sendHtml(reply, reportPage(web, targetType, targetId, back, { values, errors: form.errors }), 400);
    await this.rpc.send(ReportContent, { targetType, targetId, reason: form.data.reason }, web.meta);
    return redirect(reply, withNotice(back, 'gemeld'));
  }

  @Get(Routes.reports)
  async reports(@Web() web: WebContext, @Param('id') id: string, @Res() reply: FastifyReply) {
    requireViewer(web);
    return sendHtml(reply, await this.renderReports(web, idParam(id)));
  }

  @Post(Routes.hideContent)
  async hide(@Web() web: WebContext, @Param('soort') kindValue: string, @Param('id') idValue: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    requireViewer(web);
    const [targetType, targetId] = [kindParam(kindValue), idParam(idValue)];
    const values = formValues(req.body);
    const back = localPath(values.terug);
    const form = validateForm(ReasonForm, { reason: values.reason ?? '' }, { reason: moderationText(web.lang).hideReason }, web.lang);
    if (!form.ok) {
      const communityId = /^\/community\/([0-9a-f-]{36})\/meldingen$/.exec(back)?.[1];
      if (!communityId) throw WebErrors.pageNotFound();
      const { items } = await this.rpc.send(ListReports, { communityId }, web.meta);
      const reportId = items.find((r) => r.targetId === targetId)?.reportId;
      return sendHtml(reply, await this.renderReports(web, communityId, { reportId, values, errors: form.errors }), 400);
    }
    await this.rpc.send(HideContent, { targetType, targetId, reason: form.data.reason }, web.meta);
    return redirect(reply, withNotice(back, 'verborgen'));
  }

  @Post(Routes.restoreContent)
  async restore(@Web() web: WebContext, @Param('soort') kindValue: string, @Param('id') idValue: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    requireViewer(web);
    const [targetType, targetId] = [kindParam(kindValue), idParam(idValue)];
    await this.rpc.send(RestoreContent, { targetType, targetId }, web.meta);
    return redirect(reply, withNotice(localPath(formValues(req.body).terug), 'teruggezet'));
  }

  @Post(Routes.dismissReport)
  async dismiss(@Web() web: WebContext, @Param('id') idValue: string, @Param('melding') reportValue: string, @Res() reply: FastifyReply) {
    requireViewer(web);
    const communityId = idParam(idValue);
    await this.rpc.send(DismissReport, { reportId: idParam(reportValue) }, web.meta);
    return redirect(reply, withNotice(paths.reports(communityId), 'melding-afgewezen'));
  }

  private async renderReports(web: WebContext, communityId: string, form?: Parameters<typeof reportsPage>[3]): Promise<string> {
    const [community, reports] = await Promise.all([
      this.rpc.send(GetCommunity, { id: communityId }, web.meta),
      this.rpc.send(ListReports, { communityId }, web.meta),
    ]);
    return reportsPage(web, community, reports.items, form);
  }
}
