import { Inject, Injectable } from '@nestjs/common';
import * as oidc from 'openid-client';
import { IDENTITY_CONFIG, type IdentityConfig } from '../config';
import { issuerNotHttps } from './sso.errors';

export interface ProviderSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
}

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);
const DISCOVERY_TIMEOUT_SECONDS = 5;

/**
 * The regions' OpenID Connect providers, through openid-client (ADR 0040). Discovered metadata
 * is kept per setting, so a changed setting is discovered again.
 */
@Injectable()
export class IdentityProviders {
  private readonly discovered = new Map<string, Promise<oidc.Configuration>>();

  constructor(@Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig) {}

  /** The issuer as stored: https (or http on this machine when the config allows it), no credentials, no fragment, no trailing slash. */
  normaliseIssuer(issuer: string): string {
    let url: URL;
    try {
      url = new URL(issuer);
    } catch {
      throw issuerNotHttps();
    }
    const localHttp = url.protocol === 'http:' && this.config.SSO_ALLOW_LOCAL_HTTP_ISSUER && LOCAL_HOSTS.has(url.hostname);
    if ((url.protocol !== 'https:' && !localHttp) || url.username || url.password || url.hash || url.search) throw issuerNotHttps();
    return url.href.replace(/\/$/, '');
  }

  /** Fetches and checks the issuer's metadata (its `issuer` must be this one). */
  async discover(settings: ProviderSettings): Promise<oidc.Configuration> {
    const key = JSON.stringify([settings.issuer, settings.clientId, settings.clientSecret]);
    let found = this.discovered.get(key);
    if (!found) {
      const insecure = new URL(settings.issuer).protocol === 'http:';
      found = oidc
        .discovery(new URL(settings.issuer), settings.clientId, settings.clientSecret, undefined, {
          timeout: DISCOVERY_TIMEOUT_SECONDS,
          ...(insecure ? { execute: [oidc.allowInsecureRequests] } : {}),
        })
        .then((configuration) => {
          // The ID token's signature is checked against the provider's JWKS as well, not only trusted for coming over TLS.
          oidc.enableNonRepudiationChecks(configuration);
          return configuration;
        });
      found.catch(() => this.discovered.delete(key));
      this.discovered.set(key, found);
    }
    return found;
  }
}
