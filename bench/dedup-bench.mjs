#!/usr/bin/env node
// Deduplication on the sample export: precision, recall and F1 of the merges against the
// sample's manifest of planted near duplicates, and the time and peak memory of
// `cutover dedup` (GNU time's wall and CPU seconds and max RSS; on a shared machine the
// CPU seconds say more than the wall time). The dedup section is drafted from the data by
// `cutover dedup suggest`, weights estimated as a user would get them.
// usage: node bench/dedup-bench.mjs [ROWS...]   (default: 10000 400000 1000000 4000000)
//        people are a quarter of the rows: 400,000 rows hold 100,000 people, 4,000,000 hold 1,000,000
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const cli = new URL('../dist/cli/main.js', import.meta.url).pathname;
const template = new URL('../sample-project/', import.meta.url).pathname;
const env = { ...process.env, CUTOVER_SNAPSHOT_KEY: 'c0ffee00'.repeat(8) };

const sizes = process.argv.slice(2).map(Number);
if (sizes.length === 0) sizes.push(10_000, 400_000, 1_000_000, 4_000_000);
if (!existsSync(cli)) throw new Error('Build first: npm run build');
if (!existsSync('/usr/bin/time')) throw new Error('GNU time is needed: apt-get install time');

console.log(`node ${process.version}, ${new Date().toISOString()}`);
console.log('rows       people       pairs listed  planted  merged  precision  recall     F1   dedup s    cpu s  peak MB  suggest s');
for (const rows of sizes) {
  const dir = mkdtempSync(join(tmpdir(), 'cutover-dedup-bench-'));
  try {
    for (const part of ['specs', 'target', 'contract.yaml', 'cutover.yaml']) cpSync(join(template, part), join(dir, part), { recursive: true });
    run(['sample', '--out', join(dir, 'export'), '--rows', String(rows), '--json']);
    run(['collect', '--project', dir, '--json']);
    const suggest = timed(['dedup', 'suggest', '--project', dir, '--entity', 'person', '--write', 'specs/estate-agency.yaml', '--json']);
    const found = timed(['dedup', '--project', dir, '--json']);
    const proposal = JSON.parse(found.stdout);
    const score = f1(proposal, plantedClusters(join(dir, 'export', 'defects.json')));
    const people = Number(JSON.parse(run(['snapshots', 'show', 'latest', '--project', dir, '--json'])).tables.find((t) => t.name === 'people.csv').rows);
    console.log(
      `${String(rows).padEnd(10)} ${String(people).padEnd(10)} ${String(score.compared).padStart(14)} ${String(score.planted).padStart(8)} ${String(score.merged).padStart(7)} ` +
        `${score.precision.toFixed(4).padStart(10)} ${score.recall.toFixed(4).padStart(7)} ${score.f1.toFixed(4).padStart(6)} ${found.seconds.toFixed(2).padStart(9)} ${found.cpu.toFixed(2).padStart(8)} ${found.peakMb.toFixed(0).padStart(8)} ${suggest.seconds.toFixed(2).padStart(10)}`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function run(args) {
  const out = spawnSync(process.execPath, [cli, ...args], { env, encoding: 'utf8', maxBuffer: 1 << 30 });
  if (out.status !== 0) throw new Error(`cutover ${args.join(' ')} failed (${out.status}):\n${out.stderr}`);
  return out.stdout;
}

function timed(args) {
  const out = spawnSync('/usr/bin/time', ['-f', '%e %M %U %S', process.execPath, cli, ...args], { env, encoding: 'utf8', maxBuffer: 1 << 30 });
  if (out.status !== 0) throw new Error(`cutover ${args.join(' ')} failed (${out.status}):\n${out.stderr}`);
  const [seconds, kb, user, system] = (out.stderr.trim().split('\n').at(-1) ?? '').split(' ').map(Number);
  return { seconds, cpu: user + system, peakMb: kb / 1024, stdout: out.stdout };
}

/** Each planted near duplicate's key with the key of the person it copies, read from the manifest. */
function plantedClusters(path) {
  const manifest = JSON.parse(readFileSync(path, 'utf8'));
  return new Map(manifest.defects.filter((d) => d.kind === 'near-duplicate-person').map((d) => [d.key, d.survivor]));
}

/**
 * Pairwise precision, recall and F1: a pair of rows is merged when both sit in one
 * proposed cluster, and truly one person when both copy (or are) the same original.
 */
function f1(proposal, planted) {
  const truth = new Map();
  for (const [copy, original] of planted) {
    if (!truth.has(original)) truth.set(original, [original]);
    truth.get(original).push(copy);
  }
  const originalOf = (key) => planted.get(key) ?? (truth.has(key) ? key : undefined);
  const pairs = (members) => (members.length * (members.length - 1)) / 2;
  let merged = 0;
  let right = 0;
  for (const c of proposal.clusters) {
    merged += pairs(c.members);
    const byOriginal = new Map();
    for (const m of c.members) {
      const o = originalOf(m);
      if (o !== undefined) byOriginal.set(o, (byOriginal.get(o) ?? 0) + 1);
    }
    for (const n of byOriginal.values()) right += pairs(Array(n));
  }
  let planted2 = 0;
  for (const members of truth.values()) planted2 += pairs(members);
  const precision = merged === 0 ? 1 : right / merged;
  const recall = planted2 === 0 ? 1 : right / planted2;
  return {
    compared: proposal.pairs.length,
    planted: planted2,
    merged,
    precision,
    recall,
    f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall),
  };
}
