import { EntityManager } from '@mikro-orm/postgresql';
import { Controller, Inject, Injectable } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import * as oidc from 'openid-client';
import type { Logger } from 'pino';
import { CompleteSsoSignIn, DomainError, SSO_CALLBACK_PATH, StartSsoSignIn, type RequestOf, type ResponseOf } from '@kc/contracts';
import { MESSAGING_LOGGER, Rpc, type RpcCall } from '@kc/messaging';
import { sqlRows } from '@kc/persistence';
import { Account } from '../account/account.entity';
import { IDENTITY_CONFIG, type IdentityConfig } from '../config';
import { SessionService } from '../session/session.service';
import { IdentityProviders } from './identity-provider';
import { RegionSsoService, type RegionProvider } from './region-sso';
import { ssoEmailNotVerified, ssoNoAccount, ssoSignInFailed } from './sso.errors';

/**
 * Staff sign-in with the region's OpenID Connect provider: the authorization code flow with
 * PKCE, state and nonce. The ID token (issuer, audience, nonce, signature) leads to an account
 * of that region: the remembered (issuer, subject) link, or else the account with the same
 * e-mail address, verified by the provider and confirmed here (or vouched for by a staff role).
 * Nothing is created from the provider's claims: no account, no staff role.
 */
@Injectable()
export class SsoSignInService {
  constructor(
    private readonly em: EntityManager,
    private readonly regions: RegionSsoService,
    private readonly providers: IdentityProviders,
    private readonly sessions: SessionService,
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
    @Inject(MESSAGING_LOGGER) private readonly logger: Logger,
  ) {}

  async start(slug: string): Promise<ResponseOf<typeof StartSsoSignIn>> {
    const provider = await this.regions.enabledProvider(slug);
    const configuration = await this.configurationOf(provider);
    const flow = { region: provider.slug, state: oidc.randomState(), nonce: oidc.randomNonce(), codeVerifier: oidc.randomPKCECodeVerifier() };
    const authorizationUrl = oidc.buildAuthorizationUrl(configuration, {
      redirect_uri: this.callbackUrl(), scope: 'openid email profile', response_type: 'code',
      code_challenge: await oidc.calculatePKCECodeChallenge(flow.codeVerifier), code_challenge_method: 'S256',
      state: flow.state, nonce: flow.nonce,
    });
    return { authorizationUrl: authorizationUrl.href, flow };
  }

  async complete({ flow, callbackQuery, device }: RequestOf<typeof CompleteSsoSignIn>): Promise<ResponseOf<typeof CompleteSsoSignIn>> {
    const provider = await this.regions.enabledProvider(flow.region);
    const configuration = await this.configurationOf(provider);
    const callback = new URL(this.callbackUrl());
    callback.search = callbackQuery.replace(/^\?/, '');
    const claims = await oidc
      .authorizationCodeGrant(configuration, callback, { pkceCodeVerifier: flow.codeVerifier, expectedState: flow.state, expectedNonce: flow.nonce, idTokenExpected: true })
      .then((tokens) => withEmail(configuration, tokens))
      .catch((error: Error) => {
        this.logger.warn({ region: provider.slug, err: error.message, code: (error as { code?: string }).code }, 'OpenID Connect sign-in refused');
        throw ssoSignInFailed();
      });
    if (!claims) throw ssoSignInFailed();
    const account = await this.linkedAccount(provider, claims);
    return this.sessions.start(account, device);
  }

  private async linkedAccount(provider: RegionProvider, claims: { sub: string; email?: unknown; email_verified?: unknown }): Promise<Account> {
    const em = this.em.fork();
    const [linked] = await sqlRows<{ id: string }>(
      em, 'SELECT a.id FROM sso_links l JOIN accounts a ON a.id = l.account_id WHERE l.issuer = $1 AND l.subject = $2 AND a.region_id = $3 AND a.erased_at IS NULL',
      [provider.issuer, claims.sub, provider.regionId],
    );
    let accountId = linked?.id;
    if (!accountId) {
      if (claims.email_verified !== true || typeof claims.email !== 'string') throw ssoEmailNotVerified();
      // An unconfirmed address could be someone else's registration of the staff member's address.
      const [match] = await sqlRows<{ id: string }>(
        em,
        `SELECT a.id FROM accounts a WHERE a.email = $1 AND a.region_id = $2 AND a.erased_at IS NULL
           AND (a.email_verified_at IS NOT NULL OR EXISTS (SELECT 1 FROM staff_roles r WHERE r.account_id = a.id AND r.region_id = a.region_id))`,
        [claims.email.toLowerCase(), provider.regionId],
      );
      if (!match) throw ssoNoAccount(provider.regionName);
      accountId = match.id;
    }
    await sqlRows(
      em,
      `INSERT INTO sso_links (account_id, region_id, issuer, subject) VALUES ($1, $2, $3, $4)
       ON CONFLICT (issuer, subject) DO UPDATE SET last_used_at = now() WHERE sso_links.account_id = $1`,
      [accountId, provider.regionId, provider.issuer, claims.sub],
    );
    const account = await em.findOne(Account, { id: accountId });
    if (!account) throw ssoNoAccount(provider.regionName);
    return account;
  }

  private configurationOf(provider: RegionProvider): Promise<oidc.Configuration> {
    return this.providers.discover(provider).catch((error: Error) => {
      this.logger.warn({ region: provider.slug, err: error.message }, 'OpenID Connect discovery failed');
      throw new DomainError(503, 'SSO_PROVIDER_UNAVAILABLE', {
        nl: 'De identity provider van je bibliotheek is nu niet bereikbaar. Probeer het later opnieuw of log in met je wachtwoord.',
        en: 'Your library’s identity provider cannot be reached right now. Try again later or sign in with your password.',
      });
    });
  }

  private callbackUrl(): string {
    return new URL(SSO_CALLBACK_PATH, this.config.PUBLIC_WEB_URL).href;
  }
}

/**
 * The ID token's claims, with the address from the userinfo endpoint when the provider keeps it
 * out of the ID token (as OpenID Connect Core lets it); userinfo must be about the same subject.
 */
async function withEmail(configuration: oidc.Configuration, tokens: oidc.TokenEndpointResponse & oidc.TokenEndpointResponseHelpers) {
  const claims = tokens.claims();
  if (!claims || claims.email !== undefined || !configuration.serverMetadata().userinfo_endpoint) return claims;
  const info = await oidc.fetchUserInfo(configuration, tokens.access_token, claims.sub);
  return { ...claims, email: info.email, email_verified: info.email_verified };
}

@Controller()
export class SsoSignInController {
  constructor(private readonly signIn: SsoSignInService) {}

  @Rpc(StartSsoSignIn)
  start(@Payload() { data }: RpcCall<typeof StartSsoSignIn>) {
    return this.signIn.start(data.region);
  }

  @Rpc(CompleteSsoSignIn)
  complete(@Payload() { data }: RpcCall<typeof CompleteSsoSignIn>) {
    return this.signIn.complete(data);
  }
}
