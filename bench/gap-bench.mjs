#!/usr/bin/env node
// Times `cutover gap` at the given sizes: the sample loaded in full into a test
// environment on the PostgreSQL server, then about 1% of its rows changed (edited,
// added, deleted) in the export, collected again, and carried over by a gap. Prints the
// gap's wall time, the rows of the later snapshot it accounts for per second, the
// changes per second and peak memory (GNU time's max RSS), and beside it a plain
// `snapshots verify` of the later snapshot (one read of it) in the same run.
// usage: node bench/gap-bench.mjs [ROWS...]   (default: 1000000)
//        PG_URL=postgres://postgres@127.0.0.1:5432/test (the default; the bench loads a database
//        of its own beside it, cutover_gap_bench, made afresh); BENCH_KEEP=1 leaves the project and
//        the database behind
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const cli = new URL('../dist/cli/main.js', import.meta.url).pathname;
const serverUrl = process.env.PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const pgUrl = serverUrl.replace(/\/[^/]*$/, '/cutover_gap_bench');
const env = { ...process.env, CUTOVER_SNAPSHOT_KEY: 'c0ffee00'.repeat(8) };

/** A value a later export may give each of these columns, valid by the sample spec. */
const editable = { Notes: 'called back', Trade: 'Roofer', Town: 'Leeds', Rent: '999.00', Balance: '12.34', Time: '09:15' };

const sizes = process.argv.slice(2).map(Number);
if (sizes.length === 0) sizes.push(1_000_000);
if (!existsSync(cli)) throw new Error('Build first: npm run build');
if (!existsSync('/usr/bin/time')) throw new Error('GNU time is needed: apt-get install time');
console.log(`node ${process.version}, ${new Date().toISOString()}, PostgreSQL at ${pgUrl.replace(/\/\/[^@]*@/, '//')}`);
console.log('rows       what                                        wall s     rows/s  changes/s   peak MB   cpu s (user+sys)');
for (const rows of sizes) {
  spawnSync('psql', [serverUrl, '-qc', 'DROP DATABASE IF EXISTS cutover_gap_bench WITH (FORCE)']);
  spawnSync('psql', [serverUrl, '-qc', 'CREATE DATABASE cutover_gap_bench']);
  const dir = mkdtempSync(join(tmpdir(), 'cutover-gap-bench-'));
  try {
    run(['demo', '--project', dir, '--rows', String(rows), '--json']);
    const full = timed([cli, 'run', '--project', dir, '--env', 'test', '--fresh', '--target', pgUrl, '--json']);
    const loaded = JSON.parse(full.stdout).entities.reduce((n, e) => n + e.source, 0);
    console.log(`${String(rows).padEnd(10)} ${'cutover run (the full load, for comparison)'.padEnd(43)} ${full.seconds.toFixed(2).padStart(7)} ${Math.round(loaded / full.seconds).toString().padStart(10)} ${''.padStart(10)} ${full.peakMb.toFixed(0).padStart(9)} ${full.cpuSeconds.toFixed(2).padStart(9)}`);
    const changed = changeOnePercent(join(dir, 'export'));
    run(['collect', '--project', dir, '--json']);
    const read = timed([cli, 'snapshots', 'verify', '--project', dir, '--json']);
    const gap = timed([cli, 'gap', '--project', dir, '--env', 'test', '--target', pgUrl, '--json']);
    const result = JSON.parse(gap.stdout);
    const later = result.entities.reduce((n, e) => n + e.source, 0);
    const changes = result.gap.reduce((n, b) => n + b.added + b.changed + b.removedAtSource, 0);
    const balanced = result.status === 'succeeded' && result.gap.every((b) => b.balanced) ? 'books balanced' : 'NOT BALANCED';
    console.log(`${String(rows).padEnd(10)} ${`cutover gap (${changes} changes of ${changed} edits)`.padEnd(43)} ${gap.seconds.toFixed(2).padStart(7)} ${Math.round(later / gap.seconds).toString().padStart(10)} ${Math.round(changes / gap.seconds).toString().padStart(10)} ${gap.peakMb.toFixed(0).padStart(9)} ${gap.cpuSeconds.toFixed(2).padStart(9)}   ${balanced}`);
    console.log(`${String(rows).padEnd(10)} ${'snapshots verify (every snapshot read once)'.padEnd(43)} ${read.seconds.toFixed(2).padStart(7)} ${''.padStart(10)} ${''.padStart(10)} ${read.peakMb.toFixed(0).padStart(9)} ${read.cpuSeconds.toFixed(2).padStart(9)}`);
  } catch (error) {
    // the project and its database are left for a look when asked
    if (process.env.BENCH_KEEP) console.error(`kept for a look: ${dir} and cutover_gap_bench`);
    throw error;
  } finally {
    if (!process.env.BENCH_KEEP) {
      rmSync(dir, { recursive: true, force: true });
      spawnSync('psql', [serverUrl, '-qc', 'DROP DATABASE IF EXISTS cutover_gap_bench WITH (FORCE)']);
    }
  }
}

