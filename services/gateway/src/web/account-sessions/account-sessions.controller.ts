import { Controller, Get, Param, Post, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ChangePassword, DomainError, EndSession, ListSessions, LogoutAll } from '@kc/contracts';
import { RpcClient } from '@kc/messaging';
import { AuthRateLimited } from '../../rate-limit/rate-limit';
import { formValues, refusalOf, validateForm } from '../layout/forms';
import { withNotice } from '../layout/notices';
import { idParam } from '../layout/params';
import { paths, Routes } from '../layout/paths';
import { redirect, sendHtml } from '../layout/respond';
import { Web, WebContextResolver, WebGuard, type WebContext } from '../web-context';
import { WebErrorFilter } from '../web-error.filter';
import { requireViewer } from '../web-errors';
import { PASSWORD_FIELDS, passwordPage, passwordText, sessionsPage } from './account-sessions.pages';

/** Ingelogde apparaten (sign out one device or everywhere) and Wachtwoord wijzigen; identity decides. */
@ApiExcludeController()
@UseGuards(WebGuard)
@UseFilters(WebErrorFilter)
@Controller()
export class AccountSessionsController {
  constructor(
    private readonly rpc: RpcClient,
    private readonly resolver: WebContextResolver,
  ) {}

  @Get(Routes.mySessions)
  async sessions(@Web() web: WebContext, @Res() reply: FastifyReply) {
    requireViewer(web);
    const { items } = await this.rpc.send(ListSessions, {}, web.meta);
    return sendHtml(reply, sessionsPage(web, items));
  }

  /** Signing out this very device ends the browser's session here too. */
  @Post(Routes.endMySession)
  async end(@Web() web: WebContext, @Param('id') id: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    requireViewer(web);
    const sessionId = idParam(id);
    const { items } = await this.rpc.send(ListSessions, {}, web.meta);
    try {
      await this.rpc.send(EndSession, { sessionId }, web.meta);
    } catch (error) {
      // Ended meanwhile (another tab, another device): the list shows how things are now.
      if (!(error instanceof DomainError && error.code === 'SESSION_NOT_FOUND')) throw error;
    }
    if (items.some((s) => s.id === sessionId && s.current)) {
      await this.resolver.endSession(web.sessionId!, req, reply);
      return redirect(reply, withNotice(paths.home(), 'uitgelogd'));
    }
    return redirect(reply, withNotice(paths.mySessions(), 'apparaat-uitgelogd'));
  }

  @Post(Routes.signOutEverywhere)
  async everywhere(@Web() web: WebContext, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    requireViewer(web);
    await this.rpc.send(LogoutAll, {}, web.meta);
    await this.resolver.endSession(web.sessionId!, req, reply);
    return redirect(reply, withNotice(paths.home(), 'overal-uitgelogd'));
  }

  @Get(Routes.myPassword)
  password(@Web() web: WebContext, @Res() reply: FastifyReply) {
    requireViewer(web);
    return sendHtml(reply, passwordPage(web));
  }

  @AuthRateLimited()
  @Post(Routes.myPassword)
  async changePassword(@Web() web: WebContext, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    requireViewer(web);
    const values = formValues(req.body);
    const input = { currentPassword: values.currentPassword ?? '', newPassword: values.newPassword ?? '' };
    const form = validateForm(ChangePassword.request, input, passwordText(web.lang).fields, web.lang);
    if (!form.ok) return sendHtml(reply, passwordPage(web, form.errors), 400);
    try {
      await this.rpc.send(ChangePassword, form.data, web.meta);
      return redirect(reply, withNotice(paths.mySessions(), 'wachtwoord-gewijzigd'));
    } catch (error) {
      const { status, errors } = refusalOf(error, web.lang, { WRONG_CURRENT_PASSWORD: 'currentPassword', TOO_MANY_LOGIN_ATTEMPTS: 'currentPassword' }, PASSWORD_FIELDS);
      return sendHtml(reply, passwordPage(web, errors), status);
    }
  }
}
