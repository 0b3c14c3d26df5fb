import { Inject, Injectable } from '@nestjs/common';
import jwt from 'jsonwebtoken';
import { DomainError, type RequestContext, type RequestMeta } from '@kc/contracts';
import type { RequestContextResolver } from '@kc/messaging';
import { AccessClaims, TOKEN_AUDIENCE, TOKEN_ISSUER } from './claims';
import { AccessDirectory, type AccessLookup } from './access-directory';
import { KEY_SOURCE, type KeySource } from './key-source';

export const invalidToken = () =>
  new DomainError(401, 'INVALID_TOKEN', {
    nl: 'Je sessie is ongeldig of verlopen. Log opnieuw in.',
    en: 'Your session is invalid or has expired. Please log in again.',
  });

export const accountBlocked = () =>
  new DomainError(401, 'ACCOUNT_BLOCKED', {
    nl: 'Dit account is geblokkeerd. Neem contact op met je bibliotheek als je denkt dat dit niet klopt.',
    en: 'This account has been blocked. Contact your library if you think this is a mistake.',
  });

/** The `kid` of a token's header, or undefined for anything that is not a decodable JWT (the decoder throws on some). */
function keyIdOf(token: string): string | undefined {
  try {
    const decoded = jwt.decode(token, { complete: true });
    return decoded && typeof decoded === 'object' ? decoded.header.kid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Verifies access tokens (RS256, signed by identity) and turns them into a {@link RequestContext}
 * whose roles and operator status come from the access directory, as identity knows them now.
 * A blocked account's tokens are refused.
 */
@Injectable()
export class TokenVerifier implements RequestContextResolver {
  constructor(
    @Inject(KEY_SOURCE) private readonly keys: KeySource,
    @Inject(AccessDirectory) private readonly access: AccessLookup,
  ) {}

  /** The token's claims, when it is valid and its account is not blocked. */
  async verify(token: string): Promise<AccessClaims> {
    const claims = await this.verifySignature(token);
    await this.access.ready();
    if (this.access.lookup(claims.sub)?.blocked) throw accountBlocked();
    return claims;
  }

  private async verifySignature(token: string): Promise<AccessClaims> {
    const kid = keyIdOf(token);
    if (!kid) throw invalidToken();
    const key = await this.keys.publicKey(kid);
    if (!key) throw invalidToken();
    try {
      const payload = jwt.verify(token, key, { algorithms: ['RS256'], issuer: TOKEN_ISSUER, audience: TOKEN_AUDIENCE });
      return AccessClaims.parse(payload);
    } catch {
      throw invalidToken();
    }
  }

  async resolve(meta: RequestMeta): Promise<RequestContext> {
    const base = { correlationId: meta.correlationId, idempotencyKey: meta.idempotencyKey, lang: meta.lang };
    if (!meta.token) return { ...base, accountId: null, regionId: null, roles: [], isOperator: false };
    const claims = await this.verify(meta.token);
    const access = this.access.lookup(claims.sub);
    const roles = access && access.regionId === claims.rid ? access.roles : [];
    return { ...base, accountId: claims.sub, regionId: claims.rid, roles, isOperator: access?.operator ?? false };
  }
}
