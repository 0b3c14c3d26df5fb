import jwt from 'jsonwebtoken';
import {
  ChangePassword, DomainError, EndSession, GetMe, ListOperatorAudit, ListSessions, Login, Logout, LogoutAll, RefreshSession, type TokenPair,
} from '@kc/contracts';
import { TokenVerifier } from '@kc/auth';
import { InProcessService, TestScope, waitFor } from '@kc/testing';
import { createRegion, failure, operatorToken, query, resident, startIdentity } from './identity-test-kit';

describe('identity: sessions with rotating refresh tokens (real PostgreSQL and NATS KV)', () => {
  const scope = new TestScope('identity-sessions');
  let identity: InProcessService;
  let operator: string;

  const signIn = (email: string, password: string, device = 'Firefox op Linux') => identity.send(Login, { email, password, device });
  const refresh = (pair: TokenPair) => identity.send(RefreshSession, { refreshToken: pair.refreshToken });
  const sidOf = (pair: TokenPair) => (jwt.decode(pair.accessToken) as { sid: string }).sid;
  /** Waits until identity's own token check (as every service's) refuses the token because its session ended. */
  const refusedEverywhere = (token: string) =>
    waitFor(async () => {
      const error = await identity.get<TokenVerifier>(TokenVerifier).verify(token).then(() => undefined, (e: unknown) => e as DomainError);
      return error?.code === 'SESSION_ENDED' ? error : undefined;
    }, 5000, 20);
  const auditActions = async () => (await identity.send(ListOperatorAudit, { limit: 100 }, operator)).items;

  beforeAll(async () => {
    identity = await startIdentity(scope);
    operator = await operatorToken(identity);
    await createRegion(identity, operator, 'utrecht');
  });
  afterAll(async () => {
    await identity?.close();
    await scope.dispose();
  });

  it('signs in with a 15-minute access token for a session and a refresh token of which only a hash is stored', async () => {
    const anne = await resident(identity, 'utrecht', 'anne');
    const pair = await signIn(anne.email, anne.password);
    expect(pair).toMatchObject({ tokenType: 'Bearer', expiresIn: 900, refreshExpiresIn: 30 * 86400, refreshToken: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) });
    const claims = jwt.decode(pair.accessToken) as jwt.JwtPayload;
    expect(claims.exp! - claims.iat!).toBe(900);
    const [row] = await query(scope, 'SELECT device, expires_at > now() + interval \'29 days\' AS long, ended_at FROM sessions WHERE id = $1', [claims.sid]);
    expect(row).toEqual({ device: 'Firefox op Linux', long: true, ended_at: null });
    const stored = JSON.stringify(await query(scope, 'SELECT encode(token_hash, \'base64\') AS h, * FROM refresh_tokens'));
    expect(stored).not.toContain(pair.refreshToken);
    expect(stored).not.toContain(Buffer.from(pair.refreshToken, 'base64url').toString('base64'));
  });

  it('rotates: a refresh token works once, and one that comes back ends its whole session', async () => {
    const bert = await resident(identity, 'utrecht', 'bert');
    const first = await signIn(bert.email, bert.password);
    const second = await refresh(first);
    expect(sidOf(second)).toBe(sidOf(first));
    expect(second.refreshToken).not.toBe(first.refreshToken);
    const third = await refresh(second);
    expect(await identity.send(GetMe, {}, third.accessToken)).toMatchObject({ id: bert.id });

    const reused = await failure<DomainError>(refresh(first));
    expect(reused).toMatchObject({ statusCode: 401, code: 'REFRESH_TOKEN_REUSED' });
    expect(reused.messages.nl).toMatch(/opnieuw werd gebruikt\. Log opnieuw in/);
    // The whole family: the newest refresh token and every access token of the session.
    expect(await failure(refresh(third))).toMatchObject({ statusCode: 401, code: 'REFRESH_TOKEN_INVALID' });
    await refusedEverywhere(third.accessToken);
    await refusedEverywhere(first.accessToken);
    // Another sign-in of the same person goes on.
    const other = await signIn(bert.email, bert.password);
    expect(await identity.send(GetMe, {}, other.accessToken)).toMatchObject({ id: bert.id });

    const [entry] = (await auditActions()).filter((e) => e.action === 'session.refresh-reused');
    expect(entry).toMatchObject({ actor: null, target: { id: bert.id }, details: { sessionId: sidOf(first) } });
    expect(JSON.stringify(await auditActions())).not.toContain(first.refreshToken);
    expect(await failure(identity.send(RefreshSession, { refreshToken: 'nooit-uitgegeven' }))).toMatchObject({ statusCode: 401, code: 'REFRESH_TOKEN_INVALID' });
    expect(await failure(identity.send(RefreshSession, { refreshToken: '' }))).toMatchObject({ statusCode: 400 });
  });

  it('lets exactly one of several simultaneous exchanges of one refresh token succeed', async () => {
    const cor = await resident(identity, 'utrecht', 'cor');
    const pair = await signIn(cor.email, cor.password);
    const results = await Promise.allSettled(Array.from({ length: 4 }, () => refresh(pair)));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => (r.reason as DomainError).code);
    // The first to wait for the lock sees a used token (reuse: the session ends); any later one finds it ended.
    expect(refused).toEqual(Array.from({ length: 3 }, () => expect.stringMatching(/^REFRESH_TOKEN_(REUSED|INVALID)$/)));
    expect(refused).toContain('REFRESH_TOKEN_REUSED');
    expect(await query(scope, 'SELECT count(*)::int AS n FROM refresh_tokens WHERE session_id = $1', [sidOf(pair)])).toEqual([{ n: 2 }]);
  });

  it('logs out here, elsewhere and everywhere, listing only the person’s own active sessions', async () => {
    // resident() signs in once itself: that session (without a device) counts too.
    const dirk = await resident(identity, 'utrecht', 'dirk');
    const eva = await resident(identity, 'utrecht', 'eva');
    const laptop = await signIn(dirk.email, dirk.password, 'Firefox op Linux');
    const phone = await signIn(dirk.email, dirk.password, 'Safari op iPhone');
    const tablet = await signIn(dirk.email, dirk.password, 'Chrome op Android');
    const evas = await signIn(eva.email, eva.password);

    const { items } = await identity.send(ListSessions, {}, laptop.accessToken);
    expect(items.map((s) => [s.device, s.current])).toEqual(expect.arrayContaining([['Firefox op Linux', true], ['Safari op iPhone', false], ['Chrome op Android', false]]));
    expect(items.map((s) => s.id)).not.toContain(sidOf(evas));

    // Someone else's session, an unknown one and one's own ended one are all 404.
    expect(await failure(identity.send(EndSession, { sessionId: sidOf(evas) }, laptop.accessToken))).toMatchObject({ statusCode: 404, code: 'SESSION_NOT_FOUND' });
    await identity.send(EndSession, { sessionId: sidOf(tablet) }, laptop.accessToken);
    expect(await failure(identity.send(EndSession, { sessionId: sidOf(tablet) }, laptop.accessToken))).toMatchObject({ statusCode: 404 });
    expect(await failure(identity.send(EndSession, { sessionId: 'geen-id' }, laptop.accessToken))).toMatchObject({ statusCode: 400 });
    await refusedEverywhere(tablet.accessToken);
    expect(await failure(refresh(tablet))).toMatchObject({ code: 'REFRESH_TOKEN_INVALID' });
    expect(await identity.send(GetMe, {}, evas.accessToken)).toMatchObject({ id: eva.id });

    await identity.send(Logout, {}, phone.accessToken);
    await refusedEverywhere(phone.accessToken);
    expect(await failure(refresh(phone))).toMatchObject({ code: 'REFRESH_TOKEN_INVALID' });
    expect((await identity.send(ListSessions, {}, laptop.accessToken)).items.map((s) => s.device)).toEqual(['Firefox op Linux', null]);

    const another = await signIn(dirk.email, dirk.password, 'Edge op Windows');
    expect(await identity.send(LogoutAll, {}, another.accessToken)).toEqual({ ended: 3 });
    await refusedEverywhere(laptop.accessToken);
    await refusedEverywhere(another.accessToken);
    expect(await failure(refresh(another))).toMatchObject({ code: 'REFRESH_TOKEN_INVALID' });
    expect(await identity.send(GetMe, {}, evas.accessToken)).toMatchObject({ id: eva.id });
    expect((await auditActions()).find((e) => e.action === 'session.logout-all')).toMatchObject({ actor: { id: dirk.id }, target: { id: dirk.id }, details: { endedSessions: 3 } });
    expect(await failure(identity.send(ListSessions, {}))).toMatchObject({ statusCode: 401 });
  });

  it('changes the password after checking the current one, ending every other session', async () => {
    const fleur = await resident(identity, 'utrecht', 'fleur');
    const here = await signIn(fleur.email, fleur.password);
    const there = await signIn(fleur.email, fleur.password, 'Safari op iPhone');
    const newPassword = 'een-heel-nieuw-wachtwoord';

    const wrong = await failure<DomainError>(identity.send(ChangePassword, { currentPassword: 'niet-mijn-wachtwoord', newPassword }, here.accessToken));
    expect(wrong).toMatchObject({ statusCode: 403, code: 'WRONG_CURRENT_PASSWORD' });
    expect(wrong.messages.nl).toBe('Je huidige wachtwoord klopt niet.');
    expect(await failure(identity.send(ChangePassword, { currentPassword: fleur.password, newPassword: 'kort' }, here.accessToken))).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
    expect(await failure(identity.send(ChangePassword, { currentPassword: fleur.password, newPassword, extra: 1 }, here.accessToken))).toMatchObject({ statusCode: 400 });
    expect((await identity.send(ListSessions, {}, here.accessToken)).items).toHaveLength(3); // with resident()'s own sign-in

    expect(await identity.send(ChangePassword, { currentPassword: fleur.password, newPassword }, here.accessToken)).toEqual({ endedSessions: 2 });
    await refusedEverywhere(there.accessToken);
    expect(await failure(refresh(there))).toMatchObject({ code: 'REFRESH_TOKEN_INVALID' });
    expect(await identity.send(GetMe, {}, (await refresh(here)).accessToken)).toMatchObject({ id: fleur.id });
    expect(await failure(signIn(fleur.email, fleur.password))).toMatchObject({ code: 'INVALID_CREDENTIALS' });
    expect(await signIn(fleur.email, newPassword)).toMatchObject({ tokenType: 'Bearer' });
    const entry = (await auditActions()).find((e) => e.action === 'account.password-changed');
    expect(entry).toMatchObject({ actor: { id: fleur.id }, details: { endedSessions: 2 } });
    expect(JSON.stringify(entry)).not.toContain(newPassword);
  });

  it('limits guesses of the current password like sign-in', async () => {
    const gijs = await resident(identity, 'utrecht', 'gijs');
    const pair = await signIn(gijs.email, gijs.password);
    const attempt = () => failure<DomainError>(identity.send(ChangePassword, { currentPassword: 'geraden-wachtwoord', newPassword: 'nog-een-wachtwoord' }, pair.accessToken));
    for (let i = 0; i < 5; i++) expect(await attempt()).toMatchObject({ statusCode: 403 });
    expect(await attempt()).toMatchObject({ statusCode: 429, code: 'TOO_MANY_LOGIN_ATTEMPTS' });
  });
});
