import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkErasureLists, verifySnapshots } from '../pipeline/index.js';
import { writeSampleExport } from '../sample/index.js';
import { inSession } from '../test-support/test-session.js';

// the built command, as a user runs it: `npm test` builds before testing
const cli = new URL('../../dist/cli/main.js', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'cutover-rekey-kill-'));
const oldKey = '5a'.repeat(32);
const newKey = 'a5'.repeat(32);
const env = { ...process.env, CUTOVER_SNAPSHOT_KEY: oldKey, OLD_KEY: oldKey, NEW_KEY: newKey };
const rekeyArgs = [cli, 'snapshots', 'rekey', '--from-env', 'OLD_KEY', '--to-env', 'NEW_KEY', '--project', dir];
const snapshotIds = () => readdirSync(join(dir, '.cutover', 'snapshots')).filter((n) => !n.startsWith('.')).sort();

/** The keys, of the two, under which a snapshot verifies whole. */
async function keysThatOpen(id: string): Promise<string[]> {
  const opened: string[] = [];
  for (const [name, key] of [['old', oldKey], ['new', newKey]] as const) {
    const ok = await inSession(dir, (s) => verifySnapshots(s, id), { env: { CUTOVER_SNAPSHOT_KEY: key } }).then(() => true, () => false);
    if (ok) opened.push(name);
  }
  return opened;
}

/** The keys, of the two, under which the erasure list opens whole. */
async function keysThatOpenList(): Promise<string[]> {
  const opened: string[] = [];
  for (const [name, key] of [['old', oldKey], ['new', newKey]] as const) {
    const ok = await inSession(dir, (s) => checkErasureLists(s), { env: { CUTOVER_SNAPSHOT_KEY: key } }).then((ids) => ids.length === 1, () => false);
    if (ok) opened.push(name);
  }
  return opened;
}

beforeAll(async () => {
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run "npm run build" first (npm test does).`);
  writeFileSync(
    join(dir, 'cutover.yaml'),
    'customer: Test\nsources:\n  export: { files: export, include: ["*.csv"] }\nsnapshot_key_env: CUTOVER_SNAPSHOT_KEY\nspec: s.yaml\ntarget: { schema: t.sql }\nenvironments: { test: { database: embedded } }\n',
  );
  writeFileSync(join(dir, 's.yaml'), 'version: 1\nentities:\n  person:\n    source: people.csv\n    key: [PersonID]\n    table: person\n    fields:\n      email: { from: Email }\n');
  // an erasure list, sealed under the same key as the snapshots
  writeFileSync(join(dir, 'forget.txt'), 'PersonID\nP0000001\nP0000002\n');
  const imported = spawnSync(process.execPath, [cli, 'erase', 'import', join(dir, 'forget.txt'), '--entity', 'person', '--project', dir], { env, encoding: 'utf8' });
  if (imported.status !== 0) throw new Error(`erase import failed: ${imported.stderr}`);
  // two snapshots, of two deliveries
  for (const seed of [5, 6]) {
    rmSync(join(dir, 'export'), { recursive: true, force: true });
    await writeSampleExport({ outDir: join(dir, 'export'), rows: 20_000, seed });
    const collected = spawnSync(process.execPath, [cli, 'collect', '--project', dir], { env, encoding: 'utf8' });
    if (collected.status !== 0) throw new Error(`collect failed: ${collected.stderr}`);
  }
}, 240_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a rekey killed at random points', () => {
  it('leaves every snapshot whole under exactly one of the two keys, and running it again finishes the job', async () => {
    const ids = snapshotIds();
    expect(ids).toHaveLength(2);
    // how long a whole rekey takes here, on a copy: the kills fall anywhere within it
    const copy = `${dir}-timing`;
    cpSync(dir, copy, { recursive: true });
    const started = Date.now();
    const whole = spawnSync(process.execPath, [...rekeyArgs.slice(0, -1), copy], { env, encoding: 'utf8' });
    const took = Date.now() - started;
    expect(whole.status, whole.stderr).toBe(0);
    rmSync(copy, { recursive: true, force: true });
    const delays: number[] = [];
    // what each kill left: which key each snapshot opens under, e.g. "old new"
    const states: string[] = [];
    for (let round = 0; round < 6; round++) {
      const delay = Math.floor(took * (0.2 + Math.random() * 0.8));
      const when = round === 0 ? 'after the first switch' : `${delay} ms`;
      delays.push(delay);
      const child = spawn(process.execPath, rekeyArgs, { env, stdio: ['ignore', 'pipe', 'ignore'] });
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      // the first round is killed as soon as one snapshot is switched, so a snapshot under each key is seen; the others at random
      if (round === 0) child.stdout.on('data', (d: Buffer) => d.toString().includes('re-sealed') && child.kill('SIGKILL'));
      else child.stdout.resume();
      const timer = setTimeout(() => child.kill('SIGKILL'), round === 0 ? took * 2 : delay);
      const code = await exited;
      clearTimeout(timer);
      expect(snapshotIds(), `after a kill at ${delays.join(', ')} ms`).toEqual(ids);
      const opened: string[] = [];
      for (const id of ids) {
        const keys = await keysThatOpen(id);
        expect(keys, `snapshot ${id} after a kill at ${delays.join(', ')} ms`).toHaveLength(1);
        opened.push(keys[0]!);
      }
      expect(await keysThatOpenList(), `the erasure list after a kill at ${delays.join(', ')} ms`).toHaveLength(1);
      if (code === 0) break;
      states.push(`${when}: ${opened.join(' ')}`);
    }
    // the kills landed before the end, and one between the two snapshots' switches
    expect(states.length, `kills at ${delays.join(', ')} ms`).toBeGreaterThan(0);
    expect(states[0]).toMatch(/: (new old|old new)$/);
    console.info(`a whole rekey took ${took} ms; killed at: ${states.join('; ')}`);
    const again = spawnSync(process.execPath, rekeyArgs, { env, encoding: 'utf8' });
    expect(again.stderr).toBe('');
    expect(again.status).toBe(0);
    expect(snapshotIds()).toEqual(ids);
    for (const id of ids) expect(await keysThatOpen(id)).toEqual(['new']);
    expect(await keysThatOpenList()).toEqual(['new']);
    const audit = spawnSync(process.execPath, [cli, 'audit', 'verify', '--project', dir], { env: { ...env, CUTOVER_SNAPSHOT_KEY: newKey }, encoding: 'utf8' });
    expect(audit.stdout).toMatch(/^The audit log is intact: \d+ events, and it agrees with the \d+ places? its head was handed out/);
    expect(audit.status).toBe(0);
  }, 240_000);
});
