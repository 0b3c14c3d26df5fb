import { generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { DomainError } from '@kc/contracts';
import { TOKEN_AUDIENCE, TOKEN_ISSUER, type AccessClaims } from './claims';
import type { KeySource } from './key-source';
import { TokenVerifier } from './token-verifier';

const pair = () => generateKeyPairSync('rsa', { modulusLength: 2048 });
const trusted = pair();
const stranger = pair();
const KID = 'kid-1';

const keys: KeySource = { publicKey: async (kid) => (kid === KID ? trusted.publicKey : undefined) };
const verifier = new TokenVerifier(keys);

const claims: AccessClaims = { sub: randomUUID(), rid: randomUUID(), roles: ['library_admin'], op: false };
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

  it('turns a valid token into a request context', async () => {
    const ctx = await verifier.resolve({ token: sign(), correlationId: 'c-1', lang: 'nl' });
    expect(ctx).toMatchObject({ accountId: claims.sub, regionId: claims.rid, roles: claims.roles, isOperator: false, correlationId: 'c-1' });
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
    const forged = Buffer.from(JSON.stringify({ ...claims, op: true, iss: TOKEN_ISSUER, aud: TOKEN_AUDIENCE, exp: Math.floor(Date.now() / 1000) + 300 })).toString('base64url');
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
    await expectInvalid(sign({}, { sub: 'not-a-uuid', rid: null, roles: ['emperor'], op: 'yes' }));
  });
});
