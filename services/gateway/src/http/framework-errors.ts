import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { DomainError } from '@kc/contracts';
import { EdgeErrors } from './edge-errors';
import { languageOf } from './language';

/**
 * Errors Fastify's router raises before any route runs (a malformed %-encoding, a path
 * parameter over the length limit) in the API's error shape and the caller's language.
 */
export function frameworkErrorHandler(error: { code?: string }, request: FastifyRequest, reply: FastifyReply): void {
  const domain = error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? EdgeErrors.uriTooLong() : EdgeErrors.invalidUrl();
  void reply.code(domain.statusCode).type('application/json; charset=utf-8').send(errorBody(domain, languageOf(request.headers['accept-language'])));
}

/**
 * Requests Node's HTTP parser refuses (headers too large, a NUL in a header, an impossible
 * Content-Length, a timeout) never reach Fastify: answer on the socket in the API's error
 * shape. No header could be read, so the message is Dutch with the English after it.
 */
export function clientErrorHandler(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, code, nl, en] =
    error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? [408, 'REQUEST_TIMEOUT', 'Het verzoek duurde te lang.', 'The request took too long.']
      : error.code === 'HPE_HEADER_OVERFLOW'
        ? [431, 'HEADERS_TOO_LARGE', 'De headers van het verzoek zijn te groot.', 'The request headers are too large.']
        : [400, 'MALFORMED_REQUEST', 'Het verzoek is geen geldig HTTP-verzoek.', 'The request is not a valid HTTP request.'];
  const body = JSON.stringify({ statusCode: status, error: STATUS_CODES[status], message: `${nl} / ${en}`, code });
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

function errorBody(error: DomainError, lang: 'nl' | 'en') {
  return { statusCode: error.statusCode, error: STATUS_CODES[error.statusCode] ?? 'Error', message: error.messages[lang], code: error.code };
}
