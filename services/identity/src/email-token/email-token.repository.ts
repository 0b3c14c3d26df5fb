import { createHash, randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';

export type EmailTokenPurpose = 'verify-email' | 'password-reset';

export interface ClaimedEmailToken {
  accountId: string;
  /** The address the mail went to: the token proves control of that address only. */
  email: string;
  expired: boolean;
  used: boolean;
}

const hashOf = (token: string) => createHash('sha256').update(token).digest();

/** Tokens of the links in mails: random, single use, with an expiry; only their SHA-256 is stored. */
export const EmailTokenRepository = {
  async issue(em: EntityManager, input: { accountId: string; purpose: EmailTokenPurpose; email: string; ttlSeconds: number }): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    await em.execute(
      'INSERT INTO email_tokens (token_hash, account_id, purpose, email, expires_at) VALUES (?, ?, ?, ?, now() + make_interval(secs => ?))',
      [hashOf(token), input.accountId, input.purpose, input.email, input.ttlSeconds],
    );
    return token;
  },

  /** The token's row, locked for the rest of the transaction so that it is used at most once; null if unknown. */
  async lock(em: EntityManager, token: string, purpose: EmailTokenPurpose): Promise<ClaimedEmailToken | null> {
    const [row] = await em.execute<Array<{ account_id: string; email: string; expired: boolean; used: boolean }>>(
      `SELECT account_id, email, expires_at <= now() AS expired, used_at IS NOT NULL AS used
         FROM email_tokens WHERE token_hash = ? AND purpose = ? FOR UPDATE`,
      [hashOf(token), purpose],
    );
    return row ? { accountId: row.account_id, email: row.email, expired: row.expired, used: row.used } : null;
  },

  /** Uses up every open token of the account for the purpose (the one presented and any older links). */
  async useAll(em: EntityManager, accountId: string, purpose: EmailTokenPurpose): Promise<void> {
    await em.execute('UPDATE email_tokens SET used_at = now() WHERE account_id = ? AND purpose = ? AND used_at IS NULL', [accountId, purpose]);
  },

  /** How many tokens the account was sent for the purpose in the last hour (the mail limit). */
  async issuedInLastHour(em: EntityManager, accountId: string, purpose: EmailTokenPurpose): Promise<number> {
    const [row] = await em.execute<Array<{ n: number }>>(
      "SELECT count(*)::int AS n FROM email_tokens WHERE account_id = ? AND purpose = ? AND created_at > now() - interval '1 hour'",
      [accountId, purpose],
    );
    return row?.n ?? 0;
  },
};
