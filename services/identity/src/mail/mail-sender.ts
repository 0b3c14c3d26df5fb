import { MikroORM } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { PeriodicPass } from '@kc/persistence';
import { IDENTITY_CONFIG, type IdentityConfig } from '../config';
import { SmtpMailTransport } from './mail-transport';

interface DueMail {
  id: string;
  recipient: string;
  subject: string;
  text_body: string;
  html_body: string;
  attempts: number;
}

/** The wait before attempt `attempts + 1`, after `attempts` failed ones. */
export const retryDelayMs = (attempts: number, config: Pick<IdentityConfig, 'MAIL_RETRY_BASE_MS' | 'MAIL_RETRY_MAX_MS'>) =>
  Math.min(config.MAIL_RETRY_BASE_MS * 2 ** Math.min(attempts - 1, 30), config.MAIL_RETRY_MAX_MS);

/** The stable Message-ID of an outbox mail, so that a receiver can recognise a second copy. */
export const messageIdOf = (id: string, from: string) => `<${id}@${/@([A-Za-z0-9.-]+)/.exec(from)?.[1] ?? 'kenniscloud.nl'}>`;

const MAX_PER_PASS = 50;
const PRUNE_EVERY_MS = 10 * 60_000;

/**
 * Delivers the outbox over SMTP. Each mail is taken in its own transaction with its row locked
 * (`FOR UPDATE SKIP LOCKED`, so two replicas never take the same one) and marked sent in that
 * transaction once the server accepted it. A failure is recorded with the attempt count and
 * retried with a doubling wait; after the last attempt the mail is given up. Only a crash
 * between the server's accept and the commit sends a mail twice, with the same Message-ID.
 */
@Injectable()
export class MailSender implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(MailSender.name);
  private readonly transport?: SmtpMailTransport;
  private readonly delivery = new PeriodicPass('mail delivery', () => this.deliverDue(), this.logger);
  private readonly pruning = new PeriodicPass('sent mail prune', () => this.prune(), this.logger);

  constructor(
    private readonly orm: MikroORM,
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
  ) {
    if (config.SMTP_URL) this.transport = new SmtpMailTransport(config.SMTP_URL, config.MAIL_FROM);
  }

  onApplicationBootstrap(): void {
    if (this.transport) this.delivery.start(this.config.MAIL_POLL_MS);
    else this.logger.warn('SMTP_URL is not set: mail stays in the outbox and is not sent');
    this.pruning.start(PRUNE_EVERY_MS);
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all([this.delivery.stop(), this.pruning.stop()]);
    this.transport?.close();
  }

  /** Delivers the mails that are due; returns how many the server accepted. */
  async deliverDue(): Promise<number> {
    let sent = 0;
    for (let i = 0; i < MAX_PER_PASS; i++) {
      const outcome = await this.deliverOne();
      if (outcome === 'none') break;
      if (outcome === 'sent') sent++;
    }
    return sent;
  }

  private deliverOne(): Promise<'none' | 'sent' | 'failed'> {
    const transport = this.transport;
    if (!transport) return Promise.resolve('none');
    return (this.orm.em.fork() as EntityManager).transactional(async (tx) => {
      const [mail] = await tx.execute<DueMail[]>(
        `SELECT id, recipient, subject, text_body, html_body, attempts FROM mail_outbox
          WHERE sent_at IS NULL AND given_up_at IS NULL AND next_attempt_at <= now()
          ORDER BY next_attempt_at LIMIT 1 FOR UPDATE SKIP LOCKED`,
      );
      if (!mail) return 'none';
      const attempts = mail.attempts + 1;
      try {
        await transport.send({ messageId: messageIdOf(mail.id, this.config.MAIL_FROM), to: mail.recipient, subject: mail.subject, text: mail.text_body, html: mail.html_body });
      } catch (error) {
        const lastError = (error as Error).message.slice(0, 500);
        const givenUp = attempts >= this.config.MAIL_MAX_ATTEMPTS;
        await tx.execute(
          `UPDATE mail_outbox SET attempts = ?, last_error = ?, given_up_at = CASE WHEN ? THEN now() END,
                  next_attempt_at = now() + make_interval(secs => ?) WHERE id = ?`,
          [attempts, lastError, givenUp, retryDelayMs(attempts, this.config) / 1000, mail.id],
        );
        this.logger.warn(`mail ${mail.id} not delivered (attempt ${attempts}${givenUp ? ', given up' : ''}): ${lastError}`);
        return 'failed';
      }
      await tx.execute('UPDATE mail_outbox SET attempts = ?, last_error = NULL, sent_at = now() WHERE id = ?', [attempts, mail.id]);
      return 'sent';
    });
  }

  /** Sent and given-up mails hold an address and a link: they go after a short while, as do expired link tokens. */
  async prune(): Promise<void> {
    const em = this.orm.em.fork() as EntityManager;
    await em.execute('DELETE FROM mail_outbox WHERE coalesce(sent_at, given_up_at) < now() - make_interval(secs => ?)', [this.config.MAIL_KEEP_SECONDS]);
    await em.execute("DELETE FROM email_tokens WHERE expires_at < now() - interval '1 day'");
  }
}
