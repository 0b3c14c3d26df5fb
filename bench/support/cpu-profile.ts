/**
 * Summarises V8 `.cpuprofile` files (from `node --cpu-prof`): self time per function and per
 * package, heaviest first, without idle time:
 * `node dist/bench/support/cpu-profile.js <dir-or-files…> [--top N] [--skip-ms <start-up to leave out>]`.
 * Used to find where a request's time goes before changing anything (docs/performance.md).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** Where a frame belongs: the npm package, our own source folder, or a Node internal. */
export function ownerOf(url: string): string {
  if (!url) return '(native)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  if (url.startsWith('node:')) return url;
  const own = /\/dist\/((?:libs|services)\/[^/]+)/.exec(url);
  return own ? own[1]! : url;
}

/** Self time per frame, skipping the first `skipMs` (start-up) and the idle and GC pseudo-frames if asked. */
export function summarise(profile: CpuProfile, top = 25, skipMs = 0) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  let at = 0;
  profile.samples.forEach((id, i) => {
    at += profile.timeDeltas[i] ?? 0;
    if (at < skipMs * 1000 || byId.get(id)!.callFrame.functionName === '(idle)') return;
    selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  const total = [...selfUs.values()].reduce((a, b) => a + b, 0);
  const functions = new Map<string, number>();
  const owners = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const { callFrame } = byId.get(id)!;
    const name = `${callFrame.functionName || '(anonymous)'} ${ownerOf(callFrame.url)}:${callFrame.lineNumber + 1}`;
    functions.set(name, (functions.get(name) ?? 0) + us);
    const owner = ownerOf(callFrame.url);
    owners.set(owner, (owners.get(owner) ?? 0) + us);
  }
  const entry = profile.nodes.map((n) => /\/dist\/(services\/[^/]+\/src\/[a-z]+\.js)$/.exec(n.callFrame.url)?.[1]).find(Boolean) ?? 'unknown entry';
  const pct = (us: number) => `${((us / total) * 100).toFixed(1)}%`;
  const sorted = (m: Map<string, number>) => [...m.entries()].sort((a, b) => b[1] - a[1]).slice(0, top).map(([k, v]) => `${pct(v).padStart(6)}  ${k}`);
  return { entry, totalMs: Math.round(total / 1000), owners: sorted(owners), functions: sorted(functions) };
}

function main(): void {
  const args = process.argv.slice(2);
  const option = (name: string, fallback: number) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback);
  const top = option('--top', 25);
  const skipMs = option('--skip-ms', 0);
  const inputs = args.filter((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--'));
  const files = inputs.flatMap((p) => (statSync(p).isDirectory() ? readdirSync(p).filter((f) => f.endsWith('.cpuprofile')).map((f) => join(p, f)) : [p]));
  for (const file of files) {
    const summary = summarise(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile, top, skipMs);
    console.log(`\n=== ${summary.entry}: ${file} (${summary.totalMs} ms sampled)\n-- by package --\n${summary.owners.join('\n')}\n-- by function --\n${summary.functions.join('\n')}`);
  }
}

if (require.main === module) main();
