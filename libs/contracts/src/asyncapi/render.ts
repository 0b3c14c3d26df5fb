import { stringify } from 'yaml';
import { generateAsyncApi } from './generate';

export const ASYNCAPI_FILE = 'docs/asyncapi.yaml';

/** The YAML text of docs/asyncapi.yaml: deterministic, so the committed file can be compared. */
export function renderAsyncApi(version: string): string {
  const header = '# Generated from libs/contracts by `npm run asyncapi`. Do not edit by hand.\n';
  return header + stringify(generateAsyncApi(version), { lineWidth: 0, aliasDuplicateObjects: false });
}
