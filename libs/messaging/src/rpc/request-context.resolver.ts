import type { RequestContext, RequestMeta } from '@kc/contracts';

/**
 * Turns the forwarded meta (token, correlation id, language) into a verified caller. Provided
 * by `@kc/auth` (which verifies tokens against identity's public keys); messaging only knows
 * this token.
 */
export const REQUEST_CONTEXT_RESOLVER = Symbol('kc:request-context-resolver');
export interface RequestContextResolver {
  resolve(meta: RequestMeta): Promise<RequestContext>;
}
