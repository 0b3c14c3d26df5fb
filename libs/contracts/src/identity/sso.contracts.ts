import { z } from 'zod';
import { bilingual } from '../bilingual';
import { RegionSlug } from '../common';
import { defineRequest } from '../define';
import { DeviceDescription, TokenPair } from './session.contracts';

const REQUIRED = { nl: 'is verplicht', en: 'is required' };

/** Where the identity provider sends the browser back (a web page of the gateway). */
export const SSO_CALLBACK_PATH = '/inloggen/sso/callback';

/** A region's single sign-on for library staff (OpenID Connect). The client secret is write-only: never in an answer. */
export const RegionSso = z.object({
  region: RegionSlug,
  issuer: z.string(),
  clientId: z.string(),
  enabled: z.boolean(),
  /** Whether a client secret is stored (its value is never returned). */
  hasClientSecret: z.boolean(),
  updatedAt: z.string(),
});

export const RegionSsoSettings = z.object({
  issuer: z.url({ protocol: /^https?$/, ...bilingual({ nl: 'moet een https-adres zijn', en: 'must be an https address' }) }).max(500),
  clientId: z.string().trim().min(1, bilingual(REQUIRED)).max(200),
  /** Left out: the stored secret is kept (a form never shows it); required when none is stored yet. */
  clientSecret: z.string().min(1, bilingual(REQUIRED)).max(500).optional(),
  enabled: z.boolean(),
}).strict();

export const GetRegionSso = defineRequest({
  pattern: 'identity.region.sso.get', service: 'identity',
  description: 'The region’s OpenID Connect sign-in for staff, without its client secret (the region’s library administrators and the operator); 404 when none is set.',
  request: z.object({ region: RegionSlug }).strict(),
  response: RegionSso,
});
export const SetRegionSso = defineRequest({
  pattern: 'identity.region.sso.set', service: 'identity', command: true,
  description: 'Set the region’s OpenID Connect provider (issuer, client id and secret, enabled); without a client secret the stored one is kept (400 SSO_CLIENT_SECRET_REQUIRED when none is stored); the issuer’s metadata is discovered first: a 400 when that fails.',
  request: RegionSsoSettings.extend({ region: RegionSlug }).strict(),
  response: RegionSso,
});
/** The regions whose staff can sign in with their library's provider (for the sign-in page). */
export const ListSsoRegions = defineRequest({
  pattern: 'identity.sso.regions', service: 'identity',
  description: 'The regions with an enabled OpenID Connect sign-in for staff (slug and name).',
  request: z.object({}).strict(),
  response: z.object({ items: z.array(z.object({ slug: RegionSlug, name: z.string() })) }),
});
/**
 * What a sign-in with the provider needs kept until the browser comes back: the gateway keeps
 * it server-side (Redis, short-lived) bound to the browser, and hands it back to finish.
 */
export const SsoFlow = z.object({
  region: RegionSlug,
  state: z.string().min(16).max(200),
  nonce: z.string().min(16).max(200),
  codeVerifier: z.string().min(43).max(128),
}).strict();
export type SsoFlow = z.infer<typeof SsoFlow>;
export const StartSsoSignIn = defineRequest({
  pattern: 'identity.sso.start', service: 'identity',
  description: 'Start signing in with the region’s provider: the authorization URL (code flow with PKCE, state and nonce) and the flow to keep until the callback.',
  request: z.object({ region: RegionSlug }).strict(),
  response: z.object({ authorizationUrl: z.string(), flow: SsoFlow }),
});
export const CompleteSsoSignIn = defineRequest({
  pattern: 'identity.sso.complete', service: 'identity',
  description: 'Finish signing in with the provider: exchange the code from the callback, verify the ID token and start a session for the linked account (never creates staff roles).',
  request: z.object({
    flow: SsoFlow,
    /** The callback's query string as the provider sent it (`code`, `state`, `iss` or `error`). */
    callbackQuery: z.string().max(4000),
    device: DeviceDescription.optional(),
  }).strict(),
  response: TokenPair.extend({ consentRequired: z.boolean() }),
});
