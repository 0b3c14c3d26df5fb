import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestContext } from '@kc/contracts';


/**
 * Runs a command once per idempotency key: inside the command's own transaction the key is
 * claimed first (a concurrent retry waits on it), the result stored beside the effect, and a
 * retry with the same key returns the first result without applying anything again.
 * Without a key the command simply runs.
 */
export async function idempotent<T>(em: EntityManager, ctx: RequestContext, scope: string, command: (em: EntityManager) => Promise<T>): Promise<T> {
  return em.fork().transactional(async (tx) => {
    const key = ctx.idempotencyKey;
    if (!key) return command(tx);
    const fullScope = `${scope}:${ctx.accountId ?? 'anonymous'}`;
    const claimed = await tx.execute<{ key: string }[]>('INSERT INTO kc_idempotency (scope, key) VALUES (?, ?) ON CONFLICT DO NOTHING RETURNING key', [fullScope, key]);
    if (claimed.length === 0) {
      const [row] = await tx.execute<{ response: unknown }[]>('SELECT response FROM kc_idempotency WHERE scope = ? AND key = ?', [fullScope, key]);
      return row?.response as T;
    }
    const result = await command(tx);
    await tx.execute('UPDATE kc_idempotency SET response = ? WHERE scope = ? AND key = ?', [JSON.stringify(result ?? null), fullScope, key]);
    return result;
  });
}
