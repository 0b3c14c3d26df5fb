import jwt from 'jsonwebtoken';
import { randomUUID } from 'node:crypto';
import { AcceptTerms, AccountNames, DomainError, GetJwks, GetMe, Login, RegisterAccount, TERMS_VERSION } from '@kc/contracts';
import { AccessDirectory, RemoteJwksKeySource, TOKEN_AUDIENCE, TOKEN_ISSUER, TokenVerifier } from '@kc/auth';
import { InProcessService, TestScope } from '@kc/testing';
import { OPERATOR_EMAIL, OPERATOR_PASSWORD, capturingLogger, createRegion, failure, loginAs, operatorToken, query, startIdentity } from './identity-test-kit';

describe('identity: accounts and log-in (real PostgreSQL and NATS)', () => {
  const scope = new TestScope('identity-accounts');
  let identity: InProcessService;
  let regionId: string;
  const logs = capturingLogger();
  const anne = { email: 'Anne.de.Vries@Example.NL', password: 'correct-paard-batterij', displayName: 'Anne de Vries', region: 'utrecht', acceptedTermsVersion: TERMS_VERSION };

  beforeAll(async () => {
    identity = await startIdentity(scope, { ACCESS_TOKEN_TTL_SECONDS: '900' }, logs.logger);
    regionId = await createRegion(identity, await operatorToken(identity), 'utrecht');
    // Anne is the account the log-in tests sign in with.
    await identity.send(RegisterAccount, anne);
  });
  afterAll(async () => {
    await identity?.close();
    await scope.dispose();
  });

  const accountCount = async () => Number((await query<{ n: string }>(scope, 'SELECT count(*) AS n FROM accounts'))[0].n);

  it('registers, logs in and answers GetMe with region and roles', async () => {
    const fenna = { ...anne, email: 'Fenna.de.Boer@Example.NL', password: 'blauw-paard-lantaarn', displayName: 'Fenna de Boer' };
    const { id } = await identity.send(RegisterAccount, fenna);
    const login = await identity.send(Login, { email: 'fenna.de.boer@example.nl', password: fenna.password });
    expect(login).toMatchObject({ tokenType: 'Bearer', expiresIn: 900 });

    const me = await identity.send(GetMe, {}, login.accessToken);
    expect(me).toMatchObject({
      id, email: 'fenna.de.boer@example.nl', displayName: 'Fenna de Boer', roles: [], isOperator: false,
      region: { id: regionId, slug: 'utrecht', status: 'active' },
    });
    const [consent] = await query<{ terms_version: string; terms_accepted_at: Date }>(scope, 'SELECT terms_version, terms_accepted_at FROM accounts WHERE id = $1', [id]);
    expect(consent.terms_version).toBe(TERMS_VERSION);
    expect(Math.abs(consent.terms_accepted_at.getTime() - Date.now())).toBeLessThan(60_000);
    const [row] = await query<{ email: string; password_hash: string }>(scope, 'SELECT email, password_hash FROM accounts WHERE id = $1', [id]);
    expect(row.email).toBe('fenna.de.boer@example.nl');
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
  });

  it('asks for consent again when the terms have a new version, and records every version accepted', async () => {
    const bram = { ...anne, email: `bram-${randomUUID()}@example.nl`, displayName: 'Bram' };
    const { id } = await identity.send(RegisterAccount, bram);
    expect((await identity.send(Login, { email: bram.email, password: bram.password })).consentRequired).toBe(false);
    // As if Bram accepted an earlier version and the platform now ships a new one.
    await query(scope, "UPDATE accounts SET terms_version = '2025-01-01' WHERE id = $1", [id]);
    const login = await identity.send(Login, { email: bram.email, password: bram.password });
    expect(login.consentRequired).toBe(true);
    expect(await identity.send(GetMe, {}, login.accessToken)).toMatchObject({ termsVersion: '2025-01-01', consentRequired: true });

    expect(await failure(identity.send(AcceptTerms, { acceptedTermsVersion: '2025-01-01' }, login.accessToken))).toMatchObject({ statusCode: 400 });
    expect(await failure(identity.send(AcceptTerms, { acceptedTermsVersion: TERMS_VERSION }))).toMatchObject({ statusCode: 401 });
    const accepted = await identity.send(AcceptTerms, { acceptedTermsVersion: TERMS_VERSION }, login.accessToken);
    expect(accepted.termsVersion).toBe(TERMS_VERSION);
    expect(await identity.send(GetMe, {}, login.accessToken)).toMatchObject({ termsVersion: TERMS_VERSION, consentRequired: false });
    expect((await identity.send(Login, { email: bram.email, password: bram.password })).consentRequired).toBe(false);
    const history = await query<{ terms_version: string }>(scope, 'SELECT terms_version FROM consents WHERE account_id = $1', [id]);
    expect(history.map((h) => h.terms_version)).toEqual([TERMS_VERSION]); // the earlier acceptance was only simulated on the account row
  });

  it('issues a token that verifies against the JWKS over NATS', async () => {
    const token = await loginAs(identity, anne.email, anne.password);
    const verifier = new TokenVerifier(new RemoteJwksKeySource(identity.rpc), identity.get(AccessDirectory));
    const claims = await verifier.verify(token);
    const [account] = await query<{ id: string }>(scope, 'SELECT id FROM accounts WHERE email = $1', ['anne.de.vries@example.nl']);
    expect(claims).toEqual({ sub: account.id, rid: regionId, sid: expect.any(String) });

    const decoded = jwt.decode(token, { complete: true }) as jwt.Jwt & { payload: jwt.JwtPayload };
    const jwks = await identity.send(GetJwks, {});
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).toMatchObject({ kid: decoded.header.kid, kty: 'RSA', alg: 'RS256', use: 'sig' });
    expect(jwks.keys[0]).not.toHaveProperty('d'); // no private part
    expect(decoded.header.alg).toBe('RS256');
    expect(decoded.payload).toMatchObject({ iss: TOKEN_ISSUER, aud: TOKEN_AUDIENCE });
    expect(decoded.payload.exp! - decoded.payload.iat!).toBe(900);
    // Personal data stays out of the token.
    expect(JSON.stringify(decoded.payload)).not.toMatch(/anne|vries|example/i);
  });

  it('refuses GetMe without a token (401) and with a tampered one (401)', async () => {
    await expect(identity.send(GetMe, {})).rejects.toMatchObject({ statusCode: 401, code: 'UNAUTHENTICATED' });
    const token = await loginAs(identity, anne.email, anne.password);
    const [header, payload, signature] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), op: true })).toString('base64url');
    await expect(identity.send(GetMe, {}, `${header}.${forged}.${signature}`)).rejects.toMatchObject({ statusCode: 401, code: 'INVALID_TOKEN' });
  });

  it('refuses a second account with the same e-mail address in any case (409)', async () => {
    const before = await accountCount();
    const error = await failure<DomainError>(identity.send(RegisterAccount, { ...anne, email: 'ANNE.DE.VRIES@example.nl', displayName: 'Iemand anders' }));
    expect(error).toMatchObject({ statusCode: 409, code: 'EMAIL_TAKEN' });
    expect(error.messages.nl).toMatch(/e-mailadres/);
    expect(await accountCount()).toBe(before);
  });

  it('answers a wrong password and an unknown address with the same 401', async () => {
    const wrong = await failure<DomainError>(identity.send(Login, { email: anne.email, password: 'helemaal-verkeerd' }));
    const unknown = await failure<DomainError>(identity.send(Login, { email: 'niemand@example.nl', password: anne.password }));
    expect(wrong).toMatchObject({ statusCode: 401, code: 'INVALID_CREDENTIALS' });
    expect(unknown).toMatchObject({ statusCode: 401, code: 'INVALID_CREDENTIALS', messages: wrong.messages });
  });

  it('rejects invalid input with a Dutch 400 and writes nothing', async () => {
    const before = await accountCount();
    const outboxBefore = (await query(scope, 'SELECT id FROM kc_outbox')).length;
    const error = await failure<DomainError>(identity.send(RegisterAccount, { email: 'geen-adres', password: 'kort', displayName: '', region: 'utrecht' }));
    expect(error).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
    expect(error.messages.nl).toMatch(/^Ongeldige invoer: /);
    expect(error.messages.nl).toMatch(/email: moet een geldig e-mailadres zijn/);
    expect(error.messages.nl).toMatch(/password: minstens 10 tekens/);
    const withoutConsent = await failure<DomainError>(identity.send(RegisterAccount, { ...anne, email: 'geen-akkoord@example.nl', acceptedTermsVersion: undefined }));
    expect(withoutConsent).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
    expect(withoutConsent.messages.nl).toMatch(/gebruiksvoorwaarden/);
    const oldTerms = await failure<DomainError>(identity.send(RegisterAccount, { ...anne, email: 'oud-akkoord@example.nl', acceptedTermsVersion: '2020-01-01' }));
    expect(oldTerms).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
    const extra = await failure<DomainError>(identity.send(RegisterAccount, { ...anne, email: 'x@example.nl', isOperator: true }));
    expect(extra).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
    // Characters PostgreSQL cannot store are a 400 here too, not a database error (500).
    const nul = await failure<DomainError>(identity.send(RegisterAccount, { ...anne, email: 'nul@example.nl', displayName: 'Nieuwe\u0000 Inwoner' }));
    expect(nul).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
    expect(nul.messages.nl).toMatch(/displayName bevat een teken dat niet is toegestaan/);
    const surrogate = await failure<DomainError>(identity.send(RegisterAccount, { ...anne, email: 'half@example.nl', displayName: 'Half \ud800 teken' }));
    expect(surrogate).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
    expect(await accountCount()).toBe(before);
    expect((await query(scope, 'SELECT id FROM kc_outbox')).length).toBe(outboxBefore);
  });

  it('answers an unknown region with 404 REGION_NOT_FOUND and writes nothing', async () => {
    const before = await accountCount();
    const error = await failure<DomainError>(identity.send(RegisterAccount, { ...anne, email: 'bert@example.nl', region: 'atlantis' }));
    expect(error).toMatchObject({ statusCode: 404, code: 'REGION_NOT_FOUND' });
    expect(await accountCount()).toBe(before);
  });

  it('refuses registration in a suspended region (read-only) and writes nothing', async () => {
    await createRegion(identity, await operatorToken(identity), 'opgeschort');
    await query(scope, "UPDATE regions SET status = 'suspended' WHERE slug = 'opgeschort'");
    const before = await accountCount();
    const error = await failure<DomainError>(identity.send(RegisterAccount, { ...anne, email: 'erik@example.nl', region: 'opgeschort' }));
    expect(error).toMatchObject({ statusCode: 423, code: 'REGION_SUSPENDED' });
    expect(await accountCount()).toBe(before);
  });

  it('records AccountRegistered in the outbox with identifiers only', async () => {
    const { id } = await identity.send(RegisterAccount, { email: 'Carla@Example.nl', password: 'carla-wachtwoord', displayName: 'Carla Jansen', region: 'utrecht', acceptedTermsVersion: TERMS_VERSION });
    const rows = await query<{ subject: string; payload: { type: string; region: string; actor: string; data: Record<string, unknown> } }>(
      scope, "SELECT subject, payload FROM kc_outbox WHERE payload->>'type' = 'kc.identity.account.registered.v1' AND payload->'data'->>'accountId' = $1", [id],
    );
    expect(rows).toHaveLength(1);
    const { subject, payload } = rows[0];
    expect(subject).toBe(`${scope.namespace}.kc.identity.account.registered.v1`);
    expect(payload.data).toEqual({ accountId: id, regionId });
    expect(payload).toMatchObject({ region: regionId, actor: id });
    expect(JSON.stringify(payload)).not.toMatch(/carla|jansen|example|wachtwoord|argon/i);
  });

  it('answers display names and regions by id (never e-mail addresses), leaving unknown ids out', async () => {
    const { id } = await identity.send(RegisterAccount, { email: 'eva@example.nl', password: 'eva-wachtwoord-1', displayName: 'Eva Smit', region: 'utrecht', acceptedTermsVersion: TERMS_VERSION });
    const names = await identity.send(AccountNames, { ids: [id.toUpperCase(), randomUUID()] });
    const [{ region_id: regionId }] = await query<{ region_id: string }>(scope, 'SELECT region_id FROM accounts WHERE id = $1', [id]);
    expect(names).toEqual({ items: [{ id, displayName: 'Eva Smit', regionId }] });
    expect((await failure<DomainError>(identity.send(AccountNames, { ids: [] }))).statusCode).toBe(400);
    expect((await failure<DomainError>(identity.send(AccountNames, { ids: Array.from({ length: 201 }, () => randomUUID()) }))).statusCode).toBe(400);
  });

  it('applies a retried registration with the same idempotency key once', async () => {
    const input = { email: 'dirk@example.nl', password: 'dirk-wachtwoord', displayName: 'Dirk', region: 'utrecht', acceptedTermsVersion: TERMS_VERSION };
    const first = await identity.rpc.send(RegisterAccount, input, { correlationId: 'retry-1', lang: 'nl', idempotencyKey: 'sleutel-dirk' });
    const again = await identity.rpc.send(RegisterAccount, input, { correlationId: 'retry-2', lang: 'nl', idempotencyKey: 'sleutel-dirk' });
    expect(again).toEqual(first);
    expect(await query(scope, 'SELECT id FROM accounts WHERE email = $1', ['dirk@example.nl'])).toHaveLength(1);
  });

  it('logs no e-mail address, password or token (service logger at trace level)', async () => {
    const token = await loginAs(identity, anne.email, anne.password);
    await identity.send(GetMe, {}, token);
    await identity.send(Login, { email: anne.email, password: 'helemaal-verkeerd' }).catch(() => undefined);
    expect(logs.lines.length).toBeGreaterThan(0); // the capture works: migrations, stream, relay
    const text = logs.lines.join('\n');
    for (const secret of [anne.email, anne.email.toLowerCase(), anne.password, 'helemaal-verkeerd', OPERATOR_EMAIL.toLowerCase(), OPERATOR_PASSWORD, token, 'argon2id']) {
      expect(text).not.toContain(secret);
    }
  });
});
