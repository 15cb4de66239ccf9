#!/usr/bin/env node
// Cutover beside the references, on the same data, in the same run: every step of the
// sample project at the size given, repeated (the steps interleaved with their references),
// then one table of medians and ratios. Times are wall seconds with CPU seconds (user +
// system of the process and its children; a server's own CPU is not counted) beside them.
// usage: node bench/compare.mjs ROWS [--repeat N] [--cli PATH/TO/dist/cli/main.js] [--pg URL]
//   --repeat  how many times each step runs (default 3)
//   --cli     another build of Cutover to measure (default: this checkout's dist)
//   --work    keep the sample project in this folder, and reuse what an earlier run left there
//   --pg      the server database to load (default postgres://postgres@127.0.0.1:5432/cutover_compare,
//             made when missing so other work in `test` is not disturbed)
// needs: npm run build, GNU time, psql; pgloader is measured when installed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  benchKey, copySampleProject, folderBytes, lineCount, median, needBuildAndTime, prepareServerCopy, sampleTables, timed,
} from './bench-kit.mjs';

const { values: opts, positionals } = parseArgs({
  allowPositionals: true,
  options: { repeat: { type: 'string', default: '3' }, cli: { type: 'string' }, pg: { type: 'string' }, work: { type: 'string' } },
});
const size = Number(positionals[0]?.replaceAll('_', ''));
if (!Number.isInteger(size) || size < 1) throw new Error('usage: node bench/compare.mjs ROWS [--repeat N] [--cli dist/cli/main.js] [--pg URL]');
const repeat = Number(opts.repeat);
const repoRoot = new URL('..', import.meta.url).pathname;
const cli = resolve(opts.cli ?? join(repoRoot, 'dist/cli/main.js'));
const pgUrl = opts.pg ?? 'postgres://postgres@127.0.0.1:5432/cutover_compare';
const pgloader = ['/usr/bin/pgloader', '/usr/local/bin/pgloader'].find((p) => existsSync(p));
const tasks = join(repoRoot, 'bench/reference-tasks.mjs');
const env = { ...process.env, CUTOVER_SNAPSHOT_KEY: benchKey };
needBuildAndTime(cli);
ensureServerDatabase(pgUrl);

const cutover = (args, ok) => timed(process.execPath, [cli, ...args], { env, ok });
const node = (args) => timed(process.execPath, args, { env });
const psql = (args) => timed('psql', [pgUrl, '-qX', '-v', 'ON_ERROR_STOP=1', ...args], { env });
const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');

console.log(`node ${process.version}, ${cpus().length} cores, ${new Date().toISOString()}, ${size.toLocaleString('en-GB')} sample rows, ${repeat} repeats`);
console.log(`Cutover: ${cli}; server: ${pgUrl.replace(/\/\/[^@]*@/, '//')}; load average at start ${load()}`);

const work = opts.work ? resolve(opts.work) : mkdtempSync(join(tmpdir(), 'cutover-compare-'));
mkdirSync(work, { recursive: true });
/** every measurement by name, one entry per repeat */
const m = {};
const keep = (name, t) => (m[name] ??= []).push(t);
let facts = {};
try {
  facts = setUp();
  for (let r = 1; r <= repeat; r++) {
    process.stderr.write(`repeat ${r} of ${repeat}, load ${load()}\n`);
    oneRound(r === 1);
    facts.storeBytes = folderBytes(join(work, 'project', '.cutover', 'db'));
    facts.storeRuns = r * 2;
    // the table after every round: a long run cut short still says what it measured
    printTable(r);
    console.log(`load average after round ${r}: ${load()}`);
  }
} finally {
  if (!opts.work) rmSync(work, { recursive: true, force: true });
  spawnSync('psql', [pgUrl, '-qXc', 'DROP SCHEMA IF EXISTS bench_copy CASCADE; DROP SCHEMA IF EXISTS pgloader_bench CASCADE; DROP SCHEMA IF EXISTS env_test CASCADE; DROP SCHEMA IF EXISTS cutover_env_test CASCADE']);
}

