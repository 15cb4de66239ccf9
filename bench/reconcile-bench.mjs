#!/usr/bin/env node
// Times `cutover reconcile` as a whole process on the sample project at the given sizes,
// interleaved with a reference measured on the same project: plain SQL doing the same
// checks over the embedded target (a count per table, money sums per account, an md5
// of every row), also as a whole process (node start and opening the database included).
// Prints wall and CPU seconds (user+sys, from GNU time), peak memory and the medians'
// ratios. The project is made first (demo, untimed).
// usage: node bench/reconcile-bench.mjs [--times N] [ROWS...]   (default: 3 times, 100000 1000000)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const args = process.argv.slice(2);
const timesAt = args.indexOf('--times');
const times = timesAt < 0 ? 3 : Number(args.splice(timesAt, 2)[1]);
const sizes = args.map(Number);
if (sizes.length === 0) sizes.push(100_000, 1_000_000);
const cli = new URL('../dist/cli/main.js', import.meta.url).pathname;
const openDatabase = new URL('../dist/connectors/open-database.js', import.meta.url).href;
if (!existsSync(cli)) throw new Error('Build first: npm run build');
if (!existsSync('/usr/bin/time')) throw new Error('GNU time is needed: apt-get install time');
const env = { ...process.env, CUTOVER_SNAPSHOT_KEY: process.env.CUTOVER_SNAPSHOT_KEY ?? 'c0ffee00'.repeat(8) };

// the reference: the same checks in plain SQL, in a process of its own
const plainSql = `
const { openDatabase } = await import(${JSON.stringify(openDatabase)});
const db = await openDatabase(process.argv[1]);
const started = performance.now();
const tables = await db.query("SELECT table_name FROM information_schema.tables WHERE table_schema = 'env_test' AND table_type = 'BASE TABLE' ORDER BY 1");
const out = {};
for (const { table_name: t } of tables) {
  const [row] = await db.query(\`SELECT count(*) AS n, bit_xor(('x' || left(md5(r::text), 16))::bit(64)::bigint)::text AS rows_md5 FROM env_test."\${t}" r\`);
  out[t] = row;
}
out.money = await db.query('SELECT account, sum(amount)::text AS total FROM env_test.opening_balance GROUP BY account ORDER BY account');
out.sqlSeconds = (performance.now() - started) / 1000;
await db.close();
console.log(JSON.stringify(out));
`;

function timed(command, okCodes = [0]) {
  const out = spawnSync('/usr/bin/time', ['-f', '%e %U %S %M', process.execPath, ...command], { encoding: 'utf8', maxBuffer: 1 << 28, env });
  const last = out.stderr.trim().split('\n').at(-1) ?? '';
  const [wall, user, sys, kb] = last.split(' ').map(Number);
  if (!okCodes.includes(out.status)) throw new Error(`${command.join(' ')} failed (${out.status}):\n${out.stderr}`);
  return { wall, cpu: user + sys, peakMb: kb / 1024, stdout: out.stdout };
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

console.log(`node ${process.version}, ${new Date().toISOString()}, ${times} times each, interleaved`);
console.log('rows       step                         wall s    CPU s   peak MB   result');
for (const rows of sizes) {
  const dir = mkdtempSync(join(tmpdir(), 'cutover-reconcile-bench-'));
  try {
    const demo = timed([cli, 'demo', '--project', dir, '--rows', String(rows), '--json']);
    const line = (step, t, result) => console.log(`${String(rows).padEnd(10)} ${step.padEnd(26)} ${t.wall.toFixed(1).padStart(8)} ${t.cpu.toFixed(1).padStart(8)} ${t.peakMb.toFixed(0).padStart(9)}   ${result}`);
    line('demo (setup)', demo, 'loaded');
    const refs = [];
    const runs = [];
    for (let i = 0; i < times; i++) {
      const ref = timed(['--input-type=module', '-e', plainSql, join(dir, '.cutover', 'db')]);
      const r = JSON.parse(ref.stdout);
      line('plain SQL (reference)', ref, `${Object.keys(r).length - 2} tables, SQL alone ${r.sqlSeconds.toFixed(1)} s`);
      refs.push(ref);
      const reconcile = timed([cli, 'reconcile', '--project', dir, '--json'], [0, 1]);
      const j = JSON.parse(reconcile.stdout);
      line('reconcile', reconcile, `${j.counts.length} counts, ${j.money.length} totals, ${j.unexplained} unexplained`);
      runs.push(reconcile);
    }
    const m = (xs, k) => median(xs.map((x) => x[k]));
    console.log(`${''.padEnd(10)} medians: reconcile ${m(runs, 'wall').toFixed(1)} s wall, ${m(runs, 'cpu').toFixed(1)} s CPU; plain SQL ${m(refs, 'wall').toFixed(1)} s wall, ${m(refs, 'cpu').toFixed(1)} s CPU`);
    console.log(`${''.padEnd(10)} reconcile / plain SQL: ${(m(runs, 'wall') / m(refs, 'wall')).toFixed(1)}x the wall time, ${(m(runs, 'cpu') / m(refs, 'cpu')).toFixed(1)}x the CPU time`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