/** About 1% of the plain records of each file: most edited in their last column, some deleted, as many again added. */
function changeOnePercent(exportDir) {
  let edits = 0;
  for (const name of readdirSync(exportDir).filter((f) => f.endsWith('.csv'))) {
    const path = join(exportDir, name);
    const lines = readFileSync(path, 'latin1').split('\n');
    const end = lines.at(-1) === '' ? lines.pop() : undefined;
    const delimiter = lines[0].includes(';') ? ';' : ',';
    const width = lines[0].split(delimiter).length;
    const plain = (i) => !lines[i].includes('"') && lines[i].replace(/\r$/, '').split(delimiter).length === width && lines[i].split(delimiter)[0].trim() !== '';
    const added = [];
    for (let i = lines.length - 1; i > 0; i--) {
      if (i % 100 !== 7 || !plain(i) || name === 'person_roles.csv') continue;
      const cells = lines[i].replace(/\r$/, '').split(delimiter);
      const cr = lines[i].endsWith('\r') ? '\r' : '';
      if (i % 1000 === 107) lines.splice(i, 1);
      else if (i % 1000 === 207) added.push([`${cells[0]}N`, ...cells.slice(1)].join(delimiter) + cr);
      else {
        const column = lines[0].replace(/^\u00ef\u00bb\u00bf/, '').replace(/\r$/, '').split(delimiter).findIndex((c) => c in editable);
        if (column < 0) continue;
        cells[column] = editable[lines[0].replace(/^\u00ef\u00bb\u00bf/, '').replace(/\r$/, '').split(delimiter)[column]];
        lines[i] = cells.join(delimiter) + cr;
      }
      edits++;
    }
    writeFileSync(path, [...lines, ...added].join('\n') + (end === undefined ? '' : '\n'), 'latin1');
  }
  return edits;
}

function run(args) {
  const out = spawnSync(process.execPath, [cli, ...args], { env, encoding: 'utf8', maxBuffer: 1 << 28 });
  if (out.status !== 0) throw new Error(`cutover ${args.join(' ')} failed (${out.status}):\n${out.stderr}`);
  return out.stdout;
}

function timed(args) {
  const out = spawnSync('/usr/bin/time', ['-f', '%e %M %U %S', process.execPath, ...args], { env, encoding: 'utf8', maxBuffer: 1 << 28 });
  if (out.status !== 0) throw new Error(`cutover ${args.join(' ')} failed (${out.status}):\n${out.stderr}\n${out.stdout.slice(0, 4000)}`);
  const [seconds, kb, user, sys] = (out.stderr.trim().split('\n').at(-1) ?? '').split(' ').map(Number);
  return { seconds, peakMb: kb / 1024, cpuSeconds: user + sys, stdout: out.stdout };
}
