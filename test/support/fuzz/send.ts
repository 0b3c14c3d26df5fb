import http from 'node:http';
import net from 'node:net';
import type { WireRequest } from './requests';

/** Sending a request to the gateway: through Node's HTTP client, or as raw bytes on a socket. */

/** Give up on a request (and call it a hang) after this long. */
const ABORT_MS = 15_000;

export type Sent =
  | { kind: 'response'; status: number; headers: http.IncomingHttpHeaders; body: Buffer; ms: number }
  | { kind: 'error'; error: string; ms: number };

export function send(port: number, wire: WireRequest, timeoutMs = ABORT_MS): Promise<Sent> {
  return new Promise((resolve) => {
    const started = performance.now();
    const ms = () => Math.round(performance.now() - started);
    let done = false;
    const finish = (sent: Sent) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      resolve(sent);
    };
    let req: http.ClientRequest;
    try {
      // Node frames a GET body neither with a length nor chunked: always say how long the body is.
      const headers = wire.body ? { ...wire.headers, 'content-length': String(wire.body.length) } : wire.headers;
      req = http.request({ host: '127.0.0.1', port, method: wire.method, path: wire.path, headers, agent: false });
    } catch (error) {
      throw new Error(`the test generated a request Node cannot send (${(error as Error).message}): ${wire.method} ${wire.path}`);
    }
    const timer = setTimeout(() => {
      finish({ kind: 'error', error: `no response within ${timeoutMs} ms`, ms: ms() });
      req.destroy();
    }, timeoutMs);
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => finish({ kind: 'response', status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks), ms: ms() }));
      res.on('error', (error) => finish({ kind: 'error', error: `response broke off: ${error.message}`, ms: ms() }));
    });
    req.on('error', (error) => finish({ kind: 'error', error: error.message, ms: ms() }));
    req.end(wire.body ? Buffer.from(wire.body) : undefined);
  });
}

/** What came back on a raw socket: the status line's code (if any), everything as Latin-1, and whether the gateway closed the connection. */
export interface RawSent {
  status?: number;
  text: string;
  ms: number;
  closed: boolean;
}

/** Writes raw bytes to the gateway and reads until it closes the connection. */
export function sendRaw(port: number, bytes: Uint8Array, timeoutMs = ABORT_MS): Promise<RawSent> {
  return new Promise((resolve) => {
    const started = performance.now();
    const chunks: Buffer[] = [];
    const socket = net.connect({ host: '127.0.0.1', port });
    const finish = (closed: boolean) => {
      clearTimeout(timer);
      socket.destroy();
      const text = Buffer.concat(chunks).toString('latin1');
      const status = /^HTTP\/1\.[01] (\d{3})/.exec(text)?.[1];
      resolve({ status: status ? Number(status) : undefined, text, ms: Math.round(performance.now() - started), closed });
    };
    const timer = setTimeout(() => finish(false), timeoutMs);
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('close', () => finish(true));
    socket.on('error', () => undefined);
    socket.on('connect', () => socket.end(Buffer.from(bytes)));
  });
}
