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

export const sessionEnded = () =>
  new DomainError(401, 'SESSION_ENDED', {
    nl: 'Je bent uitgelogd op dit apparaat. Log opnieuw in.',
    en: 'You have been signed out on this device. Please log in again.',
  });

/**
 * Tokens whose signature was verified, until they expire: the same token comes with every
 * request of a session, and an RS256 verification is the most expensive step of deciding
 * one. Bounded; the oldest entry goes first. What the bearer may do is still looked up live.
 */
export class VerifiedTokens {
  private readonly entries = new Map<string, { claims: AccessClaims; expiresAt: number }>();

  constructor(private readonly max = 20_000) {}

  get(token: string, now = Date.now()): AccessClaims | undefined {
    const entry = this.entries.get(token);
    if (!entry) return undefined;
    if (entry.expiresAt <= now) {
      this.entries.delete(token);
      return undefined;
    }
    return entry.claims;
  }

  set(token: string, claims: AccessClaims, expiresAt: number): void {
    if (this.entries.size >= this.max) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(token, { claims, expiresAt });
  }
}

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
 * A blocked account's tokens are refused, and so are the tokens of a session that ended.
 */
@Injectable()
export class TokenVerifier implements RequestContextResolver {
  constructor(
    @Inject(KEY_SOURCE) private readonly keys: KeySource,
    @Inject(AccessDirectory) private readonly access: AccessLookup,
  ) {}

  private readonly verified = new VerifiedTokens();

  /** The token's claims, when it is valid, its account is not blocked and its session has not ended. */
  async verify(token: string): Promise<AccessClaims> {
    const claims = this.verified.get(token) ?? (await this.verifySignature(token));
    await this.access.ready();
    if (this.access.lookup(claims.sub)?.blocked) throw accountBlocked();
    if (claims.sid !== undefined && this.access.sessionEnded(claims.sid)) throw sessionEnded();
    return claims;
  }

  private async verifySignature(token: string): Promise<AccessClaims> {
    const kid = keyIdOf(token);
    if (!kid) throw invalidToken();
    const key = await this.keys.publicKey(kid);
    if (!key) throw invalidToken();
    let payload: string | jwt.JwtPayload;
    try {
      payload = jwt.verify(token, key, { algorithms: ['RS256'], issuer: TOKEN_ISSUER, audience: TOKEN_AUDIENCE });
    } catch {
      throw invalidToken();
    }
    const claims = AccessClaims.safeParse(payload);
    if (!claims.success || typeof payload !== 'object' || typeof payload.exp !== 'number') throw invalidToken();
    this.verified.set(token, claims.data, payload.exp * 1000);
    return claims.data;
  }

  async resolve(meta: RequestMeta): Promise<RequestContext> {
    const base = { correlationId: meta.correlationId, idempotencyKey: meta.idempotencyKey, lang: meta.lang };
    if (!meta.token) return { ...base, accountId: null, regionId: null, roles: [], isOperator: false };
    const claims = await this.verify(meta.token);
    const access = this.access.lookup(claims.sub);
    const roles = access && access.regionId === claims.rid ? access.roles : [];
    const regionSuspended = claims.rid !== null && this.access.regionSuspended(claims.rid);
    return { ...base, accountId: claims.sub, regionId: claims.rid, roles, isOperator: access?.operator ?? false, regionSuspended, sessionId: claims.sid ?? null };
  }
}
