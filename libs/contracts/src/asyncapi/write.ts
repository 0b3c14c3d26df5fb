/**
 * `npm run asyncapi`: writes docs/asyncapi.yaml from the contracts (after `npm run build`).
 * `--check` exits 1 when the committed file differs (the unit test does the same).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ASYNCAPI_FILE, renderAsyncApi } from './render';

const root = resolve(__dirname, '..', '..', '..', '..', '..'); // dist/libs/contracts/src/asyncapi → repository root
const file = resolve(root, ASYNCAPI_FILE);
const yaml = renderAsyncApi(JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')).version as string);

if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(file, 'utf8');
  } catch {
    current = '';
  }
  if (current !== yaml) {
    console.error(`${ASYNCAPI_FILE} is out of date with libs/contracts: run \`npm run asyncapi\``);
    process.exit(1);
  }
  console.log(`${ASYNCAPI_FILE} is up to date`);
} else {
  writeFileSync(file, yaml);
  console.log(`wrote ${ASYNCAPI_FILE}`);
}
