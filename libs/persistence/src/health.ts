import type { MikroORM } from '@mikro-orm/core';
import type { HealthIndicator } from '@kc/observability';

/** Made by PersistenceModule, which hands it the ORM. */
export class DatabaseHealthIndicator implements HealthIndicator {
  readonly name = 'database';
  constructor(private readonly orm: MikroORM) {}
  async check(): Promise<void> {
    await this.orm.em.getConnection().execute('SELECT 1');
  }
}
