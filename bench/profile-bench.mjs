#!/usr/bin/env node
// Profile benchmark: `cutover profile` of the sample's snapshot, timed as a whole process,
// beside reading the same snapshot without profiling (`snapshots verify` decrypts and
// re-hashes every table), at each size given.
// usage: node bench/profile-bench.mjs [ROWS...]   (default: 100000 1000000); needs npm run build
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const cli = new URL('../dist/cli/main.js', import.meta.url).pathname;
if (!existsSync(cli)) throw new Error('Build first: npm run build');
if (!existsSync('/usr/bin/time')) throw new Error('GNU time is needed: apt-get install time');
const sizes = process.argv.slice(2).map(Number);
if (sizes.length === 0) sizes.push(100_000, 1_000_000);
const env = { ...process.env, CUTOVER_SNAPSHOT_KEY: 'c0ffee00'.repeat(8) };

function timed(args) {
  const out = spawnSync('/usr/bin/time', ['-f', '%e %M', process.execPath, cli, ...args], { encoding: 'utf8', env, maxBuffer: 1 << 26 });
  if (out.status !== 0) throw new Error(`cutover ${args.join(' ')} failed:\n${out.stderr}`);
  const [seconds, kb] = out.stderr.trim().split('\n').at(-1).split(' ').map(Number);
  return { seconds, peakMb: kb / 1024, stdout: out.stdout };
}

console.log(`node ${process.version}, ${new Date().toISOString()}`);
console.log('rows       what                           wall s    rows/s   peak MB');
for (const size of sizes) {
  const dir = mkdtempSync(join(tmpdir(), 'cutover-profile-bench-'));
  try {
    const demo = timed(['demo', '--project', dir, '--rows', String(size), '--json']);
    const rows = JSON.parse(demo.stdout).entities.reduce((n, e) => n + e.source, 0);
    for (const [what, args] of [['snapshots verify (read only)', ['snapshots', 'verify', '--project', dir]], ['cutover profile', ['profile', '--project', dir, '--json']]]) {
      const t = timed(args);
      console.log(`${String(rows).padEnd(10)} ${what.padEnd(30)} ${t.seconds.toFixed(2).padStart(6)} ${Math.round(rows / t.seconds).toString().padStart(9)} ${t.peakMb.toFixed(0).padStart(9)}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
