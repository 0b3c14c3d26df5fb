import { randomBytes } from 'node:crypto';

/** One id per `jest` run: every database, stream and subject a test creates carries it. */
export default function globalSetup(): void {
  process.env.KC_TEST_RUN ??= randomBytes(3).toString('hex');
  process.env.NODE_ENV = 'test';
  process.env.LOG_LEVEL ??= 'silent';
}
