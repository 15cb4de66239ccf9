#!/usr/bin/env node
// Times `cutover reconcile` as a whole process on the sample project at the given sizes
// and prints wall time and peak memory (max RSS, from GNU time), beside a reference
// measured in the same project: `snapshots verify`, which only decrypts and re-hashes
// the snapshot that reconcile reads once more. The project is made first (demo, untimed).
// usage: node bench/reconcile-bench.mjs [ROWS...]   (default: 100000 1000000)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const sizes = process.argv.slice(2).map(Number);
if (sizes.length === 0) sizes.push(100_000, 1_000_000);
const cli = new URL('../dist/cli/main.js', import.meta.url).pathname;
if (!existsSync(cli)) throw new Error('Build first: npm run build');
if (!existsSync('/usr/bin/time')) throw new Error('GNU time is needed: apt-get install time');
const env = { ...process.env, CUTOVER_SNAPSHOT_KEY: process.env.CUTOVER_SNAPSHOT_KEY ?? 'c0ffee00'.repeat(8) };

function timed(args, okCodes = [0]) {
  const out = spawnSync('/usr/bin/time', ['-f', '%e %M', process.execPath, cli, ...args], { encoding: 'utf8', maxBuffer: 1 << 28, env });
  const last = out.stderr.trim().split('\n').at(-1) ?? '';
  const [seconds, kb] = last.split(' ').map(Number);
  if (!okCodes.includes(out.status)) throw new Error(`cutover ${args.join(' ')} failed (${out.status}):\n${out.stderr}`);
  return { seconds, peakMb: kb / 1024, stdout: out.stdout };
}

console.log(`node ${process.version}, ${new Date().toISOString()}`);
console.log('rows       step                     wall s   peak MB   source rows   rows/s   result');
for (const rows of sizes) {
  const dir = mkdtempSync(join(tmpdir(), 'cutover-reconcile-bench-'));
  try {
    const demo = timed(['demo', '--project', dir, '--rows', String(rows), '--json']);
    const source = JSON.parse(demo.stdout).entities.reduce((sum, e) => sum + e.source, 0);
    const line = (step, t, result) =>
      console.log(`${String(rows).padEnd(10)} ${step.padEnd(22)} ${t.seconds.toFixed(1).padStart(6)} ${t.peakMb.toFixed(0).padStart(9)} ${String(source).padStart(13)} ${Math.round(source / t.seconds).toString().padStart(8)}   ${result}`);
    line('demo (setup)', demo, 'loaded');
    const verify = timed(['snapshots', 'verify', '--project', dir, '--json']);
    line('snapshots verify (ref)', verify, 'read and re-hashed');
    const reconcile = timed(['reconcile', '--project', dir, '--json'], [0, 1]);
    const r = JSON.parse(reconcile.stdout);
    line('reconcile', reconcile, `${r.counts.length} counts, ${r.money.length} totals, ${r.unexplained} unexplained`);
    console.log(`${''.padEnd(10)} reconcile / verify: ${(reconcile.seconds / verify.seconds).toFixed(1)}x the time`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
