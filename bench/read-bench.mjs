#!/usr/bin/env node
// Read benchmark: `collect` (CSV), `check FOLDER` and `profile` beside their references, measured
// interleaved in the same run on the same sample export: uDSV and Papa Parse parsing the CSV files
// (the reference for collect and check FOLDER) and `snapshots verify`, which decrypts and re-hashes
// every table (the plain read, the reference for profile). Each command is a whole process; the
// figures are medians of wall time, CPU seconds (user + sys) and peak memory (GNU time).
// usage: node bench/read-bench.mjs [ROWS...] [--repeat N]   (default: 1000000, 3 repeats)
// needs: npm run build
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('../', import.meta.url).pathname;
const cli = join(root, 'dist/cli/main.js');
const template = join(root, 'sample-project');
if (!existsSync(cli)) throw new Error('Build first: npm run build');
if (!existsSync('/usr/bin/time')) throw new Error('GNU time is needed: apt-get install time');

const args = process.argv.slice(2);
const at = args.indexOf('--repeat');
const repeat = at >= 0 ? Number(args.splice(at, 2)[1]) : 3;
const sizes = args.map(Number);
if (sizes.length === 0) sizes.push(1_000_000);
const env = { ...process.env, CUTOVER_SNAPSHOT_KEY: 'c0ffee00'.repeat(8) };

// the references parse every file in 256 KiB chunks, as collect reads them, and keep no rows
const udsv = `
const { createReadStream, readdirSync } = await import('node:fs');
const { StringDecoder } = await import('node:string_decoder');
const { inferSchema, initParser } = await import(${JSON.stringify(join(root, 'node_modules/udsv/dist/uDSV.mjs'))});
let rows = 0;
for (const file of readdirSync(process.argv[1]).filter((f) => f.endsWith('.csv'))) {
  const decoder = new StringDecoder(file === 'properties.csv' ? 'latin1' : 'utf8');
  let parser;
  for await (const chunk of createReadStream(process.argv[1] + '/' + file, { highWaterMark: 256 * 1024 })) {
    const text = decoder.write(chunk);
    parser ??= initParser(inferSchema(text));
    parser.chunk(text, parser.stringArrs, () => { rows++; });
  }
  parser.end();
}
console.log(rows);
`;
const papa = `
const { createReadStream, readdirSync } = await import('node:fs');
const Papa = (await import(${JSON.stringify(join(root, 'node_modules/papaparse/papaparse.js'))})).default;
let rows = 0;
for (const file of readdirSync(process.argv[1]).filter((f) => f.endsWith('.csv'))) {
  await new Promise((resolve, reject) => {
    Papa.parse(createReadStream(process.argv[1] + '/' + file, { highWaterMark: 256 * 1024, encoding: file === 'properties.csv' ? 'latin1' : 'utf8' }), {
      chunk: (result) => { rows += result.data.length; }, complete: resolve, error: reject,
    });
  });
}
console.log(rows);
`;

function timed(args, cwd = root, allowed = [0]) {
  const out = spawnSync('/usr/bin/time', ['-f', '%e %U %S %M', process.execPath, ...args], { encoding: 'utf8', env, cwd, maxBuffer: 1 << 28 });
  if (!allowed.includes(out.status)) throw new Error(`node ${args.join(' ')} failed:\n${out.stderr}`);
  const [wall, user, sys, kb] = out.stderr.trim().split('\n').at(-1).split(' ').map(Number);
  return { wall, cpu: user + sys, peakMb: kb / 1024 };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const uptime = () => spawnSync('uptime', { encoding: 'utf8' }).stdout.trim().replace(/^.*load/, 'load');

console.log(`node ${process.version}, ${new Date().toISOString()}, ${repeat} repeats, ${uptime()}`);
for (const size of sizes) {
  const dir = mkdtempSync(join(tmpdir(), 'cutover-read-bench-'));
  try {
    for (const part of ['cutover.yaml', 'contract.yaml', 'specs', 'target']) cpSync(join(template, part), join(dir, part), { recursive: true });
    timed([cli, 'sample', '--out', join(dir, 'export'), '--rows', String(size)]);
    // the list of planted defects is not part of a delivery
    renameSync(join(dir, 'export', 'defects.json'), join(dir, 'defects.json'));
    const exportDir = join(dir, 'export');
    // the first collect also creates the project's store: measured are the collects after it
    timed([cli, 'collect', '--project', dir]);
    // check exits 1 when it finds the sample's planted defects, as it should
    const steps = [
      ['uDSV parse (reference)', ['--input-type=module', '-e', udsv, exportDir], [0]],
      ['Papa Parse (reference)', ['--input-type=module', '-e', papa, exportDir], [0]],
      ['snapshots verify (plain read)', [cli, 'snapshots', 'verify', '--project', dir], [0]],
      ['cutover collect (again)', [cli, 'collect', '--project', dir], [0]],
      ['cutover check FOLDER', [cli, 'check', exportDir, '--project', dir, '--out', join(dir, 'check-out')], [0, 1]],
      ['cutover profile', [cli, 'profile', '--project', dir], [0]],
    ];
    const results = new Map(steps.map(([what]) => [what, []]));
    for (let r = 0; r < repeat; r++) for (const [what, args, allowed] of steps) results.get(what).push(timed(args, dir, allowed));
    const rows = size;
    const m = new Map([...results].map(([what, runs]) => [what, { wall: median(runs.map((t) => t.wall)), cpu: median(runs.map((t) => t.cpu)), peakMb: median(runs.map((t) => t.peakMb)) }]));
    console.log(`\n${rows.toLocaleString('en-GB')} sample rows (${readdirSync(exportDir).length} files), ${uptime()}`);
    console.log('what                              wall s   cpu s    rows/s   peak MB   speed vs reference (wall, cpu)');
    const reference = { 'cutover collect (again)': 'uDSV parse (reference)', 'cutover check FOLDER': 'uDSV parse (reference)', 'cutover profile': 'snapshots verify (plain read)' };
    for (const [what, t] of m) {
      const ref = reference[what];
      const ratio = ref ? `${(m.get(ref).wall / t.wall).toFixed(2)}x, ${(m.get(ref).cpu / t.cpu).toFixed(2)}x of ${ref.replace(/ \(.*/, '')}` : '';
      console.log(`${what.padEnd(32)} ${t.wall.toFixed(2).padStart(6)} ${t.cpu.toFixed(2).padStart(7)} ${Math.round(rows / t.wall).toString().padStart(9)} ${t.peakMb.toFixed(0).padStart(9)}   ${ratio}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
