import type { Logger } from '@nestjs/common';

/**
 * A pass run at start and then every interval, never two at once (a slow pass skips a tick), and
 * waited for on shutdown. What the pass does is durable in the database, so a pass a restart
 * interrupted is simply done again.
 */
export class PeriodicPass {
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(private readonly what: string, private readonly pass: () => Promise<unknown>, private readonly logger: Logger) {}

  start(intervalMs: number): void {
    const tick = () => {
      this.running ??= this.pass()
        .catch((error: unknown) => this.logger.warn(`${this.what} failed: ${(error as Error).message}`))
        .finally(() => (this.running = undefined));
    };
    this.timer = setInterval(tick, intervalMs);
    this.timer.unref();
    tick();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
