import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { stringify } from 'safe-stable-stringify';
import { DomainError, type RequestContext } from '@kc/contracts';
import { sqlRows } from '@kc/persistence';

/** SHA-256 of a request's pattern and data, with object keys in a stable order. */
export function requestFingerprint(pattern: string, data: unknown): string {
  return createHash('sha256').update(pattern).update('\n').update(stringify(data ?? null) ?? 'null').digest('hex');
}

export const idempotencyKeyReused = () =>
  new DomainError(422, 'IDEMPOTENCY_KEY_REUSED', {
    nl: 'Deze Idempotency-Key is al gebruikt voor een ander verzoek. Gebruik een nieuwe sleutel voor een nieuw verzoek.',
    en: 'This Idempotency-Key was already used for a different request. Use a new key for a new request.',
  });

/**
 * Runs a command once per idempotency key: inside the command's own transaction the key is
 * claimed first (a concurrent retry waits on it), the result stored beside the effect, and a
 * retry with the same key and the same request returns the first result without applying
 * anything again. The same key with a different request (another fingerprint) is refused
 * with 422 `IDEMPOTENCY_KEY_REUSED`. Without a key the command simply runs.
 *
 * The fingerprint is the request's validated data (`ctx.requestFingerprint`, set for every
 * request with a key). A command whose data holds values made per attempt (an upload's object
 * name) passes its own `fingerprint` of what the client asked for.
 */
export async function idempotent<T>(
  em: EntityManager,
  ctx: RequestContext,
  scope: string,
  command: (em: EntityManager) => Promise<T>,
  options: { fingerprint?: string } = {},
): Promise<T> {
  return em.fork().transactional(async (tx) => {
    const key = ctx.idempotencyKey;
    if (!key) return command(tx);
    const fullScope = `${scope}:${ctx.accountId ?? 'anonymous'}`;
    const fingerprint = options.fingerprint ?? ctx.requestFingerprint ?? null;
    const claimed = await sqlRows(tx, 'INSERT INTO kc_idempotency (scope, key, fingerprint) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING key', [fullScope, key, fingerprint]);
    if (claimed.length === 0) {
      const [row] = await sqlRows<{ response: unknown; fingerprint: string | null }>(tx, 'SELECT response, fingerprint FROM kc_idempotency WHERE scope = $1 AND key = $2', [fullScope, key]);
      // Rows from before fingerprints were kept have none: they answer as before.
      if (row?.fingerprint && fingerprint && row.fingerprint !== fingerprint) throw idempotencyKeyReused();
      return row?.response as T;
    }
    const result = await command(tx);
    await sqlRows(tx, 'UPDATE kc_idempotency SET response = $1 WHERE scope = $2 AND key = $3', [JSON.stringify(result ?? null), fullScope, key]);
    return result;
  });
}
