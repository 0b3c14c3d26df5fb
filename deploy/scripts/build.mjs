// Compiles every TypeScript source (services, libs, deploy, test, bench) to dist/ with SWC.
// SWC rewrites the @kc/* path aliases of tsconfig.json to relative requires, so dist/ runs on
// plain Node without a loader. Type checking is a separate step (`npm run typecheck`).
// Only TypeScript is compiled: every other file (CSS, the web UI's browser scripts, data such as
// the Brinkman vocabulary) is copied to dist/ as written.
import { execFileSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';

const roots = ['libs', 'services', 'deploy', 'test', 'bench'].filter((dir) => existsSync(dir));
rmSync('dist', { recursive: true, force: true });
execFileSync(
  'swc',
  [...roots, '-d', 'dist', '--copy-files', '--extensions', '.ts,.tsx', '--ignore', '**/*.spec.ts,**/*.int-spec.ts,**/*.e2e-spec.ts', '--quiet'],
  { stdio: 'inherit' },
);
