#!/usr/bin/env node
// Times `cutover demo` as a whole process at the given sizes and prints wall time and
// peak memory (max RSS, from GNU time). Each size runs twice in the same fresh project:
// first making the sample and snapshot, then again reusing them (collect + run only).
// usage: node bench/demo-bench.mjs [ROWS...]   (default: 10000 1000000)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const sizes = process.argv.slice(2).map(Number);
if (sizes.length === 0) sizes.push(10_000, 1_000_000);
const cli = new URL('../dist/cli/main.js', import.meta.url).pathname;
if (!existsSync(cli)) throw new Error('Build first: npm run build');
if (!existsSync('/usr/bin/time')) throw new Error('GNU time is needed: apt-get install time');

function timed(args) {
  const out = spawnSync('/usr/bin/time', ['-f', '%e %M', process.execPath, cli, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const last = out.stderr.trim().split('\n').at(-1) ?? '';
  const [seconds, kb] = last.split(' ').map(Number);
  if (out.status !== 0) throw new Error(`cutover ${args.join(' ')} failed (${out.status}):\n${out.stderr}`);
  return { seconds, peakMb: kb / 1024, result: JSON.parse(out.stdout) };
}

console.log(`node ${process.version}, ${new Date().toISOString()}`);
console.log('rows       phase                      wall s   peak MB   source rows   rows/s   books');
for (const rows of sizes) {
  const dir = mkdtempSync(join(tmpdir(), 'cutover-bench-'));
  try {
    for (const phase of ['new project (sample+collect+run)', 'again (collect reused + run)']) {
      const { seconds, peakMb, result } = timed(['demo', '--project', dir, '--rows', String(rows), '--json']);
      const source = result.entities.reduce((sum, e) => sum + e.source, 0);
      const balanced = result.entities.every((e) => e.balanced) && result.money.every((m) => m.balanced);
      console.log(
        `${String(rows).padEnd(10)} ${phase.padEnd(26)} ${seconds.toFixed(1).padStart(6)} ${peakMb.toFixed(0).padStart(9)} ${String(source).padStart(13)} ${Math.round(source / seconds).toString().padStart(8)}   ${balanced ? 'balanced' : 'NOT BALANCED'}`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
