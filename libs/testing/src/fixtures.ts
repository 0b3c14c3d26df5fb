import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { repositoryRoot } from '../../../deploy/local/supervisor';

const ROOT = repositoryRoot(__dirname);

/** The repository's own test data (test/fixtures/README.md: origin and licence of every file). */
export const FIXTURES = join(ROOT, 'test', 'fixtures');

/** `fixturePath('marc', 'nlnz-1000.mrc')` */
export const fixturePath = (...parts: string[]) => join(FIXTURES, ...parts);

/**
 * Research data that may be read but not copied into the repository (no licence): it lives
 * beside the repository in `../shared/data`, or where `KC_SHARED_DATA` points.
 */
export const SHARED_DATA = resolve(process.env.KC_SHARED_DATA ?? join(ROOT, '..', 'shared', 'data'));

/**
 * Why a test that needs `file` from the shared research data cannot run here, or undefined
 * when it can. A test skips with this reason instead of failing on a clone without the data.
 */
export function sharedDataMissing(file: string): string | undefined {
  const path = join(SHARED_DATA, file);
  return existsSync(path) ? undefined : `${file} is not at ${path} (research data without a licence, not in the repository; set KC_SHARED_DATA to its directory)`;
}
