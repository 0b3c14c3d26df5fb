import { Client } from 'pg';
import pino, { type Logger } from 'pino';
import { CreateRegion, Login, RegisterAccount, TERMS_VERSION } from '@kc/contracts';
import { createLogger } from '@kc/observability';
import { InProcessService, TEST_DATABASE_URL_BASE, type TestScope } from '@kc/testing';
import { loadIdentityConfig } from '../src/config';
import { IdentityModule } from '../src/identity.module';

export const OPERATOR_EMAIL = 'Beheer@KennisCloud.test';
export const OPERATOR_PASSWORD = 'operator-wachtwoord-123';

/** Boots the real identity service in a test scope, with a bootstrap operator. */
export async function startIdentity(scope: TestScope, env: Record<string, string> = {}, logger: Logger = createLogger('identity', 'silent')): Promise<InProcessService> {
  scope.dbName('identity');
  const config = loadIdentityConfig(scope.env({ KC_BOOTSTRAP_OPERATOR_EMAIL: OPERATOR_EMAIL, KC_BOOTSTRAP_OPERATOR_PASSWORD: OPERATOR_PASSWORD, ...env }));
  return InProcessService.start({ service: 'identity', scope, module: IdentityModule.forRoot(config, logger) });
}

/** A logger at `trace` that keeps every line in memory, with the production redaction rules. */
export function capturingLogger(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const base = createLogger('identity', 'trace');
  const logger = base.child({}, { level: 'trace' });
  // pino writes through the stream symbol; re-target it at an array.
  (logger as unknown as Record<symbol, unknown>)[pino.symbols.streamSym] = { write: (line: string) => lines.push(line) };
  return { logger, lines };
}

export async function loginAs(identity: InProcessService, email: string, password: string): Promise<string> {
  return (await identity.send(Login, { email, password })).accessToken;
}

export const operatorToken = (identity: InProcessService) => loginAs(identity, OPERATOR_EMAIL, OPERATOR_PASSWORD);

export async function createRegion(identity: InProcessService, operator: string, slug: string): Promise<string> {
  return (await identity.send(CreateRegion, { slug, name: `Regio ${slug}` }, operator)).id;
}

/** Registers an account and logs it in. */
export async function resident(identity: InProcessService, region: string, name: string): Promise<{ id: string; email: string; password: string; token: string }> {
  const email = `${name}@example.nl`;
  const password = `${name}-wachtwoord-1`;
  const { id } = await identity.send(RegisterAccount, { email, password, displayName: name, region, acceptedTermsVersion: TERMS_VERSION });
  return { id, email, password, token: await loginAs(identity, email, password) };
}

/** Reads identity's own database directly (assertions only). */
export async function query<T = Record<string, unknown>>(scope: TestScope, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: `${TEST_DATABASE_URL_BASE}/${scope.dbName('identity')}` });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

/** The error a promise rejects with (fails the test when it resolves). */
export async function failure<E = Error>(promise: Promise<unknown>): Promise<E> {
  try {
    await promise;
  } catch (error) {
    return error as E;
  }
  throw new Error('expected the request to fail, but it succeeded');
}