/** The sample project at the size asked, collected; a tiny one for the start-up figures; the pgloader commands. */
function setUp() {
  const project = join(work, 'project');
  const exportDir = join(project, 'export');
  const again = join(work, 'collect-again');
  const tiny = join(work, 'tiny');
  const pgloaderScript = join(work, 'pgloader.load');
  if (!existsSync(pgloaderScript)) {
    for (const d of [project, again, tiny]) rmSync(d, { recursive: true, force: true });
    mkdirSync(project);
    copySampleProject(project, repoRoot);
    cutover(['sample', '--out', exportDir, '--rows', String(size)]);
    rmSync(join(exportDir, 'defects.json'));
    cutover(['collect', '--project', project, '--json']);
    // a second project over the same files, collected afresh each round
    mkdirSync(again);
    copySampleProject(again, repoRoot);
    symlinkSync(exportDir, join(again, 'export'));
    mkdirSync(tiny);
    copySampleProject(tiny, repoRoot);
    cutover(['sample', '--out', join(tiny, 'export'), '--rows', '100']);
    rmSync(join(tiny, 'export', 'defects.json'));
  }
  const files = readdirSync(exportDir).filter((f) => f.endsWith('.csv')).map((f) => join(exportDir, f));
  writeFileSync(pgloaderScript, pgloaderCommands(files));
  const collected = JSON.parse(cutover(['snapshots', 'show', 'latest', '--project', project, '--json']).stdout);
  return { project, exportDir, files, again, tiny, pgloaderScript, snapshotRows: collected.tables.reduce((n, t) => n + t.rows, 0) };
}

function oneRound(first) {
  const { project, files, again, tiny } = facts;
  const at = ['--project', project];
  // start-up: no work, a store opened, a new project's store made
  keep('help', cutover(['--help']));
  keep('snapshots', cutover(['snapshots', ...at]));
  keep('status', cutover(['status', ...at]));
  rmSync(join(tiny, '.cutover'), { recursive: true, force: true });
  keep('first collect', cutover(['collect', '--project', tiny]));

  rmSync(join(again, '.cutover'), { recursive: true, force: true });
  keep('collect', cutover(['collect', '--project', again]));
  keep('udsv', node([tasks, 'parse-udsv', ...files]));
  keep('papa', node([tasks, 'parse-papa', ...files]));
  keep('check folder', cutover(['check', facts.exportDir, ...at, '--json'], [0, 1]));

  keep('profile', cutover(['profile', ...at, '--json']));
  keep('verify', cutover(['snapshots', 'verify', ...at]));

  const embedded = cutover(['run', ...at, '--env', 'test', '--fresh', '--json'], [0, 1]);
  keep('run pglite', embedded);
  facts.sourceRows = JSON.parse(embedded.stdout).entities.reduce((n, e) => n + e.source, 0);
  facts.booksPglite = books(embedded);
  if (first) {
    facts.dumps = join(work, 'mapped');
    rmSync(facts.dumps, { recursive: true, force: true });
    mkdirSync(facts.dumps);
    dumpMappedRowsOf(project, facts.dumps);
    facts.mappedRows = sampleTables.reduce((n, t) => n + lineCount(join(facts.dumps, `${t}.copy`)), 0);
  }
  const raw = node([tasks, 'copy-into-pglite', join(work, 'raw-pglite'), join(project, 'target', 'schema.sql'), facts.dumps]);
  raw.seconds = JSON.parse(raw.stdout).copySeconds; // the COPY alone, not making the database
  keep('pglite copy', raw);

  const server = cutover(['run', ...at, '--env', 'test', '--fresh', '--target', pgUrl, '--json'], [0, 1]);
  keep('run server', server);
  facts.booksServer = books(server);
  if (pgloader) keep('pgloader', timed(pgloader, ['--quiet', facts.pgloaderScript], { env }));
  const script = prepareServerCopy(pgUrl, join(project, 'target', 'schema.sql'), facts.dumps, join(work, 'copy.sql'));
  keep('psql copy', psql(['-f', script]));

  const reconciled = cutover(['reconcile', ...at, '--target', pgUrl, '--json'], [0, 1]);
  keep('reconcile', reconciled);
  facts.reconcileResult = JSON.parse(reconciled.stdout).unexplained;
  keep('plain sql', psql(['-At', '-o', '/dev/null', '-c', plainReconcileSql('env_test')]));
}

