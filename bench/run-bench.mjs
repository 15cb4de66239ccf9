#!/usr/bin/env node
// Times `cutover run` snapshot-to-target at the given sizes, into the embedded database
// (PGlite) and into the PostgreSQL server, and beside each, in the same run, the
// database's own COPY of the same rows already mapped (taken from the run's target):
// the ratio between the two is the figure. Peak memory is GNU time's max RSS. CPU seconds
// are user+sys of the process (both threads of a run), plus, into the server, the CPU its
// backends spent on the connection (sampled from /proc by application_name), since there
// the database's work is done outside the process.
// usage: node bench/run-bench.mjs [ROWS...]   (default: 100000 1000000)
//        PG_URL=postgres://postgres@127.0.0.1:5432/test (the default)
//        BENCH_PROJECT=DIR: time the runs on a demo project made already (of one size) instead of making one
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const tables = ['person', 'person_role', 'supplier', 'property', 'tenancy', 'diary_entry', 'opening_balance'];
const cli = new URL('../dist/cli/main.js', import.meta.url).pathname;
const pgUrl = process.env.PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const env = { ...process.env, CUTOVER_SNAPSHOT_KEY: 'c0ffee00'.repeat(8) };

if (process.argv[2] === '--copy-into-pglite') await copyIntoPglite(process.argv[3], process.argv[4]);
else await main();

async function main() {
  const sizes = process.argv.slice(2).map(Number);
  if (sizes.length === 0) sizes.push(100_000, 1_000_000);
  if (!existsSync(cli)) throw new Error('Build first: npm run build');
  if (!existsSync('/usr/bin/time')) throw new Error('GNU time is needed: apt-get install time');
  console.log(`node ${process.version}, ${new Date().toISOString()}, PostgreSQL at ${pgUrl.replace(/\/\/[^@]*@/, '//')}`);
  console.log('rows       target      what                                   wall s    rows/s   peak MB   CPU s (client + server)   ratio');
  for (const rows of sizes) {
    const given = process.env.BENCH_PROJECT;
    const dir = given ?? mkdtempSync(join(tmpdir(), 'cutover-run-bench-'));
    try {
      if (given === undefined) run(['demo', '--project', dir, '--rows', String(rows), '--json']);
      const dumps = join(dir, 'mapped');
      rmSync(dumps, { recursive: true, force: true });
      mkdirSync(dumps);
      await dumpMappedRows(dir, dumps);
      const mapped = tables.reduce((n, t) => n + lineCount(join(dumps, `${t}.copy`)), 0);

      const embedded = await timed(process.execPath, [cli, 'run', '--project', dir, '--env', 'test', '--fresh', '--json']);
      const source = JSON.parse(embedded.stdout).entities.reduce((n, e) => n + e.source, 0);
      const books = (t) => {
        const r = JSON.parse(t.stdout);
        return r.run.status === 'succeeded' && r.entities.every((e) => e.balanced) && r.money.every((m) => m.balanced) ? 'books balanced' : 'NOT BALANCED';
      };
      const rawPglite = await timed(process.execPath, [new URL(import.meta.url).pathname, '--copy-into-pglite', dir, dumps]);
      // the COPY alone, not making the database
      ({ copySeconds: rawPglite.seconds, cpu: rawPglite.cpu } = JSON.parse(rawPglite.stdout));
      report(rows, 'PGlite', `cutover run (${source} source rows)`, embedded, source, books(embedded));
      report(rows, 'PGlite', `PGlite COPY of the ${mapped} mapped rows`, rawPglite, mapped);
      ratios('PGlite', source, embedded, mapped, rawPglite);

      // a run names its connection after itself (its claim on the environment)
      const server = await timed(process.execPath, [cli, 'run', '--project', dir, '--env', 'test', '--fresh', '--target', pgUrl, '--json'], 'cutover run --env test by %');
      const rawServer = await timed('bash', ['-c', prepareServerCopy(dir, dumps)], 'bench_copy', { PGAPPNAME: 'bench_copy' });
      report(rows, 'PostgreSQL', `cutover run (${source} source rows)`, server, source, books(server));
      report(rows, 'PostgreSQL', `psql \\copy of the ${mapped} mapped rows`, rawServer, mapped);
      ratios('PostgreSQL', source, server, mapped, rawServer);
    } finally {
      if (given === undefined) rmSync(dir, { recursive: true, force: true });
      spawnSync('psql', [pgUrl, '-qc', 'DROP SCHEMA IF EXISTS bench_copy CASCADE; DROP SCHEMA IF EXISTS env_test CASCADE; DROP SCHEMA IF EXISTS cutover_env_test CASCADE']);
    }
  }
}

function run(args) {
  const out = spawnSync(process.execPath, [cli, ...args], { env, encoding: 'utf8', maxBuffer: 1 << 26 });
  if (out.status !== 0) throw new Error(`cutover ${args.join(' ')} failed (${out.status}):\n${out.stderr}`);
  return out.stdout;
}

