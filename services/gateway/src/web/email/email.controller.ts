import { Controller, Get, Post, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ConfirmPasswordReset, DomainError, RequestPasswordReset, SendEmailVerification, VerifyEmail } from '@kc/contracts';
import { RpcClient } from '@kc/messaging';
import { AuthRateLimited } from '../../rate-limit/rate-limit';
import { formValues, refusalOf, validateForm } from '../layout/forms';
import { withNotice } from '../layout/notices';
import { paths, Routes } from '../layout/paths';
import { redirect, sendHtml } from '../layout/respond';
import { Web, WebGuard, type WebContext } from '../web-context';
import { WebErrorFilter } from '../web-error.filter';
import { requireViewer } from '../web-errors';
import { checkYourMailPage, emailText, forgotPasswordPage, RESET_FIELDS, resetPasswordPage, verifyEmailPage } from './email.pages';

const tokenOf = (value: unknown) => (typeof value === 'string' ? value.slice(0, 100) : '');

/** Wachtwoord vergeten, the pages the links in identity's mails open, and Stuur opnieuw; identity decides. */
@ApiExcludeController()
@UseGuards(WebGuard)
@UseFilters(WebErrorFilter)
@Controller()
export class EmailPagesController {
  constructor(private readonly rpc: RpcClient) {}

  @Get(Routes.forgotPassword)
  forgotForm(@Web() web: WebContext, @Res() reply: FastifyReply) {
    return sendHtml(reply, forgotPasswordPage(web));
  }

  @AuthRateLimited()
  @Post(Routes.forgotPassword)
  async forgot(@Web() web: WebContext, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    const values = formValues(req.body);
    const form = validateForm(RequestPasswordReset.request, { email: values.email }, { email: emailText(web.lang).fields.email }, web.lang);
    if (!form.ok) return sendHtml(reply, forgotPasswordPage(web, { values, errors: form.errors }), 400);
    await this.rpc.send(RequestPasswordReset, form.data, web.meta);
    return sendHtml(reply, checkYourMailPage(web, form.data.email));
  }

  @Get(Routes.resetPassword)
  resetForm(@Web() web: WebContext, @Query('token') token: unknown, @Res() reply: FastifyReply) {
    return sendHtml(reply, resetPasswordPage(web, tokenOf(token)));
  }

  @AuthRateLimited()
  @Post(Routes.resetPassword)
  async reset(@Web() web: WebContext, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    const values = formValues(req.body);
    const token = tokenOf(values.token);
    const form = validateForm(ConfirmPasswordReset.request, { token, newPassword: values.newPassword }, emailText(web.lang).fields, web.lang);
    if (!form.ok) return sendHtml(reply, resetPasswordPage(web, token, { values: {}, errors: form.errors }), 400);
    try {
      await this.rpc.send(ConfirmPasswordReset, form.data, web.meta);
    } catch (error) {
      if (error instanceof DomainError && error.code === 'EMAIL_LINK_EXPIRED') throw error; // the error page says how to get a new link
      const { status, errors } = refusalOf(error, web.lang, {}, RESET_FIELDS);
      return sendHtml(reply, resetPasswordPage(web, token, { values: {}, errors }), status);
    }
    return redirect(reply, withNotice(paths.signIn(), 'wachtwoord-hersteld'));
  }

  @Get(Routes.verifyEmail)
  verifyLanding(@Web() web: WebContext, @Query('token') token: unknown, @Res() reply: FastifyReply) {
    return sendHtml(reply, verifyEmailPage(web, tokenOf(token)));
  }

  @AuthRateLimited()
  @Post(Routes.verifyEmail)
  async verify(@Web() web: WebContext, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    const form = VerifyEmail.request.safeParse({ token: tokenOf(formValues(req.body).token) });
    // A broken link is as good as a used one: identity gives the one answer (410) for both.
    await this.rpc.send(VerifyEmail, form.success ? form.data : { token: '0'.repeat(43) }, web.meta);
    return redirect(reply, withNotice(web.viewer ? paths.myProfile() : paths.home(), 'e-mailadres-bevestigd'));
  }

  @AuthRateLimited()
  @Post(Routes.resendVerification)
  async resend(@Web() web: WebContext, @Res() reply: FastifyReply) {
    requireViewer(web);
    try {
      await this.rpc.send(SendEmailVerification, {}, web.meta);
    } catch (error) {
      if (error instanceof DomainError && error.code === 'TOO_MANY_MAILS') return redirect(reply, withNotice(paths.myProfile(), 'te-veel-mails'));
      if (error instanceof DomainError && error.code === 'EMAIL_ALREADY_VERIFIED') return redirect(reply, withNotice(paths.myProfile(), 'e-mailadres-bevestigd'));
      throw error;
    }
    return redirect(reply, withNotice(paths.myProfile(), 'bevestigingsmail-verstuurd'));
  }
}
