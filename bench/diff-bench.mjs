#!/usr/bin/env node
// Times `cutover diff` between the sample export and the same customer's export a day
// later (about 1% of rows new, changed, deleted or moved), at the given sizes, and
// beside it, in the same run, two references over the same two snapshots: `snapshots
// verify` of both (decrypt and re-hash, no parsing), and a plain read of every row of
// both through the library (decrypt, parse, nothing else). Peak memory is GNU time's max RSS;
// CPU seconds (user + system) are printed beside wall seconds, as a shared machine makes
// wall time wait for a core.
// usage: node bench/diff-bench.mjs [ROWS...]   (default: 1000000); needs `npm run build`
//        DIFF_BENCH_KEEP=1 keeps the projects (their path is printed)
//        node bench/diff-bench.mjs --project DIR   measures a kept project again (its two snapshots)
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dist = new URL('../dist/', import.meta.url).pathname;
const cli = join(dist, 'cli/main.js');
const template = new URL('../sample-project/', import.meta.url).pathname;
const env = { ...process.env, CUTOVER_SNAPSHOT_KEY: 'c0ffee00'.repeat(8) };

if (process.argv[2] === '--read-both') await readBoth(process.argv[3], process.argv[4], process.argv[5]);
else if (process.argv[2] === '--project') measureKept(process.argv[3]);
else main();

function header() {
  if (!existsSync(cli)) throw new Error('Build first: npm run build');
  if (!existsSync('/usr/bin/time')) throw new Error('GNU time is needed: apt-get install time');
  console.log(`node ${process.version}, ${new Date().toISOString()}`);
  console.log('rows        what                                           wall s    CPU s  rows/CPU s   peak MB   ratio (CPU)');
}

/** Measures a project kept by an earlier run: its earlier and later snapshot. */
function measureKept(dir) {
  header();
  const manifests = readdirSync(join(dir, '.cutover', 'snapshots')).map((id) => JSON.parse(readFileSync(join(dir, '.cutover', 'snapshots', id, 'manifest.json'), 'utf8')));
  const [first, second] = manifests.sort((a, b) => (a.collectedAt < b.collectedAt ? -1 : 1));
  const rows = first.tables.reduce((n, t) => n + t.rows, 0);
  measure(dir, rows, first, second);
}

function main() {
  const sizes = process.argv.slice(2).map(Number);
  if (sizes.length === 0) sizes.push(1_000_000);
  header();
  for (const rows of sizes) {
    const dir = mkdtempSync(join(tmpdir(), 'cutover-diff-bench-'));
    try {
      for (const part of ['specs', 'target', 'contract.yaml', 'cutover.yaml']) cpSync(join(template, part), join(dir, part), { recursive: true });
      const exportDir = join(dir, 'export');
      run(['sample', '--out', exportDir, '--rows', String(rows), '--seed', '1']);
      const first = JSON.parse(run(['collect', '--project', dir, '--json']));
      const later = JSON.parse(run(['sample', '--out', exportDir, '--rows', String(rows), '--seed', '1', '--days-later', '1', '--json']));
      const second = JSON.parse(run(['collect', '--project', dir, '--json']));
      rmSync(exportDir, { recursive: true, force: true });
      measure(dir, rows, first, second, String(later.changes));
      if (process.env.DIFF_BENCH_KEEP) console.log(`kept ${dir}`);
    } finally {
      if (!process.env.DIFF_BENCH_KEEP) rmSync(dir, { recursive: true, force: true });
    }
  }
}

/** Times the references and the diff on a project's two snapshots and prints them. */
function measure(dir, rows, first, second, changes) {
  const both = [...first.tables, ...second.tables].reduce((n, t) => n + t.rows, 0);
  const verify = timed(process.execPath, [cli, 'snapshots', 'verify', first.id, '--project', dir]);
  const verify2 = timed(process.execPath, [cli, 'snapshots', 'verify', second.id, '--project', dir]);
  const verifyBoth = { seconds: verify.seconds + verify2.seconds, cpu: verify.cpu + verify2.cpu, peakMb: Math.max(verify.peakMb, verify2.peakMb) };
  const read = timed(process.execPath, [new URL(import.meta.url).pathname, '--read-both', dir, first.id, second.id]);
  // the diff writes an audit event, so it opens the project's store (embedded PostgreSQL): a fixed cost, measured alone
  const store = timed(process.execPath, [cli, 'audit', '--project', dir]);
  const diff = timed(process.execPath, [cli, 'diff', first.id, second.id, '--project', dir, '--json']);
  const found = JSON.parse(diff.stdout).tables.reduce((n, t) => n + t.added + t.changed + t.deleted, 0);
  report(rows, `snapshots verify, both (${both} rows)`, verifyBoth, both);
  report(rows, 'plain read of every row of both', read, both);
  report(rows, 'opening the store alone (cutover audit)', store, both);
  report(rows, `cutover diff (${found}${changes === undefined ? '' : ` of ${changes}`} changes found)`, diff, both, `${(diff.cpu / read.cpu).toFixed(2)} × read, ${(diff.cpu / verifyBoth.cpu).toFixed(2)} × verify, ${((diff.cpu - store.cpu) / read.cpu).toFixed(2)} × read without the store`);
}

function run(args) {
  const out = spawnSync(process.execPath, [cli, ...args], { env, encoding: 'utf8', maxBuffer: 1 << 26 });
  if (out.status !== 0) throw new Error(`cutover ${args.join(' ')} failed (${out.status}):\n${out.stderr}`);
  return out.stdout;
}

function timed(command, args) {
  const out = spawnSync('/usr/bin/time', ['-f', '%e %U %S %M', command, ...args], { env, encoding: 'utf8', maxBuffer: 1 << 28 });
  if (out.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${out.status}):\n${out.stderr}`);
  const [seconds, user, system, kb] = (out.stderr.trim().split('\n').at(-1) ?? '').split(' ').map(Number);
  return { seconds, cpu: user + system, peakMb: kb / 1024, stdout: out.stdout };
}

function report(rows, what, t, n, note = '') {
  console.log(`${String(rows).padEnd(11)} ${what.padEnd(46)} ${t.seconds.toFixed(2).padStart(7)} ${t.cpu.toFixed(2).padStart(8)} ${Math.round(n / t.cpu).toString().padStart(11)} ${t.peakMb.toFixed(0).padStart(9)}   ${note}`);
}

/** Reads every row of every table of both snapshots through the library, and nothing else. */
async function readBoth(dir, ...ids) {
  const { projectLayout } = await import(join(dist, 'store/project-layout.js'));
  const { readSnapshot } = await import(join(dist, 'store/snapshot-store.js'));
  const { snapshotTableSource } = await import(join(dist, 'store/snapshot-table-source.js'));
  const { snapshotKeyFrom } = await import(join(dist, 'store/sealed/index.js'));
  const layout = projectLayout(dir);
  const key = snapshotKeyFrom(env, 'CUTOVER_SNAPSHOT_KEY');
  let rows = 0;
  for (const id of ids) {
    const manifest = await readSnapshot(layout, id);
    for (const table of manifest.tables) {
      for await (const chunk of snapshotTableSource(layout, manifest, table.name, key).rowChunks()) rows += chunk.length;
    }
  }
  console.log(JSON.stringify({ rows }));
}
