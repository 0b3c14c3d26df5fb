import { randomUUID } from 'node:crypto';
import { createParamDecorator, Inject, Injectable, SetMetadata, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import Tokens from '@fastify/csrf';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { DomainError, GetMe, type RequestMeta, type ResponseOf } from '@kc/contracts';
import { TokenVerifier } from '@kc/auth';
import { RpcClient } from '@kc/messaging';
import { GATEWAY_LOGGER } from '../gateway.tokens';
import { SessionRenewal } from './auth/session-renewal';
import { SessionStore } from './auth/session.store';
import { CSRF_FIELD, IDEMPOTENCY_FIELD } from './layout/forms';
import type { Lang } from './layout/i18n';
import { noticeText } from './layout/notices';
import { Routes } from './layout/paths';
import { ConsentRequired, WebErrors } from './web-errors';

/** Who is looking, as identity says now (never read from token claims: roles change under a live token). */
export type Viewer = ResponseOf<typeof GetMe>;

/** Everything a page needs to know about the request it answers. */
export interface WebContext {
  lang: Lang;
  /** Path and query of this page (the language switch and sign-in come back to it). */
  path: string;
  /** The search box keeps what was searched. */
  query?: string;
  /** What the previous form did (`?melding=`), in the person's language. */
  notice?: string;
  viewer: Viewer | null;
  sessionId: string | null;
  /** The token every form on this page carries, and the secret it is made from (never rendered). */
  csrfToken: string;
  csrfSecret: string;
  /** What travels to the services: the session's token, correlation id, language, idempotency key. */
  meta: RequestMeta;
  /** `https://host` as the request reached the site (behind the ingress with TRUST_PROXY), for absolute addresses in linked data. */
  origin?: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    web?: WebContext;
  }
}

export const COOKIES = { session: 'kc_sessie', csrf: 'kc_formulier', lang: 'kc_taal', ssoFlow: 'kc_bibliotheek_login' } as const;
const CSRF_SECRET = /^[A-Za-z0-9_-]{16,64}$/;
const IDEMPOTENCY_KEY = /^[A-Za-z0-9-]{8,64}$/;
const YEAR_SECONDS = 365 * 24 * 3600;

/** Cookies scripts cannot read, sent only from this site's own pages, over TLS when the request came over TLS. */
export function cookieOptions(req: FastifyRequest, maxAgeSeconds?: number) {
  return { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: req.protocol === 'https', maxAge: maxAgeSeconds };
}

/** Marks a POST route that checks its CSRF token itself (a multipart upload reads it from the stream). */
export const CSRF_CHECKED_BY_HANDLER = 'kc:web-csrf-by-handler';
export const CsrfCheckedByHandler = () => SetMetadata(CSRF_CHECKED_BY_HANDLER, true);

/**
 * Resolves the {@link WebContext}: the language cookie, the session (its access token renewed
 * when near its end, and verified on every request, so an ended session or a blocked account
 * ends it at once), the viewer from
 * identity's `GetMe`, and the CSRF secret (the session's, or an anonymous form cookie's).
 */
@Injectable()
export class WebContextResolver {
  private readonly csrf = new Tokens({ algorithm: 'sha256' });

  constructor(
    private readonly sessions: SessionStore,
    private readonly renewal: SessionRenewal,
    private readonly tokens: TokenVerifier,
    private readonly rpc: RpcClient,
    @Inject(GATEWAY_LOGGER) private readonly logger: Logger,
  ) {}

  async resolve(req: FastifyRequest, reply: FastifyReply): Promise<WebContext> {
    const lang: Lang = req.cookies[COOKIES.lang] === 'en' ? 'en' : 'nl';
    const base: RequestMeta = { correlationId: req.id, lang };
    const sessionId = req.cookies[COOKIES.session] ?? null;
    let session = sessionId ? await this.findSession(sessionId) : null;
    let viewer: Viewer | null = null;
    if (session && sessionId) session = await this.renewal.fresh(sessionId, session, base);
    if (session && sessionId) {
      viewer = await this.viewerOf(session.token, base);
      if (!viewer) {
        await this.endSession(sessionId, req, reply);
        session = null;
      }
    } else if (sessionId) {
      await this.sessions.end(sessionId).catch(() => undefined);
      reply.clearCookie(COOKIES.session, cookieOptions(req));
    }
    const csrfSecret = session?.csrfSecret ?? this.anonymousSecret(req, reply);
    const body = req.body as Record<string, unknown> | undefined;
    const idempotencyKey = typeof body?.[IDEMPOTENCY_FIELD] === 'string' && IDEMPOTENCY_KEY.test(body[IDEMPOTENCY_FIELD] as string) ? (body[IDEMPOTENCY_FIELD] as string) : undefined;
    const query = req.query as Record<string, unknown> | undefined;
    const q = query?.q;
    return {
      lang,
      path: req.url.length <= 500 ? req.url : req.url.split('?')[0]!,
      query: typeof q === 'string' ? q.slice(0, 200) : undefined,
      notice: noticeText(query?.melding, lang),
      viewer,
      sessionId: session ? sessionId : null,
      csrfToken: this.csrf.create(csrfSecret),
      csrfSecret,
      meta: { ...base, token: session?.token, idempotencyKey: idempotencyKey ? `web:${idempotencyKey}` : undefined },
      origin: `${req.protocol}://${req.host}`,
    };
  }