/** The run's books, in two words. */
function books(t) {
  const r = JSON.parse(t.stdout);
  return r.run.status === 'succeeded' && r.entities.every((e) => e.balanced) && r.money.every((x) => x.balanced) ? 'books balanced' : `NOT BALANCED (${r.run.status})`;
}

/** Dumps the embedded run's target rows, in a process of its own so this one does not hold PGlite. */
function dumpMappedRowsOf(project, out) {
  const code = `const k = await import(${JSON.stringify(join(repoRoot, 'bench/bench-kit.mjs'))}); await k.dumpMappedRows(process.argv[1], 'env_test', process.argv[2]);`;
  const done = spawnSync(process.execPath, ['--input-type=module', '-e', code, join(project, '.cutover', 'db'), out], { stdio: 'inherit' });
  if (done.status !== 0) throw new Error('could not dump the mapped rows');
}

/** The checks reconcile makes, in plain SQL: rows per table, money per account and holder, an md5 of every row. */
function plainReconcileSql(schema) {
  const counts = sampleTables.map((t) => `SELECT '${t}', count(*) FROM ${schema}.${t}`).join(' UNION ALL ');
  const md5s = sampleTables.map((t) => `SELECT '${t}', bit_xor(('x' || left(md5(r::text), 16))::bit(64)::bigint) FROM ${schema}.${t} r`).join(' UNION ALL ');
  return `${counts};
SELECT account, sum(amount) FROM ${schema}.opening_balance GROUP BY account;
SELECT landlord_id, tenancy_id, supplier_id, sum(amount) FROM ${schema}.opening_balance GROUP BY 1, 2, 3;
SELECT sum(asking_price), sum(rent_pcm) FROM ${schema}.property;
SELECT sum(rent_pcm), sum(deposit) FROM ${schema}.tenancy;
${md5s};`;
}

/** pgloader commands loading every CSV file as it is (text columns, no mapping) into schema pgloader_bench. */
function pgloaderCommands(files) {
  const url = pgUrl.replace(/^postgres:/, 'postgresql:');
  return files.map((file, i) => {
    const bytes = readFileSync(file);
    const text = new TextDecoder('utf-8').decode(bytes.subarray(0, 4096)).replace(/^\uFEFF/, '');
    const header = text.slice(0, text.search(/\r?\n/));
    const delimiter = header.includes(';') ? ';' : ',';
    let encoding = 'utf-8';
    try { new TextDecoder('utf-8', { fatal: true }).decode(bytes); } catch { encoding = 'windows-1252'; }
    const fields = header.split(delimiter).map((f) => `"${f}"`);
    const table = `pgloader_bench."${file.split('/').at(-1).replace('.csv', '')}"`;
    const before = [
      ...(i === 0 ? ['DROP SCHEMA IF EXISTS pgloader_bench CASCADE', 'CREATE SCHEMA pgloader_bench'] : []),
      `CREATE TABLE ${table} (${fields.map((f) => `${f} text`).join(', ')})`,
    ].map((s) => `$$ ${s}; $$`).join(', ');
    return `LOAD CSV FROM '${file}' WITH ENCODING '${encoding}' HAVING FIELDS (${fields.join(', ')})
  INTO ${url} TARGET TABLE ${table}
  WITH skip header = 1, fields optionally enclosed by '"', fields escaped by double-quote, fields terminated by '${delimiter}'
  BEFORE LOAD DO ${before};
`;
  }).join('\n');
}

function ensureServerDatabase(url) {
  const name = new URL(url).pathname.slice(1);
  const admin = url.replace(/\/[^/]*$/, '/postgres');
  const found = spawnSync('psql', [admin, '-AtXc', `SELECT 1 FROM pg_database WHERE datname = '${name}'`], { encoding: 'utf8' });
  if (found.status !== 0) throw new Error(`PostgreSQL does not answer at ${admin}: ${found.stderr}`);
  if (found.stdout.trim() !== '1') spawnSync('psql', [admin, '-qXc', `CREATE DATABASE "${name}"`], { stdio: 'inherit' });
}

