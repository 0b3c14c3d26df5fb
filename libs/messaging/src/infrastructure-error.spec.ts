import { ConnectionException, DriverException, UniqueConstraintViolationException } from '@mikro-orm/core';
import { DomainError } from '@kc/contracts';
import { isInfrastructureError } from './infrastructure-error';

const pgError = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('isInfrastructureError', () => {
  it.each([
    ['a refused connection', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })],
    ['a refused connection to every address', new AggregateError([Object.assign(new Error('a'), { code: 'ECONNREFUSED' })], '')],
    ['a server shutdown (57P01) wrapped by MikroORM', new DriverException(pgError('57P01', 'terminating connection due to administrator command'))],
    ['a server that is starting (57P03)', pgError('57P03')],
    ['a connection exception class (08006)', pgError('08006')],
    ['a terminated connection', new Error('Connection terminated unexpectedly')],
    ['a pooled connection the server ended', new DriverException(new Error('Client was closed and is not queryable'))],
    ['a connection that ended while starting', new Error('Connection ended unexpectedly')],
    ['the pool timing out', Object.assign(new Error('Knex: Timeout acquiring a connection. The pool is probably full.'), { name: 'KnexTimeoutError' })],
    ["MikroORM's ConnectionException", new ConnectionException(pgError('08001'))],
    ['a closed NATS connection', Object.assign(new Error('closed connection'), { name: 'ClosedConnectionError' })],
    ['an unreachable service', new DomainError(503, 'UPSTREAM_UNAVAILABLE', { nl: 'weg', en: 'gone' })],
    ['a cause that is one of these', new Error('query failed', { cause: pgError('57P01') })],
  ])('says yes for %s', (_label, error) => {
    expect(isInfrastructureError(error)).toBe(true);
  });

  it.each([
    ['a unique violation', new UniqueConstraintViolationException(pgError('23505'))],
    ['a programming error', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['a domain rule', new DomainError(409, 'CONFLICT', { nl: 'bestaat al', en: 'exists' })],
    ['a serialization failure (retried elsewhere)', pgError('40001')],
    ['something that is not an error', 'ECONNREFUSED'],
    ['nothing', undefined],
  ])('says no for %s', (_label, error) => {
    expect(isInfrastructureError(error)).toBe(false);
  });
});
