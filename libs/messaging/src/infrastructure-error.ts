import { DomainError } from '@kc/contracts';

/** SQLSTATE classes and codes that mean "the database is not there right now", not "this work is wrong". */
const PG_UNAVAILABLE = [
  /^08/, // connection exception
  /^57P0[1-4]$/, // admin/crash shutdown, cannot connect now, database dropped
  /^53300$/, // too many connections
  /^58/, // system error (I/O)
];
const NETWORK_ERRNOS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'ENOTFOUND', 'ECONNABORTED']);
/** Messages of pg, knex (MikroORM's pool), ioredis and the NATS client when the server is gone. */
const UNAVAILABLE_MESSAGES = [
  /connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /timeout acquiring a connection/i,
  /client has encountered a connection error/i,
  /client was closed and is not queryable/i, // a pooled connection the server ended before it was used again
  /connection ended unexpectedly/i,
  /connection is closed/i,
  /the database system is (starting up|shutting down|in recovery mode)/i,
  /terminating connection due to/i,
  /\b(CONNECTION_CLOSED|CONNECTION_DRAINING|DISCONNECT|NO_RESPONDERS)\b/,
  /connection (closed|draining)/i,
];
const UNAVAILABLE_NAMES = new Set([
  'KnexTimeoutError', 'ConnectionException', // MikroORM's pool and driver
  'ClosedConnectionError', 'DrainingConnectionError', 'ConnectionError', 'TimeoutError', 'NoResponders', // NATS (and rxjs' timeout)
]);
const NATS_CODES = new Set(['CONNECTION_CLOSED', 'CONNECTION_DRAINING', 'CONNECTION_REFUSED', 'DISCONNECT', 'TIMEOUT', 'NO_RESPONDERS']);

/**
 * Is this error the infrastructure being away (PostgreSQL, NATS, Redis, another service not
 * answering) rather than the work itself failing? Such an error says nothing about the message
 * or request: consumers wait and try again without counting it toward dead-lettering, and
 * request handlers answer 503 instead of 500. Looks through `cause`, MikroORM's `previous` and
 * AggregateError's `errors` (a refused connection to several addresses).
 */
export function isInfrastructureError(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 5) return false;
  if (error instanceof DomainError) return error.statusCode === 503 || error.statusCode === 504;
  const e = error as { code?: unknown; errno?: unknown; name?: unknown; message?: unknown; cause?: unknown; previous?: unknown; errors?: unknown };
  const code = typeof e.code === 'string' ? e.code : undefined;
  if (code && PG_UNAVAILABLE.some((pattern) => pattern.test(code)) && /^[0-9A-Z]{5}$/.test(code)) return true;
  if (code && (NETWORK_ERRNOS.has(code) || NATS_CODES.has(code))) return true;
  if (typeof e.name === 'string' && UNAVAILABLE_NAMES.has(e.name)) return true;
  if (typeof e.message === 'string' && UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(e.message as string))) return true;
  if (Array.isArray(e.errors) && e.errors.length > 0 && e.errors.every((inner) => isInfrastructureError(inner, depth + 1))) return true;
  return isInfrastructureError(e.cause, depth + 1) || isInfrastructureError(e.previous, depth + 1);
}
