import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { Socket } from 'node:net';
import { freePort } from '../../../deploy/local/supervisor';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export { freePort } from '../../../deploy/local/supervisor';

/**
 * A NATS server with JetStream of the test's own, on a free port, that the test may stop and
 * start again (keeping its store) to prove resilience. The shared server is never touched.
 */
export class PrivateNatsServer {
  private process?: ChildProcess;
  private readonly storeDir = mkdtempSync(join(tmpdir(), 'kc-nats-'));

  private constructor(readonly port: number) {}

  static async start(binary = '/usr/sbin/nats-server'): Promise<PrivateNatsServer> {
    const server = new PrivateNatsServer(await freePort());
    await server.startProcess(binary);
    return server;
  }

  get url(): string {
    return `nats://127.0.0.1:${this.port}`;
  }

  async stop(): Promise<void> {
    const child = this.process;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
    this.process = undefined;
  }

  async restart(binary = '/usr/sbin/nats-server'): Promise<void> {
    await this.stop();
    await this.startProcess(binary);
  }

  async dispose(): Promise<void> {
    await this.stop();
    rmSync(this.storeDir, { recursive: true, force: true });
  }

  private async startProcess(binary: string): Promise<void> {
    this.process = spawn(binary, ['-a', '127.0.0.1', '-p', String(this.port), '-js', '-sd', this.storeDir], { stdio: 'ignore' });
    const deadline = Date.now() + 10_000;
    while (!(await canConnect(this.port))) {
      if (Date.now() > deadline) throw new Error(`private nats-server did not start on ${this.port}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    socket.once('connect', () => { socket.destroy(); resolve(true); });
    socket.once('error', () => { socket.destroy(); resolve(false); });
    socket.connect(port, '127.0.0.1');
  });
}
