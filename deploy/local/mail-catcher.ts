import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** One mail the catcher received, as a person would read it. */
export interface CaughtMail {
  messageId: string | undefined;
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  receivedAt: Date;
}

const MAX_KEPT = 200;

/**
 * A mail catcher for development and tests (ADR 0036): an SMTP server (smtp-server, no TLS,
 * any or no login) that keeps what it receives in memory and delivers nothing, and on request
 * a small web page listing the mails. `stop()` and `start()` again on the same port let a test
 * play an outage.
 */
export class MailCatcher {
  readonly mails: CaughtMail[] = [];
  private smtp?: SMTPServer;
  private http?: HttpServer;
  private listeners: Array<() => void> = [];

  private constructor(private smtpPort: number) {}

  static async start(options: { smtpPort?: number; httpPort?: number } = {}): Promise<MailCatcher> {
    const catcher = new MailCatcher(options.smtpPort ?? 0);
    await catcher.start();
    if (options.httpPort !== undefined) await catcher.serveWebPage(options.httpPort).catch(async (error: unknown) => {
      await catcher.close();
      throw error;
    });
    return catcher;
  }

  get port(): number {
    return this.smtpPort;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.smtpPort}`;
  }

  get webUrl(): string | undefined {
    const address = this.http?.address() as AddressInfo | null | undefined;
    return address ? `http://127.0.0.1:${address.port}` : undefined;
  }

  /** Starts (again) accepting mail, on the port it had before. */
  async start(): Promise<void> {
    const smtp = new SMTPServer({
      disabledCommands: ['STARTTLS'], authOptional: true, logger: false, banner: 'KennisCloud mail catcher',
      onAuth: (_auth, _session, callback) => callback(null, { user: 'catcher' }),
      onData: (stream, session, callback) => {
        simpleParser(stream).then((parsed) => {
          this.mails.push({
            messageId: parsed.messageId,
            from: parsed.from?.text ?? '',
            to: session.envelope.rcptTo.map((r) => r.address),
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            html: typeof parsed.html === 'string' ? parsed.html : '',
            receivedAt: new Date(),
          });
          if (this.mails.length > MAX_KEPT) this.mails.shift();
          for (const listener of this.listeners) listener();
          callback();
        }, (error: Error) => callback(error));
      },
    });
    await new Promise<void>((resolve, reject) => {
      smtp.once('error', reject);
      smtp.listen(this.smtpPort, '127.0.0.1', () => resolve());
    });
    smtp.on('error', () => undefined);
    this.smtpPort = (smtp.server.address() as AddressInfo).port;
    this.smtp = smtp;
  }

  /** Stops accepting mail (connections are refused) until `start()`; the mails received stay. */
  async stop(): Promise<void> {
    const smtp = this.smtp;
    this.smtp = undefined;
    if (smtp) await new Promise<void>((resolve) => smtp.close(() => resolve()));
  }

  async close(): Promise<void> {
    await this.stop();
    const http = this.http;
    if (http) await new Promise<void>((resolve) => http.close(() => resolve()));
  }

  /** The mails to an address (lower-cased), oldest first. */
  to(address: string): CaughtMail[] {
    return this.mails.filter((m) => m.to.includes(address.toLowerCase()));
  }

  /** Resolves with the first mail that `matches`, now or when it arrives (rejects after `timeoutMs`). */
  waitFor(matches: (mail: CaughtMail) => boolean, timeoutMs = 10_000): Promise<CaughtMail> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = this.mails.find(matches);
        if (!found) return false;
        done();
        resolve(found);
        return true;
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`no matching mail within ${timeoutMs} ms (received: ${this.mails.map((m) => `${m.to.join(',')}: ${m.subject}`).join('; ') || 'none'})`));
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        this.listeners = this.listeners.filter((l) => l !== listener);
      };
      const listener = () => void check();
      this.listeners.push(listener);
      check();
    });
  }

  private async serveWebPage(port: number): Promise<void> {
    const http = createHttpServer((req, res) => {
      const index = /^\/mail\/(\d+)$/.exec(req.url ?? '');
      const mail = index ? this.mails[Number(index[1])] : undefined;
      if (mail) {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'" });
        res.end(mail.html || `<pre>${escapeHtml(mail.text)}</pre>`);
        return;
      }
      const rows = this.mails.map((m, i) => `<li><a href="/mail/${i}">${escapeHtml(m.subject)}</a> — aan ${escapeHtml(m.to.join(', '))}, ${m.receivedAt.toLocaleString('nl-NL')}</li>`).reverse();
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(`<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Ontvangen e-mail</title></head><body style="font-family: sans-serif">
<h1>Ontvangen e-mail (KennisCloud, lokaal)</h1><p>Niets wordt echt verstuurd: alle e-mail van het lokale platform komt hier binnen. Ververs de pagina voor nieuwe.</p>
<ol>${rows.join('') || '<li>Nog geen e-mail.</li>'}</ol></body></html>`);
    });
    await new Promise<void>((resolve, reject) => {
      http.once('error', reject);
      http.listen(port, '127.0.0.1', () => resolve());
    });
    this.http = http;
  }
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
