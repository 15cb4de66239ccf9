import { lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoSnapshotKey, runDemo } from '../pipeline/index.js';
import { tempDir } from '../test-support/temp-dir.js';
import { inSession } from '../test-support/test-session.js';

// a project's state holds the customer's data: nobody but its owner may read it
const dir = tempDir('cutover-owner-only');

function walk(path: string): { path: string; mode: number }[] {
  const stat = lstatSync(path);
  const here = { path, mode: stat.mode & 0o777 };
  if (!stat.isDirectory()) return [here];
  return [here, ...readdirSync(path).flatMap((name) => walk(join(path, name)))];
}

beforeAll(async () => {
  await inSession(dir.path, (s) => runDemo(s, { rows: 200, seed: 3, sampleChosen: true }), { env: { CUTOVER_SNAPSHOT_KEY: demoSnapshotKey } });
});
afterAll(() => dir.cleanup());

describe('the project state folder', () => {
  it('lets neither group nor others read or write anything in it', () => {
    const entries = walk(join(dir.path, '.cutover'));
    expect(entries.some((e) => e.path.includes(`${join('.cutover', 'db')}`))).toBe(true);
    expect(entries.some((e) => e.path.includes(`${join('.cutover', 'snapshots')}`))).toBe(true);
    expect(entries.filter((e) => (e.mode & 0o077) !== 0)).toEqual([]);
  });
});
