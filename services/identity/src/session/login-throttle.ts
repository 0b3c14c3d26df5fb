import { createHash } from 'node:crypto';
import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { DomainError } from '@kc/contracts';
import { recordAudit } from '../audit/audit.log';
import { IDENTITY_CONFIG, type IdentityConfig } from '../config';

export const tooManyLoginAttempts = (retryAfterSeconds: number) =>
  new DomainError(
    429,
    'TOO_MANY_LOGIN_ATTEMPTS',
    {
      nl: `Te vaak een verkeerd wachtwoord voor dit e-mailadres. Probeer het over ${retryAfterSeconds} seconden opnieuw.`,
      en: `Too many wrong passwords for this e-mail address. Try again in ${retryAfterSeconds} seconds.`,
    },
    { retryAfterSeconds },
  );

/** How long an address is locked after `failures` wrong passwords (0 below the threshold). */
export function lockSeconds(failures: number, config: Pick<IdentityConfig, 'LOGIN_LOCK_AFTER_FAILURES' | 'LOGIN_LOCK_BASE_SECONDS' | 'LOGIN_LOCK_MAX_SECONDS'>): number {
  if (failures < config.LOGIN_LOCK_AFTER_FAILURES) return 0;
  const doublings = Math.min(failures - config.LOGIN_LOCK_AFTER_FAILURES, 20);
  return Math.min(config.LOGIN_LOCK_BASE_SECONDS * 2 ** doublings, config.LOGIN_LOCK_MAX_SECONDS);
}

/** The throttle's key for an address: its SHA-256, so the table never holds an e-mail address (nor keeps one after an erasure). */
export const throttleKey = (email: string) => createHash('sha256').update(email.toLowerCase()).digest('hex');

interface ThrottleRow {
  failures: number;
  in_flight: number;
  locked_for: number | null;
  idle_seconds: number;
}

/**
 * Slows password guessing per e-mail address (known or not, so the answer says nothing about
 * whether an account exists), whatever address the guesses come from. After the threshold of
 * wrong passwords the address is locked, longer with every further wrong one; while it is
 * locked nothing is checked at all, not even the right password. Checks in progress count
 * too, so a burst of parallel guesses cannot slip past the threshold. A correct password
 * resets everything; wrong passwords older than the window are forgotten.
 */
@Injectable()
export class LoginThrottle implements OnModuleInit, OnApplicationShutdown {
  private pruner?: NodeJS.Timeout;

  constructor(
    private readonly em: EntityManager,
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
  ) {}

  onModuleInit(): void {
    this.pruner = setInterval(() => void this.prune().catch(() => undefined), 10 * 60_000);
    this.pruner.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.pruner);
  }

  /** Admits one password check for the address, or throws 429 with how long to wait. */
  async admit(email: string): Promise<void> {
    await this.em.fork().transactional(async (tx) => {
      await tx.execute('INSERT INTO login_throttle (address_hash) VALUES (?) ON CONFLICT DO NOTHING', [throttleKey(email)]);
      const [row] = await tx.execute<ThrottleRow[]>(
        `SELECT failures, in_flight, ceil(extract(epoch FROM locked_until - now()))::int AS locked_for,
                extract(epoch FROM now() - updated_at)::int AS idle_seconds
           FROM login_throttle WHERE address_hash = ? FOR UPDATE`,
        [throttleKey(email)],
      );
      if (row!.locked_for !== null && row!.locked_for > 0) throw tooManyLoginAttempts(row!.locked_for);
      const failures = row!.idle_seconds > this.config.LOGIN_ATTEMPT_WINDOW_SECONDS ? 0 : row!.failures;
      const inFlight = row!.idle_seconds > STALE_CHECK_SECONDS ? 0 : row!.in_flight; // a replica died mid-check
      const threshold = this.config.LOGIN_LOCK_AFTER_FAILURES;
      // Below the threshold, checks may run side by side; beyond it, one at a time.
      const admitted = failures >= threshold ? inFlight === 0 : failures + inFlight < threshold;
      if (!admitted) throw tooManyLoginAttempts(1);
      await tx.execute('UPDATE login_throttle SET failures = ?, in_flight = ?, updated_at = now() WHERE address_hash = ?', [failures, inFlight + 1, throttleKey(email)]);
    });
  }

  /**
   * After a wrong password: one more failure, and a lock once the threshold is reached. A lock
   * is a bulk of failed sign-ins: it goes into the audit log in the same transaction, with the
   * account it protects (when the address has one) and never the address or the passwords.
   */
  async failed(email: string): Promise<void> {
    await this.em.fork().transactional(async (tx) => {
      const [row] = await tx.execute<{ failures: number }[]>(
        `UPDATE login_throttle SET failures = failures + 1, in_flight = greatest(in_flight - 1, 0), updated_at = now()
          WHERE address_hash = ? RETURNING failures`,
        [throttleKey(email)],
      );
      const failures = row?.failures ?? 0;
      const seconds = lockSeconds(failures, this.config);
      if (seconds === 0) return;
      await tx.execute('UPDATE login_throttle SET locked_until = now() + make_interval(secs => ?) WHERE address_hash = ?', [seconds, throttleKey(email)]);
      const [account] = await tx.execute<{ id: string; region_id: string | null }[]>('SELECT id, region_id FROM accounts WHERE email = ?', [email]);
      await recordAudit(tx, {
        action: 'sign-in.locked', actorId: null, target: account ? { type: 'account', id: account.id } : null, regionId: account?.region_id ?? null,
        details: { failures, lockedSeconds: seconds, knownAccount: !!account },
      });
    });
  }

  /** A check that ended without an answer (an unexpected error) no longer counts as in progress. */
  async release(email: string): Promise<void> {
    await this.em.fork().execute('UPDATE login_throttle SET in_flight = greatest(in_flight - 1, 0) WHERE address_hash = ?', [throttleKey(email)]);
  }

  async succeeded(email: string): Promise<void> {
    await this.em.fork().execute('DELETE FROM login_throttle WHERE address_hash = ?', [throttleKey(email)]);
  }

  private async prune(): Promise<void> {
    await this.em.fork().execute(
      'DELETE FROM login_throttle WHERE updated_at < now() - make_interval(secs => ?) AND (locked_until IS NULL OR locked_until < now())',
      [this.config.LOGIN_ATTEMPT_WINDOW_SECONDS],
    );
  }
}

const STALE_CHECK_SECONDS = 30;
