import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import jwt from 'jsonwebtoken';
import { AccessClaims, TOKEN_AUDIENCE, TOKEN_ISSUER } from '@kc/auth';
import { IDENTITY_CONFIG, type IdentityConfig } from '../config';
import { SigningKeyStore } from './signing-key.store';

export interface IssuedToken {
  accessToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
}

/** Signs access tokens (RS256, `kid` header) with identity's active key; each has its own `jti`, so a renewed token never equals the one it replaces. */
@Injectable()
export class TokenIssuer {
  constructor(
    private readonly keys: SigningKeyStore,
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
  ) {}

  async issue(claims: AccessClaims): Promise<IssuedToken> {
    const key = await this.keys.ensureActiveKey();
    const expiresIn = this.config.ACCESS_TOKEN_TTL_SECONDS;
    const accessToken = jwt.sign(AccessClaims.parse(claims), key.privateKey, {
      algorithm: 'RS256',
      keyid: key.kid,
      issuer: TOKEN_ISSUER,
      audience: TOKEN_AUDIENCE,
      expiresIn,
      jwtid: randomUUID(),
    });
    return { accessToken, tokenType: 'Bearer', expiresIn };
  }
}
