// Helpers the benchmark scripts share: timing a process (wall, CPU, peak memory), medians,
// the sample project at a size, and the mapped rows of a run dumped for raw COPY.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The seven target tables of the sample spec, in load order. */
export const sampleTables = ['person', 'person_role', 'supplier', 'property', 'tenancy', 'diary_entry', 'opening_balance'];

/** The snapshot key every benchmark project uses. */
export const benchKey = 'c0ffee00'.repeat(8);

/** Stops with a plain message when the build or GNU time is missing. */
export function needBuildAndTime(cli) {
  if (!existsSync(cli)) throw new Error(`Build first: npm run build (${cli} is missing)`);
  if (!existsSync('/usr/bin/time')) throw new Error('GNU time is needed: apt-get install time');
}

/**
 * Runs a command under GNU time: wall seconds, CPU seconds (user + system, children
 * included), peak memory in MB (max RSS) and its output. Fails on an exit code not in `ok`.
 */
export function timed(command, args, { env = process.env, ok = [0], cwd } = {}) {
  const out = spawnSync('/usr/bin/time', ['-f', '%e %U %S %M', command, ...args], { env, cwd, encoding: 'utf8', maxBuffer: 1 << 28 });
  const last = (out.stderr ?? '').trim().split('\n').at(-1) ?? '';
  const [seconds, user, system, kb] = last.split(' ').map(Number);
  if (!ok.includes(out.status)) throw new Error(`${command} ${args.join(' ')} failed (${out.status}):\n${out.stderr}`);
  return { seconds, cpu: user + system, peakMb: kb / 1024, stdout: out.stdout, status: out.status };
}

/** The middle value (the mean of the two middle ones for an even count). */
export function median(values) {
  const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return NaN;
  const mid = v.length >> 1;
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}

/** Copies the sample project's settings (cutover.yaml, specs, target, contract) into `dir`. */
export function copySampleProject(dir, repoRoot) {
  const template = join(repoRoot, 'sample-project');
  for (const part of readdirSync(template)) cpSync(join(template, part), join(dir, part), { recursive: true });
}

/** Total size in bytes of the files under `dir`. */
export function folderBytes(dir) {
  if (!existsSync(dir)) return 0;
  let n = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) n += statSync(join(entry.parentPath ?? entry.path, entry.name)).size;
  }
  return n;
}

/** Number of lines in a file. */
export function lineCount(path) {
  const text = readFileSync(path, 'utf8');
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** Writes the target rows of a run into an embedded database's `schema` as COPY text, one file per table. */
export async function dumpMappedRows(dataDir, schema, out) {
  const { PGlite } = await import('@electric-sql/pglite');
  const db = await PGlite.create({ dataDir });
  for (const t of sampleTables) {
    const result = await db.query(`COPY ${schema}.${t} TO '/dev/blob'`);
    writeFileSync(join(out, `${t}.copy`), Buffer.from(await result.blob.arrayBuffer()));
  }
  await db.close();
}

/** Raw COPY of the dumped rows into a new on-disk PGlite with the target's tables, in blobs of 5,000 rows; returns the seconds the COPY took. */
export async function copyIntoPglite(dataDir, schemaFile, dumps) {
  const { PGlite } = await import('@electric-sql/pglite');
  rmSync(dataDir, { recursive: true, force: true });
  const db = await PGlite.create({ dataDir });
  await db.exec(`CREATE SCHEMA bench_copy; SET search_path TO bench_copy;\n${readFileSync(schemaFile, 'utf8')}`);
  const started = performance.now();
  for (const t of sampleTables) {
    const lines = readFileSync(join(dumps, `${t}.copy`), 'utf8').split('\n');
    lines.pop();
    for (let i = 0; i < lines.length; i += 5000) {
      await db.query(`COPY bench_copy.${t} FROM '/dev/blob'`, [], { blob: new Blob([`${lines.slice(i, i + 5000).join('\n')}\n`]) });
    }
  }
  const seconds = (performance.now() - started) / 1000;
  await db.close();
  return seconds;
}

/**
 * Makes a fresh schema `bench_copy` with the target's tables on the server and returns the
 * psql script that \copy's every dumped table into it.
 */
export function prepareServerCopy(pgUrl, schemaFile, dumps, scriptFile) {
  const setup = `psql ${pgUrl} -qv ON_ERROR_STOP=1 -c 'DROP SCHEMA IF EXISTS bench_copy CASCADE; CREATE SCHEMA bench_copy' && PGOPTIONS=-csearch_path=bench_copy psql ${pgUrl} -qv ON_ERROR_STOP=1 -f ${schemaFile}`;
  const done = spawnSync('bash', ['-c', setup], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (done.status !== 0) throw new Error(`could not prepare bench_copy on ${pgUrl}`);
  writeFileSync(scriptFile, `${sampleTables.map((t) => `\\copy bench_copy.${t} FROM '${join(dumps, `${t}.copy`)}'`).join('\n')}\n`);
  return scriptFile;
}
