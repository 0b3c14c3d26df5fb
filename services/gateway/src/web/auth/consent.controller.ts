import { Controller, Get, Post, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AcceptTerms } from '@kc/contracts';
import { RpcClient } from '@kc/messaging';
import { formValues, refusalOf, validateForm } from '../layout/forms';
import { localPath, Routes } from '../layout/paths';
import { redirect, sendHtml } from '../layout/respond';
import { Web, WebGuard, type WebContext } from '../web-context';
import { WebErrorFilter } from '../web-error.filter';
import { requireViewer } from '../web-errors';
import { authText } from './auth.pages';
import { consentPage } from './consent.pages';

/** Consent to a new version of the terms and privacy statement: every other page sends here until it is given. */
@ApiExcludeController()
@UseGuards(WebGuard)
@UseFilters(WebErrorFilter)
@Controller()
export class ConsentPagesController {
  constructor(private readonly rpc: RpcClient) {}

  @Get(Routes.consent)
  page(@Web() web: WebContext, @Query('terug') back: unknown, @Res() reply: FastifyReply) {
    requireViewer(web);
    const returnTo = localPath(back);
    if (!web.viewer!.consentRequired) return redirect(reply, returnTo);
    return sendHtml(reply, consentPage(web, returnTo));
  }

  @Post(Routes.consent)
  async accept(@Web() web: WebContext, @Query('terug') back: unknown, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    requireViewer(web);
    const returnTo = localPath(back);
    const t = authText(web.lang);
    const form = validateForm(AcceptTerms.request, { acceptedTermsVersion: formValues(req.body).acceptedTermsVersion }, t.fields, web.lang);
    if (!form.ok) return sendHtml(reply, consentPage(web, returnTo, { acceptedTermsVersion: t.termsRequired }), 400);
    try {
      await this.rpc.send(AcceptTerms, form.data, web.meta);
    } catch (error) {
      const { status, errors } = refusalOf(error, web.lang, {}, ['acceptedTermsVersion']);
      return sendHtml(reply, consentPage(web, returnTo, errors), status);
    }
    return redirect(reply, returnTo);
  }
}
