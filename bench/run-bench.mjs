#!/usr/bin/env node
// Times `cutover run` snapshot-to-target at the given sizes, into the embedded database
// (PGlite) and into the PostgreSQL server, and beside each, in the same run, the
// database's own COPY of the same rows already mapped (taken from the run's target):
// the ratio between the two is the figure. Peak memory is GNU time's max RSS.
// usage: node bench/run-bench.mjs [ROWS...]   (default: 100000 1000000)
//        PG_URL=postgres://postgres@127.0.0.1:5432/test (the default)
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchKey, dumpMappedRows, lineCount, needBuildAndTime, prepareServerCopy, sampleTables as tables, timed as timedWith } from './bench-kit.mjs';

const cli = new URL('../dist/cli/main.js', import.meta.url).pathname;
const tasks = new URL('./reference-tasks.mjs', import.meta.url).pathname;
const pgUrl = process.env.PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const env = { ...process.env, CUTOVER_SNAPSHOT_KEY: benchKey };
const timed = (command, args) => timedWith(command, args, { env });

await main();

async function main() {
  const sizes = process.argv.slice(2).map(Number);
  if (sizes.length === 0) sizes.push(100_000, 1_000_000);
  needBuildAndTime(cli);
  console.log(`node ${process.version}, ${new Date().toISOString()}, PostgreSQL at ${pgUrl.replace(/\/\/[^@]*@/, '//')}`);
  console.log('rows       target      what                                   wall s    rows/s   peak MB   ratio');
  for (const rows of sizes) {
    const dir = mkdtempSync(join(tmpdir(), 'cutover-run-bench-'));
    try {
      run(['demo', '--project', dir, '--rows', String(rows), '--json']);
      const dumps = join(dir, 'mapped');
      mkdirSync(dumps);
      await dumpMappedRows(join(dir, '.cutover', 'db'), 'env_test', dumps);
      const mapped = tables.reduce((n, t) => n + lineCount(join(dumps, `${t}.copy`)), 0);

      const embedded = timed(process.execPath, [cli, 'run', '--project', dir, '--env', 'test', '--fresh', '--json']);
      const source = JSON.parse(embedded.stdout).entities.reduce((n, e) => n + e.source, 0);
      const books = (t) => {
        const r = JSON.parse(t.stdout);
        return r.run.status === 'succeeded' && r.entities.every((e) => e.balanced) && r.money.every((m) => m.balanced) ? 'books balanced' : 'NOT BALANCED';
      };
      const rawPglite = timed(process.execPath, [tasks, 'copy-into-pglite', join(dir, 'raw-pglite'), join(dir, 'target', 'schema.sql'), dumps]);
      rawPglite.seconds = JSON.parse(rawPglite.stdout).copySeconds; // the COPY alone, not making the database
      report(rows, 'PGlite', `cutover run (${source} source rows)`, embedded, source, books(embedded));
      report(rows, 'PGlite', `PGlite COPY of the ${mapped} mapped rows`, rawPglite, mapped);
      console.log(`${''.padEnd(10)} ${'PGlite'.padEnd(11)} ratio, rows/s end to end / raw COPY ${''.padEnd(34)}${(source / embedded.seconds / (mapped / rawPglite.seconds)).toFixed(2)}`);

      const server = timed(process.execPath, [cli, 'run', '--project', dir, '--env', 'test', '--fresh', '--target', pgUrl, '--json']);
      const rawServer = timed('psql', [pgUrl, '-qv', 'ON_ERROR_STOP=1', '-f', prepareServerCopy(pgUrl, join(dir, 'target', 'schema.sql'), dumps, join(dir, 'copy.sql'))]);
      report(rows, 'PostgreSQL', `cutover run (${source} source rows)`, server, source, books(server));
      report(rows, 'PostgreSQL', `psql \\copy of the ${mapped} mapped rows`, rawServer, mapped);
      console.log(`${''.padEnd(10)} ${'PostgreSQL'.padEnd(11)} ratio, rows/s end to end / raw COPY ${''.padEnd(34)}${(source / server.seconds / (mapped / rawServer.seconds)).toFixed(2)}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
      spawnSync('psql', [pgUrl, '-qc', 'DROP SCHEMA IF EXISTS bench_copy CASCADE; DROP SCHEMA IF EXISTS env_test CASCADE; DROP SCHEMA IF EXISTS cutover_env_test CASCADE']);
    }
  }
}

function run(args) {
  const out = spawnSync(process.execPath, [cli, ...args], { env, encoding: 'utf8', maxBuffer: 1 << 26 });
  if (out.status !== 0) throw new Error(`cutover ${args.join(' ')} failed (${out.status}):\n${out.stderr}`);
  return out.stdout;
}

function report(rows, target, what, t, n, note = '') {
  console.log(
    `${String(rows).padEnd(10)} ${target.padEnd(11)} ${what.padEnd(38)} ${t.seconds.toFixed(2).padStart(6)} ${Math.round(n / t.seconds).toString().padStart(9)} ${t.peakMb.toFixed(0).padStart(9)}   ${note}`,
  );
}
