#!/usr/bin/env node
// What each command costs before it does any work: wall seconds, CPU seconds and peak
// memory (GNU time) of commands on a small project, and whether each opened the embedded
// store (its control file is rewritten when it is). Builds given with --cli are measured
// interleaved, so a loaded machine weighs on each alike.
// usage: node bench/startup-bench.mjs [--repeat N] [--cli dist/cli/main.js ...]
//   (default: this checkout's build, 5 repeats)
import { mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { benchKey, copySampleProject, median, needBuildAndTime, timed } from './bench-kit.mjs';

const { values: opts } = parseArgs({ options: { repeat: { type: 'string', default: '5' }, cli: { type: 'string', multiple: true } } });
const repoRoot = new URL('..', import.meta.url).pathname;
const clis = (opts.cli ?? [join(repoRoot, 'dist/cli/main.js')]).map((c) => resolve(c));
for (const cli of clis) needBuildAndTime(cli);
const repeat = Number(opts.repeat);
const work = mkdtempSync(join(tmpdir(), 'cutover-startup-'));
// the prepared store is made once, beforehand, like on any machine after its first project
const env = { ...process.env, CUTOVER_SNAPSHOT_KEY: benchKey, CUTOVER_CACHE_DIR: join(work, 'cache') };
const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');

/** A project of 100 sample rows, collected, for each build. */
function project(cli, name) {
  const dir = join(work, name);
  mkdirSync(dir);
  copySampleProject(dir, repoRoot);
  timed(process.execPath, [cli, 'sample', '--out', join(dir, 'export'), '--rows', '100'], { env });
  rmSync(join(dir, 'export', 'defects.json'));
  timed(process.execPath, [cli, 'collect', '--project', dir], { env });
  return dir;
}

const controlFile = (dir) => join(dir, '.cutover', 'db', 'global', 'pg_control');
const opened = (dir, before) => statSync(controlFile(dir), { throwIfNoEntry: false })?.mtimeMs !== before;

const commands = [
  ['--help', () => ['--help']],
  ['transforms', () => ['transforms']],
  ['peek FILE', (dir) => ['peek', join(dir, 'export', 'people.csv')]],
  ['check FILE', (dir) => ['check', join(dir, 'export', 'people.csv'), '--project', dir, '--out', join(dir, 'checked')]],
  ['snapshots', (dir) => ['snapshots', '--project', dir]],
  ['snapshots verify', (dir) => ['snapshots', 'verify', '--project', dir]],
  ['status (opens the store)', (dir) => ['status', '--project', dir]],
  ['audit', (dir) => ['audit', '--project', dir]],
  ['suggest', (dir) => ['suggest', '--project', dir]],
  ['first collect of a new project', (dir) => ['collect', '--project', newProject(dir)]],
];

/** A new project beside `dir`, reading the same files: its first command makes its store. */
function newProject(dir) {
  const fresh = `${dir}-new`;
  rmSync(fresh, { recursive: true, force: true });
  mkdirSync(fresh);
  copySampleProject(fresh, repoRoot);
  symlinkSync(join(dir, 'export'), join(fresh, 'export'));
  return fresh;
}

console.log(`node ${process.version}, ${cpus().length} cores, ${new Date().toISOString()}, ${repeat} repeats, load average ${load()}`);
const projects = clis.map((cli, i) => project(cli, `p${i}`));
const m = new Map();
for (let r = 0; r < repeat; r++) {
  for (const [name, args] of commands) {
    clis.forEach((cli, i) => {
      const argv = args(projects[i]);
      const at = argv.at(-1) === `${projects[i]}-new` ? argv.at(-1) : projects[i];
      const before = statSync(controlFile(at), { throwIfNoEntry: false })?.mtimeMs;
      const t = timed(process.execPath, [cli, ...argv], { env, ok: [0, 1] });
      const key = `${name}\u0000${i}`;
      if (!m.has(key)) m.set(key, []);
      m.get(key).push({ ...t, store: opened(at, before) });
    });
  }
}
console.log(`load average at the end ${load()}\n`);
console.log(`| command | ${clis.map((c) => `${c.replace(/\/dist\/cli\/main\.js$/, '')}: wall s, CPU s, peak MB, store opened`).join(' | ')} |`);
console.log(`|---|${clis.map(() => '---|').join('')}`);
for (const [name] of commands) {
  const cells = clis.map((_, i) => {
    const runs = m.get(`${name}\u0000${i}`);
    const med = (f) => median(runs.map((t) => t[f]));
    return `${med('seconds').toFixed(2)}, ${med('cpu').toFixed(2)}, ${med('peakMb').toFixed(0)}, ${runs.some((t) => t.store) ? 'yes' : 'no'}`;
  });
  console.log(`| ${name} | ${cells.join(' | ')} |`);
}
rmSync(work, { recursive: true, force: true });
