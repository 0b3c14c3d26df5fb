import {
  ConfirmPasswordReset, DomainError, GetMe, ListOperatorAudit, Login, RegisterAccount, RequestPasswordReset, SendEmailVerification, TERMS_VERSION, VerifyEmail,
} from '@kc/contracts';
import { InProcessService, MailCatcher, TestScope, waitFor, type CaughtMail } from '@kc/testing';
import { MailSender } from '../src/mail/mail-sender';
import { createRegion, failure, operatorToken, query, resident, startIdentity } from './identity-test-kit';

describe('identity: verification and password-reset mail through a real SMTP server', () => {
  const scope = new TestScope('identity-mail');
  let catcher: MailCatcher;
  let identity: InProcessService;
  let operator: string;

  const tokenIn = (mail: CaughtMail, page: string) => {
    const match = new RegExp(`http://web\\.test${page}\\?token=([A-Za-z0-9_-]{43})`).exec(mail.text);
    if (!match) throw new Error(`no ${page} link in: ${mail.text}`);
    return match[1]!;
  };
  const mailTo = (address: string, subject: RegExp) => catcher.waitFor((m) => m.to.includes(address) && subject.test(m.subject));
  const outboxOf = (address: string) => query<{ attempts: number; last_error: string | null; sent_at: Date | null }>(scope, 'SELECT attempts, last_error, sent_at FROM mail_outbox WHERE recipient = $1', [address]);

  beforeAll(async () => {
    catcher = await MailCatcher.start();
    identity = await startIdentity(scope, {
      SMTP_URL: catcher.url, PUBLIC_WEB_URL: 'http://web.test', MAIL_POLL_MS: '50', MAIL_RETRY_BASE_MS: '100', MAIL_RETRY_MAX_MS: '300',
    });
    operator = await operatorToken(identity);
    await createRegion(identity, operator, 'utrecht');
  });
  afterAll(async () => {
    await identity?.close();
    await catcher?.close();
    await scope.dispose();
  });

  it('sends a verification mail on registration whose link confirms the address once', async () => {
    const anne = await resident(identity, 'utrecht', 'anne');
    expect(await identity.send(GetMe, {}, anne.token)).toMatchObject({ emailVerified: false });
    const mail = await mailTo(anne.email, /Bevestig je e-mailadres/);
    expect(mail.from).toContain('noreply@kenniscloud.nl');
    expect(mail.messageId).toMatch(/^<[0-9a-f-]{36}@kenniscloud\.nl>$/);
    // Dutch first, English second, in the text and in the HTML.
    expect(mail.text.indexOf('Bevestig je e-mailadres')).toBeLessThan(mail.text.indexOf('Confirm your e-mail address'));
    const token = tokenIn(mail, '/e-mailadres-bevestigen');
    expect(mail.html).toContain(`href="http://web.test/e-mailadres-bevestigen?token=${token}"`);
    expect(JSON.stringify(await query(scope, "SELECT encode(token_hash, 'hex') AS h, * FROM email_tokens"))).not.toContain(token);

    expect(await identity.send(VerifyEmail, { token })).toEqual({});
    expect(await identity.send(GetMe, {}, anne.token)).toMatchObject({ emailVerified: true });
    const reused = await failure<DomainError>(identity.send(VerifyEmail, { token }));
    expect(reused).toMatchObject({ statusCode: 410, code: 'EMAIL_LINK_EXPIRED' });
    expect(reused.messages.nl).toMatch(/verlopen of al gebruikt/);
    expect(await failure<DomainError>(identity.send(SendEmailVerification, {}, anne.token))).toMatchObject({ statusCode: 409, code: 'EMAIL_ALREADY_VERIFIED' });
  });

  it('refuses an expired verification link and sends a new one on request, a few per hour', async () => {
    const bert = await resident(identity, 'utrecht', 'bert');
    const first = tokenIn(await mailTo(bert.email, /Bevestig/), '/e-mailadres-bevestigen');
    await query(scope, "UPDATE email_tokens SET expires_at = now() - interval '1 second' WHERE account_id = $1", [bert.id]);
    expect(await failure(identity.send(VerifyEmail, { token: first }))).toMatchObject({ statusCode: 410 });

    await identity.send(SendEmailVerification, {}, bert.token);
    await identity.send(SendEmailVerification, {}, bert.token);
    expect(await failure(identity.send(SendEmailVerification, {}, bert.token))).toMatchObject({ statusCode: 429, code: 'TOO_MANY_MAILS' });
    await waitFor(() => catcher.to(bert.email).length === 3 || undefined);
    await identity.send(VerifyEmail, { token: tokenIn(catcher.to(bert.email)[2]!, '/e-mailadres-bevestigen') });
    expect(await identity.send(GetMe, {}, bert.token)).toMatchObject({ emailVerified: true });
  });

  it('resets a password by mail: one use, every session ends, and an unknown address gets the same answer and no mail', async () => {
    const carla = await resident(identity, 'utrecht', 'carla');
    expect(await identity.send(RequestPasswordReset, { email: 'niemand@example.nl' })).toEqual({});
    expect(await identity.send(RequestPasswordReset, { email: carla.email.toUpperCase() })).toEqual({});
    const token = tokenIn(await mailTo(carla.email, /Nieuw wachtwoord/), '/wachtwoord-herstellen');

    expect(await identity.send(ConfirmPasswordReset, { token, newPassword: 'een-nieuw-wachtwoord' })).toEqual({});
    expect(await failure(identity.send(ConfirmPasswordReset, { token, newPassword: 'nog-een-wachtwoord' }))).toMatchObject({ statusCode: 410, code: 'EMAIL_LINK_EXPIRED' });
    expect(await failure(identity.send(Login, { email: carla.email, password: carla.password }))).toMatchObject({ statusCode: 401 });
    await identity.send(Login, { email: carla.email, password: 'een-nieuw-wachtwoord' });
    expect(await query(scope, 'SELECT end_reason FROM sessions WHERE account_id = $1 AND ended_at IS NOT NULL', [carla.id])).toEqual([{ end_reason: 'password-changed' }]);
    const audit = (await identity.send(ListOperatorAudit, { limit: 100 }, operator)).items.find((e) => e.action === 'account.password-reset');
    expect(audit).toMatchObject({ actor: { id: carla.id }, details: { endedSessions: 1 } });
    // The link proved the address as well.
    expect(await query(scope, 'SELECT email_verified_at IS NOT NULL AS verified FROM accounts WHERE id = $1', [carla.id])).toEqual([{ verified: true }]);
    expect(catcher.to('niemand@example.nl')).toEqual([]);
    expect(await query(scope, "SELECT 1 FROM mail_outbox WHERE recipient = 'niemand@example.nl'")).toEqual([]);
  });

  it('drops reset asks beyond the hourly limit with the same answer', async () => {
    const dirk = await resident(identity, 'utrecht', 'dirk');
    for (let i = 0; i < 4; i++) expect(await identity.send(RequestPasswordReset, { email: dirk.email })).toEqual({});
    expect(await query(scope, "SELECT count(*)::int AS n FROM mail_outbox WHERE recipient = $1 AND kind = 'password-reset'", [dirk.email])).toEqual([{ n: 3 }]);
  });

  it('keeps a mail through an SMTP outage and delivers exactly one copy once the server is back', async () => {
    const email = 'eva@example.nl';
    await catcher.stop();
    await identity.send(RegisterAccount, { email, password: 'eva-wachtwoord-1', displayName: 'Eva', region: 'utrecht', acceptedTermsVersion: TERMS_VERSION });
    const [failed] = await waitFor(async () => {
      const rows = await outboxOf(email);
      return rows[0] && rows[0].attempts >= 2 ? rows : undefined;
    });
    expect(failed).toMatchObject({ sent_at: null, last_error: expect.stringMatching(/ECONNREFUSED|connect/i) });

    await catcher.start();
    const mail = await mailTo(email, /Bevestig/);
    const [sent] = await waitFor(async () => {
      const rows = await outboxOf(email);
      return rows[0]?.sent_at ? rows : undefined;
    });
    expect(sent!.last_error).toBeNull();
    expect(catcher.to(email).map((m) => m.messageId)).toEqual([mail.messageId]);
  });

  it('sends each mail once when deliveries run side by side (row locks, SKIP LOCKED), and forgets sent mail after the retention', async () => {
    const sender = identity.get<MailSender>(MailSender);
    await catcher.stop();
    const people = ['fien', 'gijs', 'hanna', 'ivo'];
    for (const name of people) {
      await identity.send(RegisterAccount, { email: `${name}@example.nl`, password: `${name}-wachtwoord-1`, displayName: name, region: 'utrecht', acceptedTermsVersion: TERMS_VERSION });
    }
    await catcher.start();
    await query(scope, 'UPDATE mail_outbox SET next_attempt_at = now() WHERE sent_at IS NULL');
    await Promise.all([sender.deliverDue(), sender.deliverDue(), sender.deliverDue()]);
    await waitFor(() => people.every((name) => catcher.to(`${name}@example.nl`).length > 0) || undefined);
    for (const name of people) expect(catcher.to(`${name}@example.nl`)).toHaveLength(1);

    await query(scope, "UPDATE mail_outbox SET sent_at = now() - interval '2 days' WHERE recipient = 'fien@example.nl'");
    await sender.prune();
    expect(await outboxOf('fien@example.nl')).toEqual([]);
    expect(await outboxOf('gijs@example.nl')).toHaveLength(1);
  });
});
