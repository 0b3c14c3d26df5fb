import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { MESSAGING_LOGGER } from '@kc/messaging';
import type { Logger } from 'pino';
import { AccessPublisher } from './access.publisher';

/**
 * At start, writes every non-default account (and every recently ended session) into the buckets (a bucket that was lost
 * or is new is rebuilt from the database); retried in the background until it succeeds.
 */
@Injectable()
export class AccessSync implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly access: AccessPublisher,
    @Inject(MESSAGING_LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    void this.run(1);
  }

  onApplicationShutdown(): void {
    clearTimeout(this.timer);
  }

  private async run(attempt: number): Promise<void> {
    try {
      const accounts = await this.access.publishAll();
      const regions = await this.access.publishAllRegions();
      const endedSessions = await this.access.publishEndedSessions();
      this.logger.info({ accounts, regions, endedSessions }, 'access directory synchronised');
    } catch (error) {
      const retryInMs = Math.min(500 * 2 ** attempt, 30_000);
      this.logger.warn({ err: error, retryInMs }, 'access directory sync failed; retrying');
      this.timer = setTimeout(() => void this.run(attempt + 1), retryInMs);
      this.timer.unref();
    }
  }
}
