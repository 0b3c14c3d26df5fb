import type { DomainError } from '@kc/contracts';

/** The error a request was refused with; fails the test when it succeeded instead. */
export const failure = (promise: Promise<unknown>): Promise<DomainError> =>
  promise.then(
    (value) => { throw new Error(`expected a failure, got ${JSON.stringify(value)}`); },
    (error: unknown) => error as DomainError,
  );
