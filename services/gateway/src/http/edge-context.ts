import { randomUUID } from 'node:crypto';
import { createParamDecorator, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { IncomingMessage } from 'node:http';
import type { RequestMeta } from '@kc/contracts';
import { TokenVerifier } from '@kc/auth';
import { EdgeErrors } from './edge-errors';
import { languageOf } from './language';

/** What the edge knows about a request once it is authenticated. */
export interface EdgeContext {
  meta: RequestMeta;
  /** The verified account (from the bearer token), null when anonymous. */
  accountId: string | null;
}

declare module 'fastify' {
  interface FastifyRequest {
    kc?: EdgeContext;
  }
}

const CORRELATION_ID = /^[A-Za-z0-9._:@/+=-]{1,200}$/;
const HEADER_VALUE = /^[\x21-\x7e]{1,200}$/;
const BEARER = /^Bearer +([A-Za-z0-9._~+/=-]+) *$/i;

/** The request id is the correlation id: the caller's `x-correlation-id` when usable, a fresh UUID otherwise. */
export function correlationIdOf(req: IncomingMessage): string {
  const header = req.headers['x-correlation-id'];
  return typeof header === 'string' && CORRELATION_ID.test(header) ? header : randomUUID();
}

/**
 * Authenticates (never authorises): a bearer token, when present, must be well-formed and
 * valid, else 401 before anything is forwarded. The raw token travels on to the service,
 * which verifies it again and decides.
 */
export async function resolveEdgeContext(req: FastifyRequest, tokens: TokenVerifier): Promise<EdgeContext> {
  const idempotencyKey = req.headers['idempotency-key'];
  if (idempotencyKey !== undefined && (typeof idempotencyKey !== 'string' || !HEADER_VALUE.test(idempotencyKey))) {
    throw EdgeErrors.invalidHeader('Idempotency-Key');
  }
  const authorization = req.headers.authorization;
  let token: string | undefined;
  let accountId: string | null = null;
  if (authorization !== undefined) {
    const match = BEARER.exec(authorization);
    if (!match || match[1]!.length > 8192) throw EdgeErrors.invalidAuthorization();
    token = match[1]!;
    accountId = (await tokens.verify(token)).sub;
  }
  return {
    accountId,
    meta: { token, correlationId: req.id, idempotencyKey, lang: languageOf(req.headers['accept-language']) },
  };
}

/** Global guard: puts the {@link EdgeContext} on every HTTP request (401 for a bad token). */
@Injectable()
export class EdgeContextGuard implements CanActivate {
  constructor(private readonly tokens: TokenVerifier) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const req = context.switchToHttp().getRequest<FastifyRequest>();
    req.kc ??= await resolveEdgeContext(req, this.tokens);
    return true;
  }
}

/** The {@link RequestMeta} to forward with the request: token, correlation id, idempotency key, language. */
export const Meta = createParamDecorator((_: unknown, ctx: ExecutionContext): RequestMeta => {
  const req = ctx.switchToHttp().getRequest<FastifyRequest>();
  if (!req.kc) throw new Error('EdgeContextGuard did not run');
  return req.kc.meta;
});
