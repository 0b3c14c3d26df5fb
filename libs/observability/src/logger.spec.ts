import { Writable } from 'node:stream';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { createLogger, safeError } from './logger';

describe('safeError (what an error may put in a log line)', () => {
  const driverError = () => {
    const pgError = Object.assign(
      new Error(`insert into "accounts" ("email", "password_hash") values ('anna@voorbeeld.nl', '$argon2id$v=19$geheim') - duplicate key value violates unique constraint "accounts_email_unique"`),
      { code: '23505', constraint: 'accounts_email_unique' },
    );
    return new UniqueConstraintViolationException(pgError);
  };

  it('keeps class, SQL state, constraint and stack frames of a database error, but not its SQL or values', () => {
    const safe = safeError(driverError());
    expect(safe).toMatchObject({ type: 'UniqueConstraintViolationException', code: '23505' });
    expect(JSON.stringify(safe)).not.toMatch(/anna@voorbeeld|argon2id|insert into/);
    expect(safe.stack).toMatch(/^\s+at /);
  });

  it('keeps the message of an ordinary error', () => {
    expect(safeError(new TypeError('cannot read x of undefined'))).toMatchObject({ type: 'TypeError', message: 'cannot read x of undefined' });
    expect(safeError('just a string')).toEqual({ type: 'string', message: 'just a string' });
  });

  it('is what the service logger writes for `err`', () => {
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk, _enc, done) => { lines.push(String(chunk)); done(); } });
    createLogger('identity', 'info', sink).error({ err: driverError(), email: 'anna@voorbeeld.nl' }, 'unexpected error');
    expect(lines.join('')).toMatch(/UniqueConstraintViolationException.*23505/);
    expect(lines.join('')).not.toMatch(/anna@voorbeeld/);
  });
});
