import { generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { DomainError } from '@kc/contracts';
import { TOKEN_AUDIENCE, TOKEN_ISSUER, type AccessClaims } from './claims';
import type { AccessEntry } from '@kc/contracts';
import type { AccessLookup } from './access-directory';
import type { KeySource } from './key-source';
import { TokenVerifier, VerifiedTokens } from './token-verifier';

const pair = () => generateKeyPairSync('rsa', { modulusLength: 2048 });
const trusted = pair();
const stranger = pair();
const KID = 'kid-1';

const keys: KeySource = { publicKey: async (kid) => (kid === KID ? trusted.publicKey : undefined) };
const directory = new Map<string, AccessEntry>();
const suspended = new Set<string>();
const endedSessions = new Set<string>();
const access: AccessLookup = { lookup: (id) => directory.get(id), regionSuspended: (id) => suspended.has(id), sessionEnded: (id) => endedSessions.has(id), ready: async () => undefined };
const verifier = new TokenVerifier(keys, access);

const claims: AccessClaims = { sub: randomUUID(), rid: randomUUID() };
const entry = (over: Partial<AccessEntry> = {}): AccessEntry => ({ accountId: claims.sub, regionId: claims.rid, roles: [], operator: false, blocked: false, version: 1, ...over });
afterEach(() => {
  directory.clear();
  suspended.clear();
  endedSessions.clear();
});
const sign = (options: jwt.SignOptions & { key?: KeyObject } = {}, payload: object = claims) => {
  const { key = trusted.privateKey, ...rest } = options;
  return jwt.sign(payload, key, { algorithm: 'RS256', keyid: KID, issuer: TOKEN_ISSUER, audience: TOKEN_AUDIENCE, expiresIn: 300, ...rest });
};

async function expectInvalid(token: string): Promise<void> {
  const error = await verifier.verify(token).then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(DomainError);
  expect(error).toMatchObject({ statusCode: 401, code: 'INVALID_TOKEN' });
  expect((error as DomainError).messages.nl).toMatch(/Log opnieuw in/);
}

describe('TokenVerifier', () => {
  it('accepts a valid token and returns its claims', async () => {
    await expect(verifier.verify(sign())).resolves.toEqual(claims);
  });

  it('turns a valid token into a request context with the roles the directory holds now', async () => {
    directory.set(claims.sub, entry({ roles: ['library_admin'] }));
    const ctx = await verifier.resolve({ token: sign(), correlationId: 'c-1', lang: 'nl' });
    expect(ctx).toMatchObject({ accountId: claims.sub, regionId: claims.rid, roles: ['library_admin'], isOperator: false, correlationId: 'c-1' });
  });

  it('ignores roles and operator claims in the token: only the directory decides', async () => {
    const token = sign({}, { ...claims, roles: ['library_admin', 'community_librarian'], op: true });
    await expect(verifier.resolve({ token, correlationId: 'c-3', lang: 'nl' })).resolves.toMatchObject({ roles: [], isOperator: false });
    directory.set(claims.sub, entry({ operator: true }));
    await expect(verifier.resolve({ token, correlationId: 'c-4', lang: 'nl' })).resolves.toMatchObject({ roles: [], isOperator: true });
  });

  it('gives no roles when the directory holds them for another region than the token', async () => {
    directory.set(claims.sub, entry({ regionId: randomUUID(), roles: ['library_admin'] }));
    await expect(verifier.resolve({ token: sign(), correlationId: 'c-5', lang: 'nl' })).resolves.toMatchObject({ roles: [] });
  });

  it('says whether the caller’s region is suspended, as the directory knows it now', async () => {
    await expect(verifier.resolve({ token: sign(), correlationId: 'c-6', lang: 'nl' })).resolves.toMatchObject({ regionSuspended: false });
    suspended.add(claims.rid!);
    await expect(verifier.resolve({ token: sign(), correlationId: 'c-7', lang: 'nl' })).resolves.toMatchObject({ regionSuspended: true });
  });

  it('refuses the valid token of a blocked account', async () => {
    directory.set(claims.sub, entry({ blocked: true }));
    const error = await verifier.verify(sign()).then(() => undefined, (e: unknown) => e);
    expect(error).toMatchObject({ statusCode: 401, code: 'ACCOUNT_BLOCKED' });
    expect((error as DomainError).messages.nl).toMatch(/geblokkeerd/);
  });

  it('gives an anonymous context without a token', async () => {
    await expect(verifier.resolve({ correlationId: 'c-2', lang: 'en' })).resolves.toMatchObject({ accountId: null, isOperator: false, roles: [] });
  });

  it('rejects an expired token', async () => {
    const expired = sign({ expiresIn: -10 });
    await expectInvalid(expired);
  });

  it('rejects a token from another issuer or for another audience', async () => {
    await expectInvalid(sign({ issuer: 'someone-else' }));
    await expectInvalid(sign({ audience: 'another-app' }));
  });

  it('rejects an unknown key id and a token without one', async () => {
    await expectInvalid(sign({ keyid: 'kid-unknown' }));
    await expectInvalid(jwt.sign(claims, trusted.privateKey, { algorithm: 'RS256', issuer: TOKEN_ISSUER, audience: TOKEN_AUDIENCE }));
  });

  it('rejects a tampered payload and a signature by another key', async () => {
    const [header, , signature] = sign().split('.');
    const forged = Buffer.from(JSON.stringify({ ...claims, sub: randomUUID(), iss: TOKEN_ISSUER, aud: TOKEN_AUDIENCE, exp: Math.floor(Date.now() / 1000) + 300 })).toString('base64url');
    await expectInvalid(`${header}.${forged}.${signature}`);
    await expectInvalid(sign({ key: stranger.privateKey }));
  });

  it('rejects an unsigned (alg none) or HMAC token and garbage', async () => {
    await expectInvalid(jwt.sign(claims, null, { algorithm: 'none', keyid: KID, issuer: TOKEN_ISSUER, audience: TOKEN_AUDIENCE }));
    await expectInvalid(jwt.sign(claims, 'geheim', { algorithm: 'HS256', keyid: KID, issuer: TOKEN_ISSUER, audience: TOKEN_AUDIENCE }));
    await expectInvalid('geen.token.hoor');
    await expectInvalid('');
  });

  it('rejects a JWT whose header says JWT but whose payload is not JSON (the decoder throws on it)', async () => {
    await expectInvalid('eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eA.');
    await expectInvalid(`${Buffer.from('{"alg":"RS256","typ":"JWT","kid":"kid-1"}').toString('base64url')}.bm90IGpzb24.c2ln`);
  });

  it('rejects a validly signed token whose claims do not match the schema', async () => {
    await expectInvalid(sign({}, { sub: 'not-a-uuid', rid: null }));
    await expectInvalid(sign({}, { rid: null }));
  });
});

describe('VerifiedTokens', () => {
  const claims: AccessClaims = { sub: randomUUID(), rid: null };

  it('keeps a verified token until it expires, then forgets it', () => {
    const cache = new VerifiedTokens();
    cache.set('t', claims, 2000);
    expect(cache.get('t', 1999)).toEqual(claims);
    expect(cache.get('t', 2000)).toBeUndefined();
    expect(cache.get('t', 1000)).toBeUndefined(); // gone for good once expired
  });

  it('drops the oldest entry when full', () => {
    const cache = new VerifiedTokens(2);
    cache.set('a', claims, 10_000);
    cache.set('b', claims, 10_000);
    cache.set('c', claims, 10_000);
    expect([cache.get('a', 0), cache.get('b', 0), cache.get('c', 0)]).toEqual([undefined, claims, claims]);
  });
});

describe('TokenVerifier with a cached token', () => {
  it('still refuses it the moment its account is blocked', async () => {
    const token = sign();
    await expect(verifier.verify(token)).resolves.toEqual(claims);
    directory.set(claims.sub, entry({ blocked: true }));
    await expect(verifier.verify(token)).rejects.toMatchObject({ code: 'ACCOUNT_BLOCKED' });
  });

  it('refuses it the moment its session ends, and says which session a context belongs to', async () => {
    const sid = randomUUID();
    const token = sign({}, { ...claims, sid });
    await expect(verifier.resolve({ token, correlationId: 'c-s', lang: 'nl' })).resolves.toMatchObject({ accountId: claims.sub, sessionId: sid });
    endedSessions.add(randomUUID());
    await expect(verifier.verify(token)).resolves.toMatchObject({ sid });
    endedSessions.add(sid);
    const error = await verifier.verify(token).then(() => undefined, (e: unknown) => e);
    expect(error).toMatchObject({ statusCode: 401, code: 'SESSION_ENDED' });
    expect((error as DomainError).messages.nl).toMatch(/uitgelogd/);
  });
});
