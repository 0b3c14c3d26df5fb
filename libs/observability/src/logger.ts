import { AsyncLocalStorage } from 'node:async_hooks';
import pino, { type Logger } from 'pino';

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
];

/** One JSON logger per process: service name and correlation id on every line, secrets and personal data redacted. */
export function createLogger(service: string, level = 'info'): Logger {
  return pino({
    level,
    base: { service },
    redact: { paths: REDACT, censor: '[verborgen]' },
    mixin: () => {
      const id = currentCorrelationId();
      return id ? { correlationId: id } : {};
    },
    timestamp: pino.stdTimeFunctions.isoTime,
  });
}
