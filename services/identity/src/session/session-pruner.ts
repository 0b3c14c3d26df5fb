import { MikroORM } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { PeriodicPass } from '@kc/persistence';
import { SessionRepository } from './session.repository';

const HOUR_MS = 3_600_000;
/** An ended or expired session is shown nowhere; it is kept a week for the person's data export and then forgotten. */
const KEEP_ENDED_DAYS = 7;

@Injectable()
export class SessionPruner implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly passes = new PeriodicPass('ended session prune', () => SessionRepository.prune(this.orm.em.fork() as EntityManager, KEEP_ENDED_DAYS), new Logger(SessionPruner.name));

  constructor(private readonly orm: MikroORM) {}

  onApplicationBootstrap(): void {
    this.passes.start(HOUR_MS);
  }

  onModuleDestroy(): Promise<void> {
    return this.passes.stop();
  }
}
