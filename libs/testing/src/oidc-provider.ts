import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface TestOidcPerson {
  email: string;
  email_verified: boolean;
}

/** A real OpenID Connect provider for tests, on a free port of this machine. */
export interface TestOidcProvider {
  issuer: string;
  client: { clientId: string; clientSecret: string };
  close(): Promise<void>;
}

/**
 * Starts oidc-provider (a certified OpenID provider; devDependency) with one confidential client
 * for `redirectUri` and its development log-in and consent pages: any login name in `people`
 * signs in as that subject, with its address and whether it is verified.
 */
export async function startTestOidcProvider(redirectUri: string, people: Record<string, TestOidcPerson>): Promise<TestOidcProvider> {
  const { default: Provider } = await import('oidc-provider');
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const client = { clientId: 'kenniscloud', clientSecret: 'geheim-van-de-bibliotheek-0123456789' };
  const provider = new Provider(issuer, {
    clients: [{ client_id: client.clientId, client_secret: client.clientSecret, redirect_uris: [redirectUri], grant_types: ['authorization_code'], response_types: ['code'] }],
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    features: { devInteractions: { enabled: true } },
    cookies: { keys: ['test-cookie-key-0123456789'] },
    findAccount: (_ctx: unknown, sub: string) => (people[sub] ? { accountId: sub, claims: () => ({ sub, ...people[sub] }) } : undefined),
  });
  server.on('request', provider.callback());
  return { issuer, client, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
