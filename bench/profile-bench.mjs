#!/usr/bin/env node
// Profile benchmark, at each size given: `cutover profile` of the sample's snapshot, timed
// as a whole process; the profile pass alone in a process of its own (no project store, so
// the embedded database's memory does not hide the profiler's); and, as the reference,
// reading the same snapshot without profiling (`snapshots verify` decrypts and re-hashes
// every table). Peak memory is the process's maximum resident set (GNU time).
// usage: node bench/profile-bench.mjs [ROWS...]   (default: 100000 1000000); needs npm run build
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dist = new URL('../dist/', import.meta.url).pathname;
const cli = join(dist, 'cli/main.js');
const template = new URL('../sample-project/', import.meta.url).pathname;
if (!existsSync(cli)) throw new Error('Build first: npm run build');
if (!existsSync('/usr/bin/time')) throw new Error('GNU time is needed: apt-get install time');
const sizes = process.argv.slice(2).map(Number);
if (sizes.length === 0) sizes.push(100_000, 1_000_000);
const env = { ...process.env, CUTOVER_SNAPSHOT_KEY: 'c0ffee00'.repeat(8) };

// the profile pass as `cutover profile` runs it, minus the project store and the page
const profileOnly = `
const { profileSnapshot } = await import(${JSON.stringify(join(dist, 'pipeline/profile.js'))});
const { projectLayout } = await import(${JSON.stringify(join(dist, 'store/project-layout.js'))});
const { readSnapshot } = await import(${JSON.stringify(join(dist, 'store/snapshot-store.js'))});
const { snapshotKeyFrom } = await import(${JSON.stringify(join(dist, 'store/sealed/index.js'))});
const layout = projectLayout(process.argv[1]);
await profileSnapshot(layout, await readSnapshot(layout, 'latest'), snapshotKeyFrom(process.env, 'CUTOVER_SNAPSHOT_KEY'));
`;

function timed(args) {
  const out = spawnSync('/usr/bin/time', ['-f', '%e %M', process.execPath, ...args], { encoding: 'utf8', env, maxBuffer: 1 << 28 });
  if (out.status !== 0) throw new Error(`node ${args.join(' ')} failed:\n${out.stderr}`);
  const [seconds, kb] = out.stderr.trim().split('\n').at(-1).split(' ').map(Number);
  return { seconds, peakMb: kb / 1024, stdout: out.stdout };
}

console.log(`node ${process.version}, ${new Date().toISOString()}`);
console.log('rows       what                           wall s    rows/s   peak MB');
for (const size of sizes) {
  const dir = mkdtempSync(join(tmpdir(), 'cutover-profile-bench-'));
  try {
    for (const part of ['cutover.yaml', 'specs', 'target']) cpSync(join(template, part), join(dir, part), { recursive: true });
    timed([cli, 'sample', '--out', join(dir, 'export'), '--rows', String(size)]);
    const collected = JSON.parse(timed([cli, 'collect', '--project', dir, '--json']).stdout);
    const rows = collected.tables.reduce((n, t) => n + t.rows, 0);
    const runs = [
      ['snapshots verify (read only)', [cli, 'snapshots', 'verify', '--project', dir]],
      ['profile pass, no store', ['--input-type=module', '-e', profileOnly, dir]],
      ['cutover profile', [cli, 'profile', '--project', dir, '--json']],
    ];
    for (const [what, args] of runs) {
      const t = timed(args);
      console.log(`${String(rows).padEnd(10)} ${what.padEnd(30)} ${t.seconds.toFixed(2).padStart(6)} ${Math.round(rows / t.seconds).toString().padStart(9)} ${t.peakMb.toFixed(0).padStart(9)}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
