/**
 * `npm run bench`: runs every bench/<name>.ts module (compiled to dist/bench/<name>.js) that
 * exports `run(): Promise<object>`, and writes its result to bench/results/<name>.json with the
 * machine it ran on. `npm run bench -- suggestions` runs only the named ones.
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '..', '..'); // dist/bench → repository root
const resultsDir = join(root, 'bench', 'results');

async function main(): Promise<number> {
  const only = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const modules = readdirSync(__dirname)
    .filter((f) => f.endsWith('.js') && f !== 'run.js')
    .map((f) => f.slice(0, -3))
    .filter((name) => !only.length || only.includes(name))
    .sort();
  if (!modules.length) {
    console.error(only.length ? `no benchmark named ${only.join(', ')} in bench/` : 'no benchmarks in bench/');
    return 1;
  }
  mkdirSync(resultsDir, { recursive: true });
  let failed = 0;
  for (const name of modules) {
    const mod = (await import(join(__dirname, `${name}.js`))) as { run?: () => Promise<object> };
    if (typeof mod.run !== 'function') {
      console.log(`bench ${name}: skipped (exports no run())`);
      continue;
    }
    console.log(`bench ${name}: running`);
    const started = Date.now();
    try {
      const result = await mod.run();
      const record = {
        name,
        at: new Date().toISOString(),
        durationMs: Date.now() - started,
        machine: { node: process.version, platform: `${process.platform}-${process.arch}`, cpus: cpus().length, cpuModel: cpus()[0]?.model, memoryGb: Math.round(totalmem() / 2 ** 30) },
        result,
      };
      writeFileSync(join(resultsDir, `${name}.json`), `${JSON.stringify(record, null, 2)}\n`);
      console.log(`bench ${name}: done in ${record.durationMs} ms → bench/results/${name}.json`);
      console.log(JSON.stringify(result, null, 2));
    } catch (error) {
      failed++;
      console.error(`bench ${name}: FAILED: ${(error as Error).stack ?? String(error)}`);
    }
  }
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