  /** Whether `token` was made from this browser's form secret. */
  verifyCsrf(web: WebContext, token: unknown): boolean {
    return typeof token === 'string' && token.length <= 200 && this.csrf.verify(web.csrfSecret, token);
  }

  newCsrfSecret(): string {
    return this.csrf.secretSync();
  }

  async endSession(sessionId: string, req: FastifyRequest, reply: FastifyReply): Promise<void> {
    await this.sessions.end(sessionId).catch((error: Error) => this.logger.warn({ err: error.message }, 'session could not be removed from redis'));
    reply.clearCookie(COOKIES.session, cookieOptions(req));
  }

  private async findSession(sessionId: string) {
    try {
      return await this.sessions.find(sessionId);
    } catch (error) {
      this.logger.warn({ err: (error as Error).message }, 'sessions unavailable (redis); request handled as anonymous');
      return null;
    }
  }

  /** The account behind a live token, or null when the token or the account no longer holds. */
  private async viewerOf(token: string, base: RequestMeta): Promise<Viewer | null> {
    try {
      await this.tokens.verify(token);
    } catch {
      return null;
    }
    try {
      return await this.rpc.send(GetMe, {}, { ...base, token });
    } catch (error) {
      if (error instanceof DomainError && [401, 403, 404].includes(error.statusCode)) return null;
      throw error;
    }
  }

  private anonymousSecret(req: FastifyRequest, reply: FastifyReply): string {
    const existing = req.cookies[COOKIES.csrf];
    if (existing && CSRF_SECRET.test(existing)) return existing;
    const secret = this.csrf.secretSync();
    reply.setCookie(COOKIES.csrf, secret, cookieOptions(req, YEAR_SECONDS));
    req.cookies[COOKIES.csrf] = secret;
    return secret;
  }
}

/** What a person may still do before accepting new terms: read them, agree, sign out, or take their data and leave. */
const CONSENT_NOT_NEEDED = new Set<string>([
  Routes.consent, Routes.terms, Routes.privacy, Routes.signOut, Routes.language, Routes.myData, Routes.myDataDownload, Routes.myAccountErase,
]);

/**
 * Puts the {@link WebContext} on every web request, sends a person who has not accepted the
 * current terms to the consent page first, and refuses a POST whose CSRF token is not this
 * browser's (403, the form page explains it), unless the route checks it itself.
 */

@Injectable()
export class WebGuard implements CanActivate {
  constructor(
    private readonly resolver: WebContextResolver,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const http = context.switchToHttp();
    const req = http.getRequest<FastifyRequest>();
    req.web ??= await this.resolver.resolve(req, http.getResponse<FastifyReply>());
    if (req.web.viewer?.consentRequired && !CONSENT_NOT_NEEDED.has(req.routeOptions?.url ?? '')) {
      throw new ConsentRequired(req.method === 'GET' ? req.web.path : '/');
    }
    if (req.method !== 'POST' || this.reflector.get<boolean>(CSRF_CHECKED_BY_HANDLER, context.getHandler())) return true;
    const body = req.body as Record<string, unknown> | undefined;
    if (!this.resolver.verifyCsrf(req.web, body?.[CSRF_FIELD])) throw WebErrors.csrf();
    return true;
  }
}

/** The request's {@link WebContext} (needs {@link WebGuard}). */
export const Web = createParamDecorator((_: unknown, ctx: ExecutionContext): WebContext => {
  const req = ctx.switchToHttp().getRequest<FastifyRequest>();
  if (!req.web) throw new Error('WebGuard did not run');
  return req.web;
});

/** A new key for a form that creates something (see `Form`'s `idempotencyKey`). */
export const newFormKey = () => randomUUID();
