import { CrashHistory, DEFAULT_RESTART_POLICY, inSeconds } from './restart-policy';

describe('CrashHistory', () => {
  const policy = { initialDelayMs: 500, maxDelayMs: 15_000, resetAfterMs: 30_000, maxCrashes: 5, windowMs: 60_000 };

  it('doubles the delay for every crash in a row, up to the maximum', () => {
    const history = new CrashHistory({ ...policy, maxCrashes: 100, windowMs: 1 });
    const delays = Array.from({ length: 8 }, (_, i) => history.crashed(i * 10, 0)).map((d) => (d.restart ? d.delayMs : 'gave up'));
    expect(delays).toEqual([500, 1000, 2000, 4000, 8000, 15_000, 15_000, 15_000]);
  });

  it('starts over at the first delay once a process stayed up long enough', () => {
    const history = new CrashHistory(policy);
    expect(history.crashed(0, 100)).toEqual({ restart: true, delayMs: 500, crashesInWindow: 1 });
    expect(history.crashed(1_000, 100)).toEqual({ restart: true, delayMs: 1000, crashesInWindow: 2 });
    expect(history.crashed(2_000, 29_999)).toEqual({ restart: true, delayMs: 2000, crashesInWindow: 3 });
    expect(history.crashed(40_000, 30_000)).toEqual({ restart: true, delayMs: 500, crashesInWindow: 4 });
  });

  it('gives up at the fifth crash within 60 s, and only then', () => {
    const history = new CrashHistory(policy);
    for (const at of [0, 1_000, 2_000, 3_000]) expect(history.crashed(at, 0).restart).toBe(true);
    expect(history.crashed(4_000, 0)).toEqual({ restart: false, crashesInWindow: 5 });

    const spread = new CrashHistory(policy);
    // Crashes older than the window no longer count.
    for (const at of [0, 1_000, 2_000, 3_000]) expect(spread.crashed(at, 0).restart).toBe(true);
    expect(spread.crashed(61_500, 0)).toEqual({ restart: true, delayMs: 8000, crashesInWindow: 3 });
  });

  it('has the documented defaults', () => {
    expect(DEFAULT_RESTART_POLICY).toEqual(policy);
    expect([inSeconds(500), inSeconds(20), inSeconds(15_000)]).toEqual(['0.5 s', '0.02 s', '15 s']);
  });
});
