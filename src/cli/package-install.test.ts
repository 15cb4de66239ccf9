import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { delimiter, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { tempDir } from '../test-support/temp-dir.js';

// Cutover as a user gets it: `npm pack` (whose prepare script builds), `npm install
// --omit=dev` of the tarball into an empty folder outside the repository, and the
// installed command run as real processes on a small demo project.
const root = realpathSync(fileURLToPath(new URL('../../', import.meta.url)));
const dir = tempDir('cutover-package');
const base = realpathSync(dir.path);
const source = join(base, 'source');
const packed = join(base, 'packed');
const install = join(base, 'install');
const project = join(install, 'P');
const minutes = 60_000;
const repoPackage = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as PackageJson;

interface PackageJson {
  readonly files?: readonly string[];
  readonly dependencies: Readonly<Record<string, string>>;
  readonly devDependencies: Readonly<Record<string, string>>;
}

interface Ran {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

let tarball: { readonly filename: string; readonly size: number; readonly files: readonly string[] };
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  if (!isOutside(root, base)) throw new Error(`${base} is inside the repository ${root}: the install would see its node_modules`);
  copyPackageSources();
  mkdirSync(packed);
  const pack = await succeed('npm', ['pack', '--json', '--pack-destination', packed], source, userEnv(), 5 * minutes);
  const [result] = JSON.parse(pack.stdout) as { filename: string; size: number; files: { path: string }[] }[];
  tarball = { filename: result!.filename, size: result!.size, files: result!.files.map((f) => f.path).sort() };

  mkdirSync(install);
  writeFileSync(join(install, 'package.json'), JSON.stringify({ name: 'cutover-user', version: '1.0.0', private: true }, null, 2));
  // --prefer-offline: what `npm ci` already fetched comes from npm's cache
  const args = ['install', '--omit=dev', '--no-audit', '--no-fund', '--prefer-offline', join(packed, tarball.filename)];
  await succeed('npm', args, install, userEnv(), 14 * minutes);
  env = userEnv();
}, 20 * minutes);

afterAll(() => dir.cleanup());

describe('cutover packed and installed as a user installs it', () => {
  it('packs the build of every source file and the sample project, without sources, tests or source maps', () => {
    const built = sourceFiles(join(root, 'src'))
      // pages are .tsx; a .d.ts only declares a library's types and builds to nothing
      .filter((f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f) && !f.endsWith('.d.ts') && !f.startsWith(`test-support${sep}`))
      .map((f) => `dist/${f.split(sep).join('/').replace(/\.tsx?$/, '.js')}`);
    const sample = sourceFiles(join(root, 'sample-project')).map((f) => `sample-project/${f.split(sep).join('/')}`);
    expect(tarball.files).toEqual(['README.md', ...built, 'package.json', ...sample].sort());
  });

  it('installs its dependencies and none of its development tools', () => {
    const installed = (name: string) => existsSync(join(install, 'node_modules', name, 'package.json'));
    expect(Object.keys(repoPackage.dependencies).filter((name) => !installed(name))).toEqual([]);
    // type packages come with some dependencies (exceljs, mysql2) and are never loaded
    const tools = Object.keys(repoPackage.devDependencies).filter((name) => !name.startsWith('@types/'));
    expect(tools.filter(installed)).toEqual([]);
    expect(realpathSync(join(install, 'node_modules', '.bin', 'cutover'))).toBe(join(install, 'node_modules', 'cutover', 'dist', 'cli', 'main.js'));
  });

  it('demo makes the sample project, runs it, and prints the public demo key for the other commands', async () => {
    const keyEnv = (parse(readFileSync(join(install, 'node_modules', 'cutover', 'sample-project', 'cutover.yaml'), 'utf8')) as { snapshot_key_env: string }).snapshot_key_env;
    const withoutKey = { ...env };
    delete withoutKey[keyEnv];
    const ran = await cutover(['demo', '--project', 'P', '--rows', '2000'], install, 0, withoutKey);
    expect(ran.stdout).toContain('Test migration 1 succeeded: every source row is accounted for.');
    expect(written(ran.stdout)).toEqual(['reports/run-1-summary.html']);
    const printed = /export (\w+)=([0-9a-f]+)\./.exec(ran.stderr);
    expect(printed?.slice(1)).toEqual([keyEnv, 'c0ffee00'.repeat(8)]);
    env = { ...env, [keyEnv]: printed![2] };
  });

  it('check finds the sample\'s planted defects and writes the problem lists', async () => {
    const ran = await cutover(['check'], project, 1, env);
    expect(ran.stdout).toMatch(/^The delivery cannot be accepted yet: \d+ problems must be fixed, and \d+ to note\.$/m);
    const [html, xlsx, ...more] = written(ran.stdout);
    expect([html, xlsx, more]).toEqual([expect.stringMatching(/^reports\/check-snapshot-\w+\.html$/), html!.replace(/html$/, 'xlsx'), []]);
    expectFiles([html!, xlsx!]);
  });

  it('rejects lists the rows not imported as CSV and XLSX', async () => {
    const ran = await cutover(['rejects'], project, 0, env);
    expect(ran.stdout).toMatch(/^Run 1: \d+ rows were not imported\.$/m);
    expect(written(ran.stdout)).toEqual(['reports/run-1-not-imported.csv', 'reports/run-1-not-imported.xlsx']);
    expectFiles(written(ran.stdout));
  });

  it('report writes the review workbook as XLSX and HTML', async () => {
    const ran = await cutover(['report'], project, 0, env);
    expect(ran.stdout).toMatch(/^Review workbook of run 1:$/m);
    expect(written(ran.stdout)).toEqual(['reports/run-1-review.xlsx', 'reports/run-1-review.html']);
    expectFiles(written(ran.stdout));
  });

  it('reconcile finds nothing unexplained', async () => {
    const ran = await cutover(['reconcile'], project, 0, env);
    expect(ran.stdout).toMatch(/^Run 1: Every count and every total agrees or is explained by the rows not imported/m);
  });
});

