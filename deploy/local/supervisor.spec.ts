import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatLogLine } from './log-format';
import type { ProcessSpec } from './processes';
import { Supervisor, freePort, portRangeOf, waitForHttpOk, type ExitInfo, type GiveUpInfo, type RestartInfo } from './supervisor';

describe('formatLogLine', () => {
  it('turns a pino line into time, level, message and the useful fields', () => {
    const line = JSON.stringify({ level: 30, time: '2026-11-21T10:11:12.000Z', service: 'identity', msg: 'identity ready', port: 3101, correlationId: 'abcdef123456' });
    const out = formatLogLine(line)!;
    expect(out.level).toBe(30);
    expect(out.text).toMatch(/^\d\d:\d\d:\d\d INFO  identity ready port=3101 cid=abcdef12$/);
    expect(out.text).not.toContain('service=');
  });

  it('shows requests and error stacks', () => {
    const req = formatLogLine(JSON.stringify({ level: 30, time: 0, req: { method: 'GET', url: '/health' }, res: { statusCode: 200 }, responseTime: 3.4, msg: 'request completed' }))!;
    expect(req.text).toContain('GET /health → 200 3ms request completed');
    const err = formatLogLine(JSON.stringify({ level: 50, time: 0, msg: 'boom', err: { message: 'kapot', stack: 'Error: kapot\n    at x.js:1' } }))!;
    expect(err.level).toBe(50);
    expect(err.text).toContain('ERROR boom\n    Error: kapot\n        at x.js:1');
  });

  it('passes other lines through and drops empty ones', () => {
    expect(formatLogLine('plain text')).toEqual({ text: 'plain text', level: 30 });
    expect(formatLogLine('{not json')).toEqual({ text: '{not json', level: 30 });
    expect(formatLogLine('   ')).toBeNull();
  });
});

// Child processes start slowly on a loaded machine: room for that, never a sleep as proof.
jest.setTimeout(30_000);

