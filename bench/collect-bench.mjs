#!/usr/bin/env node
// Collect benchmark: `cutover collect` of the sample export from CSV files and from the
// same rows in MariaDB, beside `cat` of the files and PostgreSQL's own COPY of them,
// all measured in this run, at two sizes to show memory stays flat.
// usage: node bench/collect-bench.mjs [ROWS...]   (default: 100000 1000000)
// needs: npm run build; MariaDB at 127.0.0.1:3306 (root) and PostgreSQL at 127.0.0.1:5432 (psql).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dist = new URL('../dist/', import.meta.url).pathname;
if (!existsSync(join(dist, 'cli/main.js'))) throw new Error('Build first: npm run build');
if (!existsSync('/usr/bin/time')) throw new Error('GNU time is needed: apt-get install time');
const { writeSampleExport } = await import(join(dist, 'sample/index.js'));
const { openCsvSource } = await import(join(dist, 'connectors/csv/index.js'));
const mysql = (await import('mysql2/promise')).default;

const sizes = process.argv.slice(2).map(Number);
if (sizes.length === 0) sizes.push(100_000, 1_000_000);
const key = 'ab'.repeat(32);
const mysqlUrl = 'mysql://root@127.0.0.1:3306/test';

function timed(cmd, args, env = {}) {
  const out = spawnSync('/usr/bin/time', ['-f', '%e %M', cmd, ...args], { encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 1 << 26 });
  if (out.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed:\n${out.stderr}`);
  const [seconds, kb] = out.stderr.trim().split('\n').at(-1).split(' ').map(Number);
  return { seconds, peakMb: kb / 1024 };
}

async function loadIntoMariaDb(exportDir, prefix) {
  const db = await mysql.createConnection({ uri: mysqlUrl, multipleStatements: false });
  const tables = [];
  for (const file of readdirSync(exportDir).filter((f) => f.endsWith('.csv'))) {
    const source = await openCsvSource(join(exportDir, file));
    const table = `${prefix}_${file.replace('.csv', '')}`;
    const cols = source.columns.map((c) => `\`${c}\` text`).join(', ');
    await db.query(`DROP TABLE IF EXISTS \`${table}\``);
    await db.query(`CREATE TABLE \`${table}\` (\`_line\` int PRIMARY KEY, ${cols}) CHARACTER SET utf8mb4`);
    let batch = [];
    const flush = async () => {
      if (batch.length === 0) return;
      await db.query(`INSERT INTO \`${table}\` VALUES ?`, [batch]);
      batch = [];
    };
    for await (const row of source.rows()) {
      const values = source.columns.map((_, i) => row.values[i] ?? null);
      batch.push([row.line, ...values]);
      if (batch.length >= 2000) await flush();
    }
    await flush();
    tables.push(table);
  }
  await db.end();
  return tables;
}

function project(dir, sources) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'cutover.yaml'), `customer: bench\nsources:\n${sources}\nsnapshot_key_env: BENCH_KEY\nspec: s.yaml\ntarget: { schema: t.sql }\nenvironments: { test: { database: embedded } }\n`);
}

console.log(`node ${process.version}, ${new Date().toISOString()}`);
console.log('rows       what                                   wall s    rows/s      MB/s   peak MB');
const line = (rows, what, t, bytes) =>
  console.log(`${String(rows).padEnd(10)} ${what.padEnd(38)} ${t.seconds.toFixed(2).padStart(6)} ${Math.round(rows / t.seconds).toString().padStart(9)} ${(bytes / 1e6 / t.seconds).toFixed(1).padStart(9)} ${t.peakMb ? t.peakMb.toFixed(0).padStart(9) : '        -'}`);
const peaks = {};
for (const size of sizes) {
  const work = mkdtempSync(join(tmpdir(), 'cutover-collect-bench-'));
  try {
    const exportDir = join(work, 'files', 'export');
    const summary = await writeSampleExport({ outDir: exportDir, rows: size, seed: 1 });
    rmSync(join(exportDir, 'defects.json'));
    const files = readdirSync(exportDir).map((f) => join(exportDir, f));
    const bytes = files.reduce((n, f) => n + statSync(f).size, 0);
    const rows = summary.rows;
    line(rows, 'cat files > /dev/null', timed('bash', ['-c', `cat ${files.join(' ')} > /dev/null`]), bytes);
    const copy = files.map((f) => {
      const t = f.split('/').at(-1).replace('.csv', '');
      const enc = t === 'properties' ? 'WIN1252' : 'UTF8';
      const delim = t === 'tenancies' ? ';' : ',';
      return `DROP TABLE IF EXISTS bench_${t}; CREATE UNLOGGED TABLE bench_${t} (line text); \\copy bench_${t} FROM '${f}' WITH (FORMAT text, ENCODING '${enc}', DELIMITER E'\\x01')`;
    });
    // COPY of whole lines into one text column: PostgreSQL's fastest path for these bytes
    const script = join(work, 'copy.sql');
    writeFileSync(script, copy.join(';\n') + ';\n');
    line(rows, 'PostgreSQL COPY (psql \\copy, text)', timed('psql', ['-q', '-h', '127.0.0.1', '-U', 'postgres', '-d', 'test', '-f', script]), bytes);
    project(join(work, 'files'), '  export: { files: export, include: ["*.csv"] }');
    const fromFiles = timed(process.execPath, [join(dist, 'cli/main.js'), 'collect', '--project', join(work, 'files')], { BENCH_KEY: key });
    line(rows, 'cutover collect, CSV files', fromFiles, bytes);
    const tables = await loadIntoMariaDb(exportDir, `bench${size}`);
    project(join(work, 'db'), `  crm: { database_url_env: BENCH_DB, tables: [${tables.join(', ')}] }`);
    const fromDb = timed(process.execPath, [join(dist, 'cli/main.js'), 'collect', '--project', join(work, 'db')], { BENCH_KEY: key, BENCH_DB: mysqlUrl });
    line(rows, 'cutover collect, MariaDB tables', fromDb, bytes);
    peaks[size] = { files: fromFiles.peakMb, db: fromDb.peakMb };
    const db = await mysql.createConnection({ uri: mysqlUrl });
    for (const t of tables) await db.query(`DROP TABLE IF EXISTS \`${t}\``);
    await db.end();
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
if (sizes.length >= 2) {
  const [small, large] = [sizes[0], sizes.at(-1)];
  for (const kind of ['files', 'db']) {
    const ratio = peaks[large][kind] / peaks[small][kind];
    console.log(`peak memory ${kind === 'files' ? 'CSV' : 'MariaDB'} collect at ${large} / at ${small} rows: ${ratio.toFixed(2)}x (goal: at most 1.2x)`);
  }
}
