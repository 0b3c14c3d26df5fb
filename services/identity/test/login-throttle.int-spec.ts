import { DomainError, Login } from '@kc/contracts';
import { InProcessService, TestScope, waitFor } from '@kc/testing';
import { createRegion, failure, operatorToken, resident, startIdentity } from './identity-test-kit';
import { lockSeconds } from '../src/session/login-throttle';

describe('identity: password guessing is slowed per account (real PostgreSQL)', () => {
  const scope = new TestScope('identity-throttle');
  let identity: InProcessService;
  let anne: Awaited<ReturnType<typeof resident>>;

  const wrong = (email = anne.email) => failure<DomainError>(identity.send(Login, { email, password: 'geraden-wachtwoord' }));

  beforeAll(async () => {
    // A one-second first lock keeps the test short; it doubles exactly as the default 30 s does.
    identity = await startIdentity(scope, { LOGIN_LOCK_BASE_SECONDS: '1', LOGIN_LOCK_AFTER_FAILURES: '5' });
    await createRegion(identity, await operatorToken(identity), 'utrecht');
    anne = await resident(identity, 'utrecht', 'anne');
  });
  afterAll(async () => {
    await identity?.close();
    await scope.dispose();
  });

  it('refuses further tries after 5 wrong passwords, even the right one, with a wait that grows', async () => {
    for (let i = 0; i < 5; i++) expect(await wrong()).toMatchObject({ statusCode: 401, code: 'INVALID_CREDENTIALS' });
    const locked = await failure<DomainError>(identity.send(Login, { email: anne.email, password: anne.password }));
    expect(locked).toMatchObject({ statusCode: 429, code: 'TOO_MANY_LOGIN_ATTEMPTS', details: { retryAfterSeconds: 1 } });
    expect(locked.messages.nl).toMatch(/Te vaak een verkeerd wachtwoord/);

    // Once the lock has passed, the next wrong password locks for twice as long.
    const afterLock = await waitFor(async () => {
      const error = await wrong();
      return error.statusCode === 401 ? error : undefined;
    }, 10_000, 100);
    expect(afterLock.code).toBe('INVALID_CREDENTIALS');
    expect(await wrong()).toMatchObject({ statusCode: 429, details: { retryAfterSeconds: 2 } });
  });

  it('resets the count after a correct password', async () => {
    const token = await waitFor(async () => {
      try {
        return (await identity.send(Login, { email: anne.email, password: anne.password })).accessToken;
      } catch (error) {
        if ((error as DomainError).statusCode !== 429) throw error;
        return undefined;
      }
    }, 10_000, 100);
    expect(token).toEqual(expect.any(String));
    for (let i = 0; i < 4; i++) expect(await wrong()).toMatchObject({ statusCode: 401 });
    expect((await identity.send(Login, { email: anne.email, password: anne.password })).accessToken).toEqual(expect.any(String));
    expect(await wrong()).toMatchObject({ statusCode: 401 });
  });

  it('slows guesses for an address without an account the same way, and leaves other accounts alone', async () => {
    const unknown = 'niemand@example.nl';
    for (let i = 0; i < 5; i++) expect(await wrong(unknown)).toMatchObject({ statusCode: 401 });
    expect(await wrong(unknown)).toMatchObject({ statusCode: 429, code: 'TOO_MANY_LOGIN_ATTEMPTS' });
    const bert = await resident(identity, 'utrecht', 'bert');
    expect((await identity.send(Login, { email: bert.email, password: bert.password })).accessToken).toEqual(expect.any(String));
  });

  it('counts parallel guesses before checking them, so a burst cannot slip past the limit', async () => {
    const carla = await resident(identity, 'utrecht', 'carla');
    const answers = await Promise.all(Array.from({ length: 12 }, () => wrong(carla.email)));
    expect(answers.filter((a) => a.statusCode === 401).length).toBeLessThanOrEqual(5);
    expect(answers.every((a) => a.statusCode === 401 || a.statusCode === 429)).toBe(true);
  });
});

describe('lockSeconds', () => {
  const config = { LOGIN_LOCK_AFTER_FAILURES: 5, LOGIN_LOCK_BASE_SECONDS: 30, LOGIN_LOCK_MAX_SECONDS: 900 };
  it('is zero below the threshold, then doubles up to the maximum', () => {
    expect([1, 4, 5, 6, 7, 9, 10, 50].map((n) => lockSeconds(n, config))).toEqual([0, 0, 30, 60, 120, 480, 900, 900]);
  });
});
