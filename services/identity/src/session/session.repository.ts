import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { SessionEndReason, SessionInfo } from '@kc/contracts';
import type { z } from 'zod';

export type EndReason = z.infer<typeof SessionEndReason>;

/** A refresh token: 256 random bits; only its SHA-256 is stored. */
export const newRefreshToken = () => randomBytes(32).toString('base64url');
const hashOf = (token: string) => createHash('sha256').update(token).digest();

/** What a refresh token leads to, read under the lock of its session. */
export interface PresentedToken {
  sessionId: string;
  accountId: string;
  regionId: string | null;
  blocked: boolean;
  /** The token was already exchanged once. */
  used: boolean;
  /** The session has not ended and not expired. */
  live: boolean;
  expiresInSeconds: number;
}

interface SessionRow {
  id: string;
  device: string | null;
  created_at: Date;
  last_used_at: Date;
  expires_at: Date;
}

/** identity's sessions and their refresh-token families, in its own database (SQL behind one door). */
export const SessionRepository = {
  /** Starts a session with its first refresh token; returns the session id. */
  async create(em: EntityManager, accountId: string, device: string | undefined, lifetimeSeconds: number, refreshToken: string): Promise<string> {
    const id = randomUUID();
    await em.execute(
      'INSERT INTO sessions (id, account_id, device, expires_at) VALUES (?, ?, ?, now() + make_interval(secs => ?))',
      [id, accountId, device?.trim() || null, lifetimeSeconds],
    );
    await em.execute('INSERT INTO refresh_tokens (token_hash, session_id) VALUES (?, ?)', [hashOf(refreshToken), id]);
    return id;
  },

  /**
   * The session of a refresh token, its row locked until the transaction ends: two exchanges of
   * one token are serialised, and the second sees the first one's `used_at`.
   */
  async lockByRefreshToken(em: EntityManager, refreshToken: string): Promise<PresentedToken | undefined> {
    const hash = hashOf(refreshToken);
    const [session] = await em.execute<Array<Omit<PresentedToken, 'used'>>>(
      `SELECT s.id AS "sessionId", s.account_id AS "accountId", a.region_id AS "regionId", a.blocked_at IS NOT NULL AS blocked,
              (s.ended_at IS NULL AND s.expires_at > now()) AS live, greatest(extract(epoch FROM s.expires_at - now())::int, 0) AS "expiresInSeconds"
         FROM sessions s JOIN accounts a ON a.id = s.account_id
        WHERE s.id = (SELECT session_id FROM refresh_tokens WHERE token_hash = ?)
          FOR UPDATE OF s`,
      [hash],
    );
    if (!session) return undefined;
    // A new statement after the lock: it sees what an exchange that held the lock committed.
    const [token] = await em.execute<Array<{ used: boolean }>>('SELECT used_at IS NOT NULL AS used FROM refresh_tokens WHERE token_hash = ?', [hash]);
    return { ...session, used: token!.used };
  },

  /** Uses up `previous` and gives the session `next` as its refresh token. */
  async rotate(em: EntityManager, sessionId: string, previous: string, next: string): Promise<void> {
    await em.execute('UPDATE refresh_tokens SET used_at = now() WHERE token_hash = ?', [hashOf(previous)]);
    await em.execute('INSERT INTO refresh_tokens (token_hash, session_id) VALUES (?, ?)', [hashOf(next), sessionId]);
    await em.execute('UPDATE sessions SET last_used_at = now() WHERE id = ?', [sessionId]);
  },

  /**
   * Ends the account's active sessions that `which` selects; returns the ids of those that
   * were active until now.
   */
  async end(em: EntityManager, accountId: string, reason: EndReason, which: { only?: string; except?: string | null } = {}): Promise<string[]> {
    const conditions = ['account_id = ?', 'ended_at IS NULL', 'expires_at > now()'];
    const params: unknown[] = [reason, accountId];
    if (which.only !== undefined) (conditions.push('id = ?'), params.push(which.only));
    if (which.except) (conditions.push('id <> ?'), params.push(which.except));
    const rows = await em.execute<Array<{ id: string }>>(`UPDATE sessions SET ended_at = now(), end_reason = ? WHERE ${conditions.join(' AND ')} RETURNING id`, params);
    return rows.map((row) => row.id);
  },

  async active(em: EntityManager, accountId: string, currentSessionId: string | null | undefined): Promise<SessionInfo[]> {
    const rows = await em.execute<SessionRow[]>(
      `SELECT id, device, created_at, last_used_at, expires_at FROM sessions
        WHERE account_id = ? AND ended_at IS NULL AND expires_at > now() ORDER BY created_at DESC, id LIMIT 200`,
      [accountId],
    );
    return rows.map((row) => ({
      id: row.id, device: row.device, createdAt: new Date(row.created_at).toISOString(), lastUsedAt: new Date(row.last_used_at).toISOString(),
      expiresAt: new Date(row.expires_at).toISOString(), current: row.id === currentSessionId,
    }));
  },

  /** Sessions that ended within the last `seconds` (all accounts, or one), with when their last access token expires. */
  async recentlyEnded(em: EntityManager, seconds: number, accountId?: string): Promise<Array<{ sessionId: string; accountId: string; until: string }>> {
    const rows = await em.execute<Array<{ sessionId: string; accountId: string; until: Date }>>(
      `SELECT id AS "sessionId", account_id AS "accountId", ended_at + make_interval(secs => ?) AS until FROM sessions
        WHERE ended_at > now() - make_interval(secs => ?)${accountId ? ' AND account_id = ?' : ''}`,
      accountId ? [seconds, seconds, accountId] : [seconds, seconds],
    );
    return rows.map((row) => ({ ...row, until: new Date(row.until).toISOString() }));
  },

  /** Forgets sessions (and their refresh tokens) that ended or expired more than `days` ago. */
  async prune(em: EntityManager, days: number): Promise<number> {
    const rows = await em.execute<Array<{ id: string }>>(
      `DELETE FROM sessions WHERE coalesce(least(ended_at, expires_at), expires_at) < now() - make_interval(days => ?) RETURNING id`,
      [days],
    );
    return rows.length;
  },
};
