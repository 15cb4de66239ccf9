import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeSampleExport } from '../sample/index.js';

// the built command, as a user runs it: `npm test` builds before testing
const cli = new URL('../../dist/cli/main.js', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'cutover-kill-'));
const env = { ...process.env, CUTOVER_SNAPSHOT_KEY: '5a'.repeat(32) };

beforeAll(async () => {
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run "npm run build" first (npm test does).`);
  mkdirSync(join(dir, 'export'));
  await writeSampleExport({ outDir: join(dir, 'export'), rows: 300_000, seed: 5 });
  writeFileSync(
    join(dir, 'cutover.yaml'),
    'customer: Test\nsources:\n  export: { files: export, include: ["*.csv"] }\nsnapshot_key_env: CUTOVER_SNAPSHOT_KEY\nspec: s.yaml\ntarget: { schema: t.sql }\nenvironments: { test: { database: embedded } }\n',
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a collect killed halfway', () => {
  it('leaves no snapshot that looks complete, and the next collect starts clean', async () => {
    const child = spawn(process.execPath, [cli, 'collect', '--project', dir], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    // kill it once it is writing the second table
    await new Promise<void>((resolve) => {
      child.stderr.on('data', (d: Buffer) => {
        if (d.toString().includes('rows')) {
          child.kill('SIGKILL');
          resolve();
        }
      });
    });
    await new Promise((resolve) => child.on('exit', resolve));
    const snapshots = join(dir, '.cutover', 'snapshots');
    expect(readdirSync(snapshots).filter((n) => !n.startsWith('.'))).toEqual([]);
    const listed = spawnSync(process.execPath, [cli, 'snapshots', '--project', dir, '--json'], { env, encoding: 'utf8' });
    expect(JSON.parse(listed.stdout)).toEqual([]);

    const again = spawnSync(process.execPath, [cli, 'collect', '--project', dir, '--json'], { env, encoding: 'utf8' });
    expect(again.status).toBe(0);
    const snapshot = JSON.parse(again.stdout) as { id: string };
    expect(readdirSync(snapshots)).toEqual([snapshot.id]);
    const verified = spawnSync(process.execPath, [cli, 'snapshots', 'verify', '--project', dir], { env, encoding: 'utf8' });
    expect(verified.stdout).toMatch(new RegExp(`^Snapshot ${snapshot.id} is intact: 7 tables, 14 sealed blobs`));
  });
});
