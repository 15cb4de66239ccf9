import { chmodSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../test-support/temp-dir.js';
import { inSession } from '../test-support/test-session.js';
import type { ProjectSession } from './project-session.js';
import { check, demoSnapshotKey, draftProjectContract, leftovers, profile, reconcile, runDemo, suggest } from './index.js';

// every step that reads a snapshot proves its manifest first: a manifest edited after
// collection (two column names swapped) would otherwise be read as the truth
const dir = tempDir('cutover-verified-snapshot');
const env = { CUTOVER_SNAPSHOT_KEY: demoSnapshotKey };
let id: string;

beforeAll(async () => {
  await inSession(dir.path, (s) => runDemo(s, { rows: 300, seed: 3, sampleChosen: true }), { env });
  const snapshots = join(dir.path, '.cutover', 'snapshots');
  [id] = readdirSync(snapshots) as [string];
  const path = join(snapshots, id, 'manifest.json');
  const manifest = JSON.parse(readFileSync(path, 'utf8')) as { tables: { columns: string[] }[] };
  const columns = manifest.tables[0]!.columns;
  [columns[0], columns[1]] = [columns[1]!, columns[0]!];
  chmodSync(path, 0o600);
  writeFileSync(path, JSON.stringify(manifest, null, 2));
});
afterAll(() => dir.cleanup());

const steps: Record<string, (s: ProjectSession) => Promise<unknown>> = {
  check: (s) => check(s),
  profile: (s) => profile(s),
  suggest: (s) => suggest(s),
  'contract draft': (s) => draftProjectContract(s),
  reconcile: (s) => reconcile(s),
  leftovers: (s) => leftovers(s),
};

describe('a snapshot whose manifest was edited', () => {
  it.each(Object.keys(steps))('is refused by %s', async (name) => {
    const error = await inSession(dir.path, steps[name]!, { env }).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'snapshot_tampered',
      message: `Snapshot ${id}: its manifest.json was edited after collection. A snapshot must never change: collect the source again.`,
    });
  });

  it('leaves no check report behind', () => {
    const reports = join(dir.path, 'reports');
    expect(existsSync(reports) ? readdirSync(reports).filter((f) => f.startsWith('check-')) : []).toEqual([]);
  });
});
