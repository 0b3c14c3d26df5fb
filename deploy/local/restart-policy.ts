/**
 * When the supervisor brings a crashed process back, and when it stops trying: exponential
 * backoff (0.5 s, 1 s, 2 s, … up to 15 s), starting over once a process has stayed up a while,
 * and giving up after too many crashes in a short time (a process that cannot start, e.g. a
 * broken configuration, should say so instead of restarting for ever). Pure: the supervisor
 * passes the clock in.
 */
export interface RestartPolicy {
  /** Delay before the first restart after a crash. */
  readonly initialDelayMs: number;
  /** The delay doubles with every crash in a row, up to this. */
  readonly maxDelayMs: number;
  /** A process that stayed up at least this long before it crashed starts again at `initialDelayMs`. */
  readonly resetAfterMs: number;
  /** Give up on a process at its `maxCrashes`-th crash within `windowMs`. */
  readonly maxCrashes: number;
  readonly windowMs: number;
}

export const DEFAULT_RESTART_POLICY: RestartPolicy = {
  initialDelayMs: 500,
  maxDelayMs: 15_000,
  resetAfterMs: 30_000,
  maxCrashes: 5,
  windowMs: 60_000,
};

export type RestartDecision =
  | { readonly restart: true; readonly delayMs: number; readonly crashesInWindow: number }
  | { readonly restart: false; readonly crashesInWindow: number };

/** The crash record of one process. */
export class CrashHistory {
  private crashTimes: number[] = [];
  private inARow = 0;

  constructor(private readonly policy: RestartPolicy) {}

  /** Records a crash at `now` of a process that had been up for `uptimeMs`, and says what to do. */
  crashed(now: number, uptimeMs: number): RestartDecision {
    if (uptimeMs >= this.policy.resetAfterMs) this.inARow = 0;
    this.inARow++;
    this.crashTimes = [...this.crashTimes.filter((t) => t > now - this.policy.windowMs), now];
    const crashesInWindow = this.crashTimes.length;
    if (crashesInWindow >= this.policy.maxCrashes) return { restart: false, crashesInWindow };
    const delayMs = Math.min(this.policy.initialDelayMs * 2 ** (this.inARow - 1), this.policy.maxDelayMs);
    return { restart: true, delayMs, crashesInWindow };
  }
}

/** `0.5 s`, `0.02 s`, `15 s` */
export const inSeconds = (ms: number) => `${Number((ms / 1000).toFixed(2))} s`;
