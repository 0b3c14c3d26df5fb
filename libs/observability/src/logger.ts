import { AsyncLocalStorage } from 'node:async_hooks';
import pino, { type DestinationStream, type Logger } from 'pino';

const correlation = new AsyncLocalStorage<{ correlationId: string }>();

/** Runs `fn` with a correlation id that every log line inside it carries. */
export function withCorrelation<T>(correlationId: string, fn: () => T): T {
  return correlation.run({ correlationId }, fn);
}
export function currentCorrelationId(): string | undefined {
  return correlation.getStore()?.correlationId;
}

const REDACT = [
  'password', '*.password', 'token', '*.token', 'accessToken', '*.accessToken', 'email', '*.email',
  'req.headers.authorization', 'req.headers.cookie', 'meta.token', '*.meta.token', 'data.password', 'data.email',
  // OpenID Connect (ADR 0040): a region's client secret and a sign-in's PKCE verifier.
  'clientSecret', '*.clientSecret', 'data.clientSecret', 'codeVerifier', '*.codeVerifier', '*.*.codeVerifier',
];

/**
 * An error as it may be logged. Database driver errors carry the SQL with its parameter
 * values (e-mail addresses, password hashes, text people wrote) in their message: for those
 * only the class, SQL state, constraint and stack frames are kept.
 */
export function safeError(error: unknown): { type: string; message: string; code?: string; constraint?: string; stack?: string } {
  if (!(error instanceof Error)) return { type: typeof error, message: String(error).slice(0, 500) };
  const e = error as Error & { sqlState?: string; code?: unknown; constraint?: string; query?: unknown };
  const frames = e.stack?.split('\n').filter((line) => line.startsWith('    at ')).join('\n');
  const isDatabaseError = e.sqlState !== undefined || e.query !== undefined || /Exception$/.test(e.name) && typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code);
  if (isDatabaseError) {
    const code = e.sqlState ?? (typeof e.code === 'string' ? e.code : undefined);
    return { type: e.name, message: `${e.name} (SQL state ${code ?? 'unknown'})`, code, constraint: e.constraint, stack: frames };
  }
  return { type: e.name, message: e.message.slice(0, 2000), code: typeof e.code === 'string' ? e.code : undefined, stack: frames };
}

let stdout: DestinationStream | undefined;
/** Lines gather up to 8 KiB and leave at least every quarter second: a write system call per batch, not per line. */
const standardOutput = () => (stdout ??= pino.destination({ dest: 1, sync: false, minLength: 8192, periodicFlush: 250 }));

/**
 * One JSON logger per process: service name and correlation id on every line, secrets and personal data redacted.
 * Lines go to stdout asynchronously and in batches (the gateway's access log cost a write system
 * call per request); pino writes what is left synchronously when the process exits, so only a
 * process killed outright (SIGKILL) loses its last quarter second of lines.
 */
export function createLogger(service: string, level = 'info', destination?: DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { service },
    redact: { paths: REDACT, censor: '[verborgen]' },
    mixin: () => {
      const id = currentCorrelationId();
      return id ? { correlationId: id } : {};
    },
    timestamp: pino.stdTimeFunctions.isoTime,
    serializers: { err: safeError, error: safeError },
  };
  return pino(options, destination ?? standardOutput());
}
