import { chmodSync, lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoSnapshotKey, runDemo } from '../pipeline/index.js';
import { tempDir } from '../test-support/temp-dir.js';
import { inSession } from '../test-support/test-session.js';
import { projectLayout } from './project-layout.js';
import { openProjectStore } from './project-store.js';

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

  it('is closed again when a project left open to others is next opened', async () => {
    const layout = projectLayout(dir.path);
    const opened = walk(layout.stateDir);
    for (const entry of opened) chmodSync(entry.path, lstatSync(entry.path).isDirectory() ? 0o755 : entry.mode | 0o044);
    const store = await openProjectStore(layout, 'cutover status', new Date('2026-11-23T10:00:00Z'));
    await store.close();
    const closed = walk(layout.stateDir);
    expect(closed.filter((e) => (e.mode & 0o077) !== 0)).toEqual([]);
    // published snapshot files stay read-only
    const snapshots = (entries: { path: string }[]) => entries.filter((e) => e.path.startsWith(layout.snapshotsDir));
    expect(snapshots(closed)).toEqual(snapshots(opened));
  });
});