async function until(probe: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('Supervisor', () => {
  // Stand-in services. svc.js serves /health on its port, logs JSON, stops cleanly on SIGTERM
  // and crashes on GET /crash; crashy.js dies at once, every time.
  const root = mkdtempSync(join(tmpdir(), 'kc-supervisor-'));
  writeFileSync(
    join(root, 'svc.js'),
    `const http = require('node:http');
     const log = (msg) => console.log(JSON.stringify({ level: 30, time: Date.now(), msg }));
     const server = http.createServer((req, res) => {
       if (req.url === '/crash') process.exit(3);
       res.end('ok');
     }).listen(Number(process.env.SVC_PORT), '127.0.0.1', () => log('ready ' + process.env.GREETING));
     process.once('SIGTERM', () => { log('bye'); server.close(() => process.kill(process.pid, 'SIGTERM')); }); // as Nest does`,
  );
  writeFileSync(join(root, 'crashy.js'), `console.error('kapot: config ontbreekt'); process.exit(7);`);
  writeFileSync(join(root, 'stubborn.js'), `process.on('SIGTERM', () => {}); console.log('stubborn'); setInterval(() => {}, 1000);`);
  const svc = (name: string): ProcessSpec => ({ name, entry: 'svc.js', portEnv: 'SVC_PORT', defaultPort: 0 });
  const quick = { initialDelayMs: 20, maxDelayMs: 50, resetAfterMs: 60_000, maxCrashes: 4, windowMs: 60_000 };
  // Every supervisor a test makes is stopped after it, also when the test failed half-way.
  const made: Supervisor[] = [];
  const supervisorOf = (...args: ConstructorParameters<typeof Supervisor>) => made[made.push(new Supervisor(...args)) - 1];
  afterEach(async () => {
    await Promise.all(made.splice(0).map((s) => s.stopAll()));
  });
  const healthy = (port: number) => waitForHttpOk(`http://127.0.0.1:${port}/health`, { timeoutMs: 10_000, intervalMs: 20 });

  it('starts, restarts on request, and stops everything', async () => {
    const ports = { a: await freePort(), b: await freePort() };
    const exits: ExitInfo[] = [];
    const supervisor = supervisorOf([svc('a'), svc('b')], { root, env: { GREETING: 'hallo' }, ports, output: null });
    supervisor.onExit((e) => exits.push(e));
    supervisor.assertBuilt();
    supervisor.startAll();
    await Promise.all([healthy(ports.a), healthy(ports.b)]);
    await until(() => supervisor.lines('a').some((l) => l.includes('ready hallo')));

    const first = supervisor.pid('a');
    await supervisor.restart('a');
    await healthy(ports.a);
    expect(exits).toEqual([{ name: 'a', pid: first, code: null, signal: 'SIGTERM', expected: true }]);
    expect(supervisor.pid('a')).not.toBe(first);

    await supervisor.stopAll();
    expect(supervisor.isRunning('a')).toBe(false);
    expect(supervisor.pid('a')).toBeUndefined();
    expect(supervisor.lines('a').join('\n')).toMatch(/\[a\] +\d\d:\d\d:\d\d INFO  bye/);
  });

  it('brings a crashed or killed process back while the others keep running', async () => {
    const ports = { a: await freePort(), b: await freePort() };
    const restarts: RestartInfo[] = [];
    const supervisor = supervisorOf([svc('a'), svc('b')], { root, env: {}, ports, restart: quick });
    supervisor.onRestart((r) => restarts.push(r));
    supervisor.startAll();
    await Promise.all([healthy(ports.a), healthy(ports.b)]);
    const a = supervisor.pid('a');
    const b = supervisor.pid('b');

    await fetch(`http://127.0.0.1:${ports.b}/crash`).catch(() => undefined);
    await until(() => restarts.length === 1);
    expect(restarts[0]).toEqual({ name: 'b', after: { name: 'b', pid: b, code: 3, signal: null, expected: false }, delayMs: 20, crashesInWindow: 1 });
    await until(() => supervisor.isRunning('b'));
    await healthy(ports.b);
    expect(supervisor.lines('b').join('\n')).toMatch(/ONVERWACHT GESTOPT \/ EXITED UNEXPECTEDLY \(exit code 3\): herstart over \/ restarting in 0\.02 s \(crash 1 of 4 within 60 s\)/);

    const killed = await supervisor.signal('b', 'SIGKILL'); // kill -9
    expect(killed).toEqual({ name: 'b', pid: expect.any(Number), code: null, signal: 'SIGKILL', expected: false });
    await until(() => restarts.length === 2);
    expect(restarts[1]).toEqual(expect.objectContaining({ delayMs: 40, crashesInWindow: 2 }));
    await healthy(ports.b);

    expect(supervisor.pid('a')).toBe(a);
    expect(supervisor.pid('b')).not.toBe(b);
    await supervisor.stopAll();
  });

  it('backs off and gives up on a process that keeps crashing, naming it and showing its last lines', async () => {
    const ports = { a: await freePort(), crashy: 0 };
    const restarts: RestartInfo[] = [];
    const gaveUp: GiveUpInfo[] = [];
    const supervisor = supervisorOf([svc('a'), { name: 'crashy', entry: 'crashy.js', portEnv: 'X', defaultPort: 0 }], { root, env: {}, ports, restart: quick });
    supervisor.onRestart((r) => restarts.push(r));
    supervisor.onGiveUp((g) => gaveUp.push(g));
    supervisor.startAll();
    await healthy(ports.a);
    const a = supervisor.pid('a');

    await until(() => gaveUp.length === 1);
    expect(restarts.map((r) => r.delayMs)).toEqual([20, 40, 50]);
    const [giveUp] = gaveUp;
    expect(giveUp).toEqual(expect.objectContaining({ name: 'crashy', crashesInWindow: 4, windowMs: 60_000, after: expect.objectContaining({ code: 7 }) }));
    expect(giveUp.message).toBe('crashy is 4 keer gecrasht binnen 60 s en wordt niet meer herstart / crashy crashed 4 times within 60 s: giving up on it (last: exit code 7)');
    expect(giveUp.lastLines.filter((l) => l.includes('kapot: config ontbreekt'))).toHaveLength(4);
    expect(supervisor.hasGivenUp('crashy')).toBe(true);
    expect(supervisor.isRunning('crashy')).toBe(false);

    expect(supervisor.pid('a')).toBe(a);
    await healthy(ports.a);
    await supervisor.stopAll();
  });

  it('cancels a restart that waits for its backoff when told to stop', async () => {
    const restarts: RestartInfo[] = [];
    const exits: ExitInfo[] = [];
    const supervisor = supervisorOf([{ name: 'crashy', entry: 'crashy.js', portEnv: 'X', defaultPort: 0 }], {
      root, env: {}, ports: { crashy: 0 }, restart: { ...quick, initialDelayMs: 600_000, maxDelayMs: 600_000 },
    });
    supervisor.onRestart((r) => restarts.push(r));
    supervisor.onExit((e) => exits.push(e));
    supervisor.startAll();
    await until(() => restarts.length === 1);
    await supervisor.stopAll(); // would wait for nothing, and leave no 10-minute timer behind
    expect(exits).toHaveLength(1);
    expect(supervisor.isRunning('crashy')).toBe(false);
  });

  it('leaves a crashed process down when restarts are off', async () => {
    const exits: ExitInfo[] = [];
    const supervisor = supervisorOf([{ name: 'crashy', entry: 'crashy.js', portEnv: 'X', defaultPort: 0 }], { root, env: {}, ports: { crashy: 0 }, restart: false });
    supervisor.onExit((e) => exits.push(e));
    supervisor.startAll();
    await until(() => exits.length === 1);
    expect(supervisor.lines('crashy').join('\n')).toContain('EXITED UNEXPECTEDLY (exit code 7)');
    expect(supervisor.isRunning('crashy')).toBe(false);
    await supervisor.stopAll();
  });

  it('kills a process that ignores SIGTERM after the timeout', async () => {
    const supervisor = supervisorOf([{ name: 'stubborn', entry: 'stubborn.js', portEnv: 'X', defaultPort: 0 }], { root, env: {}, ports: { stubborn: 0 }, stopTimeoutMs: 300 });
    supervisor.startAll();
    await until(() => supervisor.lines('stubborn').length > 0);
    const [exit] = await supervisor.stopAll();
    expect(exit.signal).toBe('SIGKILL');
  });

  it('names every entry that is not built', () => {
    const supervisor = supervisorOf([{ name: 'ghost', entry: 'dist/nope.js', portEnv: 'X', defaultPort: 0 }], { root, env: {}, ports: {} });
    expect(() => supervisor.assertBuilt()).toThrow(/not built: ghost \(dist\/nope\.js\)/);
  });
});

describe('freePort', () => {
  it('never hands out a port twice, though none of them is bound yet (a platform asks for seven at once)', async () => {
    const ports = [];
    for (let i = 0; i < 200; i++) ports.push(await freePort());
    expect(new Set(ports).size).toBe(200);
  });

  it('gives parallel Jest workers ranges of their own, below the ephemeral range', () => {
    const ranges = ['1', '2', '3', '4'].map(portRangeOf);
    ranges.forEach((r, i) => {
      expect(r.to - r.from).toBeGreaterThan(1000);
      if (i > 0) expect(r.from).toBeGreaterThan(ranges[i - 1]!.to);
    });
    expect(ranges[3]!.to).toBeLessThan(32_768);
    expect(portRangeOf(undefined)).toEqual({ from: 20_000, to: 32_767 });
  });
});
