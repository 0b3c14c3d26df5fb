import { Controller, Get, Inject, Param, Post, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { CompleteSsoSignIn, GetMe, ListRegions, ListSsoRegions, Login, LoginCredentials, Logout, RegisterAccount, StartSsoSignIn, TERMS_VERSION, type RequestMeta, type ResponseOf } from '@kc/contracts';
import { RpcClient } from '@kc/messaging';
import { GATEWAY_LOGGER } from '../../gateway.tokens';
import { describeDevice } from '../../http/device';
import { AuthRateLimited } from '../../rate-limit/rate-limit';
import { formValues, refusalOf, validateForm, type FieldErrors } from '../layout/forms';
import { withNotice } from '../layout/notices';
import { localPath, paths, Routes } from '../layout/paths';
import { redirect, sendHtml } from '../layout/respond';
import { cookieOptions, COOKIES, Web, WebContextResolver, WebGuard, type WebContext } from '../web-context';
import { WebErrorFilter } from '../web-error.filter';
import { WebErrors } from '../web-errors';
import { authText, registerPage, REGISTER_FIELDS, signInPage, SIGN_IN_FIELDS } from './auth.pages';
import { privacyPage, termsPage } from './legal.pages';
import { SessionStore } from './session.store';
import { SSO_FLOW_SECONDS, SsoFlowStore } from './sso-flow.store';

const YEAR_SECONDS = 365 * 24 * 3600;

/** Inloggen, Registreren, Uitloggen, the language switch and the two legal pages. */
@ApiExcludeController()
@UseGuards(WebGuard)
@UseFilters(WebErrorFilter)
@Controller()
export class AuthController {
  constructor(
    private readonly rpc: RpcClient,
    private readonly sessions: SessionStore,
    private readonly ssoFlows: SsoFlowStore,
    private readonly resolver: WebContextResolver,
    @Inject(GATEWAY_LOGGER) private readonly logger: Logger,
  ) {}

  @Get(Routes.signIn)
  async signInForm(@Web() web: WebContext, @Query('terug') back: unknown, @Res() reply: FastifyReply) {
    return sendHtml(reply, signInPage(web, back === undefined ? undefined : localPath(back), {}, await this.ssoRegions(web)));
  }

  /** Off to the region's identity provider; the flow stays here, bound to this browser by a cookie (ADR 0040). */
  @AuthRateLimited()
  @Get(Routes.ssoStart)
  async ssoStart(@Web() web: WebContext, @Param('region') region: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    const { authorizationUrl, flow } = await this.rpc.send(StartSsoSignIn, { region }, web.meta);
    reply.setCookie(COOKIES.ssoFlow, await this.ssoFlows.create(flow), cookieOptions(req, SSO_FLOW_SECONDS));
    return redirect(reply, authorizationUrl);
  }

  /** Back from the provider: only the browser that started the flow, once, with the state it was sent with. */
  @AuthRateLimited()
  @Get(Routes.ssoCallback)
  async ssoCallback(@Web() web: WebContext, @Query('state') state: unknown, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    const flow = await this.ssoFlows.take(req.cookies[COOKIES.ssoFlow]);
    reply.clearCookie(COOKIES.ssoFlow, { path: '/' });
    if (!flow || state !== flow.state) throw WebErrors.ssoFlowExpired();
    const callbackQuery = req.url.slice(req.url.indexOf('?') + 1);
    const login = await this.rpc.send(CompleteSsoSignIn, { flow, callbackQuery, device: describeDevice(req.headers['user-agent']) }, web.meta);
    const viewerRegion = await this.storeSession(web, login, req, reply);
    return redirect(reply, withNotice(viewerRegion ? paths.region(viewerRegion) : paths.home(), 'ingelogd'));
  }

  @AuthRateLimited()
  @Post(Routes.signIn)
  async signIn(@Web() web: WebContext, @Query('terug') back: unknown, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    const values = formValues(req.body);
    const t = authText(web.lang);
    const returnTo = back === undefined ? undefined : localPath(back);
    const form = validateForm(LoginCredentials, values, { email: t.fields.email, password: t.fields.password }, web.lang);
    if (!form.ok) return sendHtml(reply, signInPage(web, returnTo, { values, errors: form.errors }), 400);
    try {
      const viewerRegion = await this.startSession(web, form.data, req, reply);
      return redirect(reply, withNotice(returnTo ?? (viewerRegion ? paths.region(viewerRegion) : paths.home()), 'ingelogd'));
    } catch (error) {
      const { status, errors } = refusalOf(error, web.lang, { INVALID_CREDENTIALS: 'email' }, SIGN_IN_FIELDS);
      return sendHtml(reply, signInPage(web, returnTo, { values, errors }), status);
    }
  }

  @Get(Routes.register)
  async registerForm(@Web() web: WebContext, @Query('regio') region: unknown, @Query('terug') back: unknown, @Res() reply: FastifyReply) {
    const regions = await this.rpc.send(ListRegions, {}, web.meta);
    return sendHtml(reply, registerPage(web, regions.items, { values: typeof region === 'string' ? { region } : {} }, back === undefined ? undefined : localPath(back)));
  }

  @AuthRateLimited()
  @Post(Routes.register)
  async register(@Web() web: WebContext, @Query('terug') back: unknown, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    const returnTo = back === undefined ? undefined : localPath(back);
    const values = formValues(req.body);
    const t = authText(web.lang);
    const regions = await this.rpc.send(ListRegions, {}, web.meta);
    const input = { email: values.email, password: values.password, displayName: values.displayName, region: values.region, acceptedTermsVersion: values.acceptedTermsVersion };
    const form = validateForm(RegisterAccount.request, input, t.fields, web.lang);
    if (!form.ok) {
      // The terms the page showed are the ones accepted: an unticked (or outdated) box is one clear message.
      const errors: FieldErrors = { ...form.errors, ...(form.errors.acceptedTermsVersion ? { acceptedTermsVersion: t.termsRequired } : {}) };
      return sendHtml(reply, registerPage(web, regions.items, { values, errors }, returnTo), 400);
    }
    try {
      await this.rpc.send(RegisterAccount, form.data, web.meta);
      const region = await this.startSession(web, { email: form.data.email, password: form.data.password }, req, reply);
      return redirect(reply, withNotice(returnTo ?? (region ? paths.region(region) : paths.home()), 'welkom'));
    } catch (error) {
      const { status, errors } = refusalOf(error, web.lang, { EMAIL_TAKEN: 'email', REGION_NOT_FOUND: 'region', REGION_SUSPENDED: 'region' }, REGISTER_FIELDS);
      return sendHtml(reply, registerPage(web, regions.items, { values, errors }, returnTo), status);
    }
  }

  /** Ends identity's session too, so its tokens are refused everywhere, not just forgotten here. */
  @Post(Routes.signOut)
  async signOut(@Web() web: WebContext, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    if (web.sessionId) {
      await this.rpc.send(Logout, {}, web.meta).catch((error: Error) => this.logger.warn({ err: error.message, correlationId: web.meta.correlationId }, 'identity session could not be ended'));
      await this.resolver.endSession(web.sessionId, req, reply);
    }
    return redirect(reply, withNotice(paths.home(), 'uitgelogd'));
  }

  /** A preference, not an action: a plain link works everywhere, and the worst a forged one does is switch the language. */
  @Get(Routes.language)
  language(@Param('lang') lang: string, @Query('terug') back: unknown, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    if (lang !== 'nl' && lang !== 'en') throw WebErrors.pageNotFound();
    reply.setCookie(COOKIES.lang, lang, cookieOptions(req, YEAR_SECONDS));
    return redirect(reply, localPath(back));
  }

  @Get(Routes.terms)
  terms(@Web() web: WebContext, @Res() reply: FastifyReply) {
    return sendHtml(reply, termsPage(web, TERMS_VERSION));
  }

  @Get(Routes.privacy)
  privacy(@Web() web: WebContext, @Res() reply: FastifyReply) {
    return sendHtml(reply, privacyPage(web, TERMS_VERSION));
  }

  /**
   * Signs in, stores the session in Redis (its tokens, and a fresh form secret: the anonymous one
   * is not carried over) and sets the cookie for the session's lifetime; returns the account's
   * region for the redirect.
   */
  private async startSession(web: WebContext, credentials: { email: string; password: string }, req: FastifyRequest, reply: FastifyReply): Promise<string | undefined> {
    const login = await this.rpc.send(Login, { ...credentials, device: describeDevice(req.headers['user-agent']) }, web.meta);
    return this.storeSession(web, login, req, reply);
  }

  /** Stores a session identity started (a password or the library's provider) for this browser; returns the account's region. */
  private async storeSession(web: WebContext, login: ResponseOf<typeof Login>, req: FastifyRequest, reply: FastifyReply): Promise<string | undefined> {
    const meta: RequestMeta = { ...web.meta, token: login.accessToken, idempotencyKey: undefined };
    const me = await this.rpc.send(GetMe, {}, meta);
    let sessionId: string;
    try {
      const record = { token: login.accessToken, refreshToken: login.refreshToken, tokenExpiresAt: Date.now() + login.expiresIn * 1000, csrfSecret: this.resolver.newCsrfSecret() };
      sessionId = await this.sessions.create(record, login.refreshExpiresIn);
    } catch (error) {
      this.logger.warn({ err: (error as Error).message, correlationId: web.meta.correlationId }, 'session could not be stored');
      throw WebErrors.sessionsUnavailable();
    }
    if (web.sessionId) await this.resolver.endSession(web.sessionId, req, reply);
    reply.setCookie(COOKIES.session, sessionId, cookieOptions(req, login.refreshExpiresIn));
    return me.region?.slug;
  }

  /** The regions whose staff can sign in with their library's provider; the page works without them. */
  private ssoRegions(web: WebContext): Promise<ResponseOf<typeof ListSsoRegions>['items']> {
    return this.rpc.send(ListSsoRegions, {}, web.meta).then(({ items }) => items, (error: Error) => {
      this.logger.warn({ err: error.message, correlationId: web.meta.correlationId }, 'regions with library sign-in unavailable');
      return [];
    });
  }
}
