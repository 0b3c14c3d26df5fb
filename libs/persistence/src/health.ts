import { MikroORM } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import type { HealthIndicator } from '@kc/observability';

@Injectable()
export class DatabaseHealthIndicator implements HealthIndicator {
  readonly name = 'database';
  constructor(private readonly orm: MikroORM) {}
  async check(): Promise<void> {
    await this.orm.em.getConnection().execute('SELECT 1');
  }
}
