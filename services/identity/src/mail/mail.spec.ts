import { messageIdOf, retryDelayMs } from './mail-sender';
import { passwordResetMail, verificationMail } from './mail-templates';

describe('mail', () => {
  it('waits twice as long after every failed delivery, up to the maximum', () => {
    const config = { MAIL_RETRY_BASE_MS: 5000, MAIL_RETRY_MAX_MS: 900_000 };
    expect([1, 2, 3, 4, 8, 9, 50].map((attempts) => retryDelayMs(attempts, config))).toEqual([5000, 10_000, 20_000, 40_000, 640_000, 900_000, 900_000]);
  });

  it('gives each outbox mail a stable Message-ID in the sender’s domain', () => {
    expect(messageIdOf('0190-ab', 'KennisCloud <noreply@bibliotheek.example.nl>')).toBe('<0190-ab@bibliotheek.example.nl>');
    expect(messageIdOf('0190-ab', 'geen adres')).toBe('<0190-ab@kenniscloud.nl>');
  });

  it('writes Dutch first and English second, and escapes what a person typed in the HTML', () => {
    const link = 'https://kenniscloud.nl/wachtwoord-herstellen?token=abc&x=1';
    for (const mail of [verificationMail('<b>Anna</b> & co', link), passwordResetMail('<b>Anna</b> & co', link)]) {
      expect(mail.text.indexOf('Hallo <b>Anna</b> & co')).toBeLessThan(mail.text.indexOf('Hello'));
      expect(mail.text).toContain(link);
      expect(mail.html).toContain('Hallo &#60;b&#62;Anna&#60;/b&#62; &#38; co');
      expect(mail.html).not.toContain('<b>Anna');
      expect(mail.html).toContain('href="https://kenniscloud.nl/wachtwoord-herstellen?token=abc&#38;x=1"');
      expect(mail.html.indexOf('lang="nl"')).toBeLessThan(mail.html.indexOf('<div lang="en"'));
    }
  });
});
