import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { PeriodicPass, sqlRows } from '@kc/persistence';
import { IDENTITY_CONFIG, type IdentityConfig } from '../config';
import { ErasureService } from '../erasure/erasure.service';
import { recordMail } from '../mail/mail-outbox';
import { inactivityWarningMail } from '../mail/mail-templates';

/** An account's last sign-in, or its creation when it never signed in. */
const LAST_SEEN = 'coalesce(a.last_sign_in_on::timestamptz, a.created_at)';
const CANDIDATES = `a.is_operator = false AND a.erased_at IS NULL AND a.region_id IS NOT NULL`;

/**
 * Accounts nobody signs in to (GDPR storage limitation, ADR 0039): `INACTIVITY_WARNING_DAYS`
 * before the region's `inactive_account_months` are up, a warning mail; signing in clears it;
 * once the period is up and the warning is that old, the account is erased (anonymised: what
 * the person wrote stays, signed "Oud-deelnemer"). One pass an hour, safe on every replica.
 */
@Injectable()
export class InactiveAccounts implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly pass: PeriodicPass;

  constructor(
    private readonly em: EntityManager,
    private readonly erasures: ErasureService,
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
  ) {
    this.pass = new PeriodicPass('inactive account pass', () => this.runOnce(), new Logger(InactiveAccounts.name));
  }

  onApplicationBootstrap(): void {
    this.pass.start(this.config.INACTIVITY_PASS_INTERVAL_MS);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pass.stop();
  }

  async runOnce(): Promise<{ warned: number; kept: number; erased: number }> {
    const kept = await this.clearWarningsOfReturningPeople();
    const warned = await this.warn();
    let erased = 0;
    for (const id of await this.dueForErasure()) {
      await this.erasures.eraseInactive(id);
      erased += 1;
    }
    return { warned, kept, erased };
  }

  private async clearWarningsOfReturningPeople(): Promise<number> {
    const rows = await sqlRows(this.em.fork(), `UPDATE accounts a SET inactivity_warned_at = NULL
      WHERE a.inactivity_warned_at IS NOT NULL AND a.last_sign_in_on >= a.inactivity_warned_at::date RETURNING a.id`);
    return rows.length;
  }

  /** Each warned account gets one mail, in the transaction that marks it (SKIP LOCKED: replicas never warn twice). */
  private warn(): Promise<number> {
    const days = this.config.INACTIVITY_WARNING_DAYS;
    return this.em.fork().transactional(async (em) => {
      const due = await sqlRows<{ id: string; email: string; displayName: string; months: number; erasedOn: Date | string }>(
        em,
        `SELECT a.id, a.email, a.display_name AS "displayName", r.inactive_account_months AS months, now() + make_interval(days => $1) AS "erasedOn"
           FROM accounts a JOIN regions r ON r.id = a.region_id
          WHERE ${CANDIDATES} AND a.inactivity_warned_at IS NULL
            AND ${LAST_SEEN} < now() - make_interval(months => r.inactive_account_months) + make_interval(days => $1)
          ORDER BY a.id LIMIT 500 FOR UPDATE OF a SKIP LOCKED`,
        [days],
      );
      const link = `${this.config.PUBLIC_WEB_URL.replace(/\/$/, '')}/inloggen`;
      for (const account of due) {
        const erasedOn = new Intl.DateTimeFormat('nl-NL', { dateStyle: 'long', timeZone: 'Europe/Amsterdam' }).format(new Date(account.erasedOn));
        await recordMail(em, { accountId: account.id, kind: 'inactivity-warning', recipient: account.email, ...inactivityWarningMail(account.displayName, link, erasedOn, account.months) });
      }
      if (due.length) await sqlRows(em, 'UPDATE accounts SET inactivity_warned_at = now() WHERE id = ANY($1::uuid[])', [due.map((a) => a.id)]);
      return due.length;
    });
  }

  private async dueForErasure(): Promise<string[]> {
    const rows = await sqlRows<{ id: string }>(
      this.em.fork(),
      `SELECT a.id FROM accounts a JOIN regions r ON r.id = a.region_id
        WHERE ${CANDIDATES} AND a.inactivity_warned_at < now() - make_interval(days => $1)
          AND ${LAST_SEEN} < now() - make_interval(months => r.inactive_account_months)
        ORDER BY a.id LIMIT 100`,
      [this.config.INACTIVITY_WARNING_DAYS],
    );
    return rows.map((r) => r.id);
  }
}