/** What the package is built and packed from, copied so that packing builds afresh and leaves the repository's dist to the tests running it. */
function copyPackageSources(): void {
  const shipped = (repoPackage.files ?? []).filter((f) => !f.startsWith('!') && !f.startsWith('dist'));
  for (const entry of ['package.json', 'tsconfig.json', 'README.md', 'src', ...shipped]) {
    cpSync(join(root, entry), join(source, entry), { recursive: true });
  }
  // the build's tools are development dependencies, from the repository's install
  symlinkSync(join(root, 'node_modules'), join(source, 'node_modules'), 'dir');
}

/** Runs the installed `cutover` through npx, as a user does, and checks its exit code. */
function cutover(args: readonly string[], cwd: string, status: number, withEnv: NodeJS.ProcessEnv): Promise<Ran> {
  return succeed('npx', ['--no', 'cutover', ...args], cwd, withEnv, 4 * minutes, status);
}

/** The files in the project that an output names, in order, relative to the project. */
function written(stdout: string): string[] {
  const inProject = new RegExp(`${project.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/(\\S+\\.(?:html|xlsx|csv))\\b`, 'g');
  return [...stdout.matchAll(inProject)].map((m) => m[1]!);
}

/** Each file exists and is not empty; a workbook is a zip package. */
function expectFiles(files: readonly string[]): void {
  const found = files.map((f) => {
    const path = join(project, f);
    if (!existsSync(path)) return `${f} is missing`;
    if (statSync(path).size === 0) return `${f} is empty`;
    if (f.endsWith('.xlsx') && readFileSync(path).subarray(0, 2).toString() !== 'PK') return `${f} is not a zip package`;
    return `${f} written`;
  });
  expect(found).toEqual(files.map((f) => `${f} written`));
}

/**
 * This process's environment without what running under `npm test` adds (npm settings,
 * the repository's .bin folders on PATH), so nothing points back at the repository.
 */
function userEnv(): NodeJS.ProcessEnv {
  const clean: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (!/^npm_/i.test(name) && name !== 'INIT_CWD' && name !== 'NODE_PATH') clean[name] = value;
  }
  const path = (process.env.PATH ?? '').split(delimiter);
  clean.PATH = path.filter((p) => isOutside(root, p) && !p.endsWith(`node_modules${sep}.bin`)).join(delimiter);
  return clean;
}

function isOutside(folder: string, path: string): boolean {
  const rel = relative(folder, path);
  return rel.startsWith('..') || rel === path;
}

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { recursive: true, encoding: 'utf8' }).filter((f) => statSync(join(folder, f)).isFile());
}

/** Runs a command to its end (killing it and its children after `timeoutMs`) and fails unless it exits with `status`. */
async function succeed(command: string, args: readonly string[], cwd: string, withEnv: NodeJS.ProcessEnv, timeoutMs: number, status = 0): Promise<Ran> {
  const child = spawn(command, args, { cwd, env: withEnv, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const timer = setTimeout(() => process.kill(-child.pid!, 'SIGKILL'), timeoutMs);
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  }).finally(() => clearTimeout(timer));
  if (code !== status) {
    const why = code === null ? `was killed after ${timeoutMs / 1000} s` : `exited with ${code}, not ${status}`;
    throw new Error(`${command} ${args.join(' ')} in ${cwd} ${why}:\n${stdout.slice(-4000)}\n${stderr.slice(-4000)}`);
  }
  return { status: code, stdout, stderr };
}