function printTable(rounds) {
  const med = (name, field = 'seconds') => median((m[name] ?? []).map((t) => t[field]));
  const range = (name, field = 'seconds') => {
    const v = (m[name] ?? []).map((t) => t[field]);
    return v.length ? [Math.min(...v), Math.max(...v)] : [NaN, NaN];
  };
  const s = (x) => (Number.isFinite(x) ? `${x.toFixed(x < 10 ? 2 : 1)} s` : '-');
  const time = (name) => `${s(med(name))} (cpu ${s(med(name, 'cpu'))})`;
  const mb = (name) => `${med(name, 'peakMb').toFixed(0)} MB`;
  const rate = (rows, seconds) => `${(rows / seconds / 1000).toFixed(1)}k rows/s`;
  const { sourceRows, mappedRows, snapshotRows } = facts;
  const rows = [];
  const row = (step, ours, reference, ratio) => rows.push([step, ours, reference, ratio]);
  const slower = (a, b) => `${(med(a) / med(b)).toFixed(2)}× the time`;

  row('`run` into PostgreSQL', `${time('run server')}, ${facts.booksServer}`,
    pgloader ? `pgloader loading the same ${facts.files.length} CSV files, no mapping: ${time('pgloader')}` : 'pgloader not installed',
    pgloader ? slower('run server', 'pgloader') : '-');
  row('`run` into PostgreSQL', rate(sourceRows, med('run server')),
    `psql \`\\copy\` of the same rows already mapped: ${rate(mappedRows, med('psql copy'))} (${time('psql copy')})`,
    (sourceRows / med('run server') / (mappedRows / med('psql copy'))).toFixed(2));
  row('`run` into PGlite', `${rate(sourceRows, med('run pglite'))} (${time('run pglite')}), ${facts.booksPglite}`,
    `PGlite's own COPY of the mapped rows: ${rate(mappedRows, med('pglite copy'))} (${s(med('pglite copy'))}, the COPY alone)`,
    (sourceRows / med('run pglite') / (mappedRows / med('pglite copy'))).toFixed(2));
  row('`reconcile`', `${time('reconcile')}, ${facts.reconcileResult} unexplained`,
    `plain SQL doing the same checks (count per table, money sums per account, an md5 of every row): ${time('plain sql')}`, slower('reconcile', 'plain sql'));
  row('`collect` (CSV)', `${time('collect')}, ${rate(snapshotRows, med('collect'))}`,
    `uDSV parsing the same files: ${time('udsv')}; Papa Parse ${time('papa')}`, `${slower('collect', 'udsv')} (uDSV), speed ${(med('udsv') / med('collect')).toFixed(2)}`);
  row('`check FOLDER`', time('check folder'), `uDSV: ${time('udsv')}`, `${slower('check folder', 'udsv')}, speed ${(med('udsv') / med('check folder')).toFixed(2)}`);
  row('`profile`', `${time('profile')}, ${rate(snapshotRows, med('profile'))}`, `\`snapshots verify\` (a plain read): ${time('verify')}`,
    `${slower('profile', 'verify')}, speed ${(med('verify') / med('profile')).toFixed(2)}`);
  row('start: `--help`', `${time('help')}, ${mb('help')}`, '-', '-');
  row('start: `snapshots`', `${time('snapshots')}, ${mb('snapshots')}`, '-', '-');
  row('start: `status` (opens the store)', `${time('status')}, ${mb('status')}`, '-', '-');
  row('start: a new project\'s first `collect` (100 rows)', `${time('first collect')}, ${mb('first collect')}`, '-', '-');
  const [lo, hi] = range('run server', 'peakMb');
  const [plo, phi] = range('run pglite', 'peakMb');
  row('`run` peak memory', `into PostgreSQL ${mb('run server')} (${lo.toFixed(0)}–${hi.toFixed(0)}); into PGlite ${mb('run pglite')} (${plo.toFixed(0)}–${phi.toFixed(0)})`, '-', '-');
  row('`check FOLDER` peak memory', mb('check folder'), `uDSV ${mb('udsv')}`, '-');
  row('the embedded store', `${(facts.storeBytes / 1e6).toFixed(0)} MB after ${facts.storeRuns} runs (1 collect)`, '-', '-');

  console.log(`\n${sourceRows.toLocaleString('en-GB')} source rows, ${mappedRows.toLocaleString('en-GB')} mapped rows; medians of ${rounds} round${rounds === 1 ? '' : 's'}\n`);
  console.log('| step | Cutover | reference measured in the same run | ratio |');
  console.log('|---|---|---|---|');
  for (const r of rows) console.log(`| ${r.join(' | ')} |`);
}
