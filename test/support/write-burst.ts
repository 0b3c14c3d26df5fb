import type { ApiResponse } from './api-client';

/** One write of a burst: its answer, or why there was none (the client's timeout, a refused connection). */
export interface WriteOutcome {
  readonly index: number;
  /** Start, relative to the burst's start. */
  readonly atMs: number;
  readonly ms: number;
  readonly status?: number;
  readonly body?: unknown;
  readonly failure?: string;
}

export interface WriteBurstOptions {
  /** Writers in parallel. */
  readonly writers: number;
  /** Pause of each writer between its writes, so the burst stays bounded on a small machine. */
  readonly pauseMs: number;
  /** No more writes than this, however long the faults take. */
  readonly maxWrites: number;
}

/**
 * A steady, bounded stream of writes that runs while a test injects faults: `start()` begins,
 * `stop()` lets the writes in flight finish and returns every outcome in start order.
 */
export class WriteBurst {
  private readonly outcomes: WriteOutcome[] = [];
  private readonly writers: Promise<void>[] = [];
  private next = 0;
  private stopping = false;
  private startedAt = 0;

  constructor(
    private readonly write: (index: number) => Promise<ApiResponse>,
    private readonly options: WriteBurstOptions,
  ) {}

  start(): void {
    this.startedAt = Date.now();
    for (let i = 0; i < this.options.writers; i++) this.writers.push(this.writer());
  }

  /** Writes started so far. */
  get started(): number {
    return this.next;
  }

  /** Writes answered 201 so far. */
  get accepted(): number {
    return this.outcomes.filter((o) => o.status === 201).length;
  }

  async stop(): Promise<WriteOutcome[]> {
    this.stopping = true;
    await Promise.all(this.writers);
    return [...this.outcomes].sort((a, b) => a.index - b.index);
  }

  private async writer(): Promise<void> {
    while (!this.stopping && this.next < this.options.maxWrites) {
      const index = this.next++;
      const begun = Date.now();
      const atMs = begun - this.startedAt;
      try {
        const res = await this.write(index);
        this.outcomes.push({ index, atMs, ms: Date.now() - begun, status: res.status, body: res.body });
      } catch (error) {
        const e = error as Error & { cause?: { code?: string } };
        this.outcomes.push({ index, atMs, ms: Date.now() - begun, failure: `${e.name}: ${e.message}${e.cause?.code ? ` (${e.cause.code})` : ''}` });
      }
      await new Promise((resolve) => setTimeout(resolve, this.options.pauseMs));
    }
  }
}
