import { Catch, Inject, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config';
import { GATEWAY_LOGGER } from '../gateway.tokens';
import { toErrorResponse } from '../http/error-response';
import { renderErrorPage } from './layout/error.page';
import { paths } from './layout/paths';
import { redirect, sendHtml } from './layout/respond';
import { COOKIES, type WebContext } from './web-context';
import { ConsentRequired, SignInRequired, WebErrors } from './web-errors';

/**
 * Anything a web page did not handle itself becomes an HTML error page in the person's
 * language, with the same status and message the API would give (`toErrorResponse`); a page
 * that needs a signed-in person sends them to `Inloggen` and back.
 */
export function renderWebError(exception: unknown, req: FastifyRequest, reply: FastifyReply, logger: Logger, jsonBodyLimitBytes: number): void {
  if (reply.sent) return;
  if (exception instanceof SignInRequired) {
    redirect(reply, paths.signIn(exception.returnTo));
    return;
  }
  if (exception instanceof ConsentRequired) {
    redirect(reply, paths.consent(exception.returnTo));
    return;
  }
  const web = req.web ?? anonymousContext(req);
  const { body, unexpected } = toErrorResponse(exception, web.lang, { method: req.method, url: req.url, jsonBodyLimitBytes });
  const where = { correlationId: req.id, method: req.method, route: req.routeOptions?.url, status: body.statusCode, code: body.code };
  if (unexpected) logger.error({ ...where, err: exception }, 'unexpected error');
  else if (body.statusCode >= 500) logger.warn(where, body.code);
  const message = body.code === 'ROUTE_NOT_FOUND' ? WebErrors.pageNotFound().messages[web.lang] : body.message;
  if (body.statusCode === 429) reply.header('retry-after', reply.getHeader('retry-after') ?? '60');
  sendHtml(reply, renderErrorPage(web, body.statusCode, message), body.statusCode);
}

/** For errors raised before the page knew who is asking (an unknown address, an unreadable body). */
function anonymousContext(req: FastifyRequest): WebContext {
  const lang = (req.cookies as Record<string, string | undefined> | undefined)?.[COOKIES.lang] === 'en' ? 'en' : 'nl';
  return { lang, path: '/', viewer: null, sessionId: null, csrfToken: '', csrfSecret: '', meta: { correlationId: req.id, lang } };
}

@Catch()
export class WebErrorFilter implements ExceptionFilter {
  constructor(
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    @Inject(GATEWAY_LOGGER) private readonly logger: Logger,
  ) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    renderWebError(exception, http.getRequest<FastifyRequest>(), http.getResponse<FastifyReply>(), this.logger, this.config.JSON_BODY_LIMIT_BYTES);
  }
}