/** Runs a command under GNU time; with `appName` (a LIKE pattern), also adds up the CPU of the server backends serving that application name. */
async function timed(command, args, appName, extraEnv = {}) {
  const server = appName === undefined ? undefined : serverCpu(appName);
  const child = spawn('/usr/bin/time', ['-f', '%e %M %U %S', command, ...args], { env: { ...env, ...extraEnv } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const status = await new Promise((resolve) => child.on('close', resolve));
  const serverSeconds = await server?.stop();
  if (status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${status}):\n${stderr}`);
  const [seconds, kb, user, sys] = (stderr.trim().split('\n').at(-1) ?? '').split(' ').map(Number);
  return { seconds, peakMb: kb / 1024, cpu: user + sys, serverCpu: serverSeconds ?? 0, stdout };
}

/** Samples, four times a second, the CPU seconds of the server backends whose application_name is like `appName`; `stop` gives their sum. */
function serverCpu(appName) {
  const seen = new Map();
  const tick = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout) || 100;
  const sample = () => {
    const out = spawnSync('psql', [pgUrl, '-XAtc', `SELECT pid FROM pg_stat_activity WHERE application_name LIKE '${appName}' AND datname = current_database()`], { encoding: 'utf8' });
    for (const pid of out.stdout.split('\n').filter(Boolean)) {
      try {
        const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
        seen.set(pid, (Number(fields[11]) + Number(fields[12])) / tick);
      } catch {}
    }
  };
  const timer = setInterval(sample, 250);
  return { stop: async () => (clearInterval(timer), [...seen.values()].reduce((a, b) => a + b, 0)) };
}

function report(rows, target, what, t, n, note = '') {
  const cpu = `${t.cpu.toFixed(1)}${t.serverCpu > 0 ? ` + ${t.serverCpu.toFixed(1)}` : ''}`;
  console.log(
    `${String(rows).padEnd(10)} ${target.padEnd(11)} ${what.padEnd(38)} ${t.seconds.toFixed(2).padStart(6)} ${Math.round(n / t.seconds).toString().padStart(9)} ${t.peakMb.toFixed(0).padStart(9)}   ${cpu.padEnd(24)}  ${note}`,
  );
}

/** The figures: rows/s end to end over the raw COPY's, and the CPU per row the same way (above 1: fewer CPU seconds per row than the reference). */
function ratios(target, source, run, mapped, raw) {
  const speed = source / run.seconds / (mapped / raw.seconds);
  const cpu = source / (run.cpu + run.serverCpu) / (mapped / (raw.cpu + raw.serverCpu));
  console.log(`${''.padEnd(10)} ${target.padEnd(11)} ratio, rows/s end to end / raw COPY: ${speed.toFixed(2)}; rows per CPU second / raw COPY's: ${cpu.toFixed(2)}`);
}

function lineCount(path) {
  const text = readFileSync(path, 'utf8');
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** The target rows of the demo's run, in COPY text, one file per table. */
async function dumpMappedRows(dir, out) {
  const { PGlite } = await import('@electric-sql/pglite');
  const db = await PGlite.create({ dataDir: join(dir, '.cutover', 'db') });
  for (const t of tables) {
    const result = await db.query(`COPY env_test.${t} TO '/dev/blob'`);
    writeFileSync(join(out, `${t}.copy`), Buffer.from(await result.blob.arrayBuffer()));
  }
  await db.close();
}

/** Raw COPY into a new on-disk PGlite with the same tables, in blobs of 5,000 rows; prints the seconds the COPY took. */
async function copyIntoPglite(dir, dumps) {
  const { PGlite } = await import('@electric-sql/pglite');
  const dataDir = join(dir, 'raw-pglite');
  rmSync(dataDir, { recursive: true, force: true });
  const db = await PGlite.create({ dataDir });
  await db.exec(`CREATE SCHEMA bench_copy; SET search_path TO bench_copy;\n${readFileSync(join(dir, 'target', 'schema.sql'), 'utf8')}`);
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  for (const t of tables) {
    const lines = readFileSync(join(dumps, `${t}.copy`), 'utf8').split('\n');
    lines.pop();
    for (let i = 0; i < lines.length; i += 5000) {
      await db.query(`COPY bench_copy.${t} FROM '/dev/blob'`, [], { blob: new Blob([`${lines.slice(i, i + 5000).join('\n')}\n`]) });
    }
  }
  const copySeconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  await db.close();
  console.log(JSON.stringify({ copySeconds, cpu: (cpu.user + cpu.system) / 1e6 }));
}

/** Makes a fresh schema with the same tables on the server and returns the psql command that \copy's every table into it. */
function prepareServerCopy(dir, dumps) {
  const schema = join(dir, 'target', 'schema.sql');
  const setup = `psql ${pgUrl} -qv ON_ERROR_STOP=1 -c 'DROP SCHEMA IF EXISTS bench_copy CASCADE; CREATE SCHEMA bench_copy' && PGOPTIONS=-csearch_path=bench_copy psql ${pgUrl} -qv ON_ERROR_STOP=1 -f ${schema}`;
  const copies = tables.map((t) => `\\copy bench_copy.${t} FROM '${join(dumps, `${t}.copy`)}'`).join('\n');
  writeFileSync(join(dir, 'copy.sql'), `${copies}\n`);
  spawnSync('bash', ['-c', setup], { stdio: 'inherit' });
  return `psql ${pgUrl} -qv ON_ERROR_STOP=1 -f ${join(dir, 'copy.sql')}`;
}
