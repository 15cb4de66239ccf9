import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isCutoverError } from '../core/cutover-error.js';
import { openProjectStore } from '../store/project-store.js';
import { projectLayout } from '../store/project-layout.js';
import { targetIdAtLine } from '../store/record-reads.js';
import { cutover } from '../test-support/capture-io.js';
import { tempDir } from '../test-support/temp-dir.js';
import { inSession } from '../test-support/test-session.js';
import { demoSnapshotKey, migrate, runDemo } from './index.js';

const dir = tempDir('cutover-gc');
const env = { CUTOVER_SNAPSHOT_KEY: demoSnapshotKey };
const savedKey = process.env['CUTOVER_SNAPSHOT_KEY'];
const run = () => inSession(dir.path, (s) => migrate(s, { environment: 'test', fresh: true, resume: false }), { env });

/** Per run, its key map batches and ledger entries in the store. */
async function kept(): Promise<Record<string, { batches: number; ledger: number; dropped: boolean }>> {
  const store = await openProjectStore(projectLayout(dir.path), 'test', new Date());
  try {
    const rows = await store.db.query<{ id: string; batches: string; ledger: string; dropped: boolean }>(
      `SELECT r.id, (SELECT count(*) FROM cutover.key_map_batch b WHERE b.run_id = r.id) AS batches,
              (SELECT count(*) FROM cutover.ledger_entry l WHERE l.run_id = r.id) AS ledger, r.key_map_dropped_at IS NOT NULL AS dropped
         FROM cutover.run r ORDER BY r.id`,
    );
    return Object.fromEntries(rows.map((r) => [r.id, { batches: Number(r.batches), ledger: Number(r.ledger), dropped: r.dropped }]));
  } finally {
    await store.close();
  }
}

async function onStore(sql: string): Promise<void> {
  const store = await openProjectStore(projectLayout(dir.path), 'test', new Date());
  try {
    await store.db.query(sql);
  } finally {
    await store.close();
  }
}

beforeAll(async () => {
  process.env['CUTOVER_SNAPSHOT_KEY'] = demoSnapshotKey;
  await inSession(dir.path, (s) => runDemo(s, { rows: 300, seed: 5, sampleChosen: true }), { env });
}, 300_000);

afterAll(() => {
  if (savedKey === undefined) delete process.env['CUTOVER_SNAPSHOT_KEY'];
  else process.env['CUTOVER_SNAPSHOT_KEY'] = savedKey;
});

describe('the store does not keep the key maps of superseded runs', () => {
  it('keeps a signed-off run\'s key map; a later successful run drops the one it superseded, books and ledger kept', async () => {
    const first = await kept();
    expect(first['1']!.batches).toBeGreaterThan(0);
    // run 1 signed off: its key map stays whatever comes after
    await onStore(`INSERT INTO cutover.signoff (id, run_id, snapshot_hash, spec_hash, signed_by, signed_at, recorded_by, verdict, unexplained, answers)
      SELECT 1, id, snapshot_hash, spec_hash, 'Jo Bloggs', now(), 'tester', 'agreed', 0, '[]' FROM cutover.run WHERE id = 1`);
    const second = (await run()).run;
    expect([second.runId, second.status, second.keyMapsFreed]).toEqual([2, 'succeeded', undefined]);
    const third = (await run()).run;
    expect(third.keyMapsFreed?.runs).toEqual([2]);
    expect(third.keyMapsFreed!.bytes).toBeGreaterThan(1000);
    const now = await kept();
    expect(now).toEqual({
      '1': first['1'],
      '2': { batches: 0, ledger: now['2']!.ledger, dropped: true },
      '3': { batches: first['1']!.batches, ledger: first['1']!.ledger, dropped: false },
    });
    expect(now['2']!.ledger).toBe(first['1']!.ledger);
  }, 300_000);

  it('cutover gc frees the key map a revoked sign-off no longer holds, and says when there is nothing to free', async () => {
    await onStore("UPDATE cutover.signoff SET revoked_at = now(), revoked_by = 'tester', revoke_note = 'redo' WHERE run_id = 1");
    const freed = await cutover('gc', '--project', dir.path, '--json');
    expect(freed.code, freed.stderr).toBe(0);
    const json = JSON.parse(freed.stdout) as { key_maps_dropped: number[]; bytes_freed: number };
    expect(json.key_maps_dropped).toEqual([1]);
    expect(json.bytes_freed).toBeGreaterThan(1000);
    expect((await kept())['1']!.batches).toBe(0);
    const none = await cutover('gc', '--project', dir.path);
    expect([none.code, none.stdout]).toEqual([0, 'Nothing to free: every run\'s key map is still needed (the latest run of each environment, signed-off and live runs).\n']);
  }, 300_000);

  it('says plainly that a dropped run\'s key map is gone, naming the run to use instead', async () => {
    const store = await openProjectStore(projectLayout(dir.path), 'test', new Date());
    try {
      const refused = await targetIdAtLine(store.db, 2, 'person', 2).then(() => undefined, (e: unknown) => e);
      expect(isCutoverError(refused, 'key_map_dropped')).toBe(true);
      expect((refused as Error).message).toMatch(
        /^Run 2 no longer has its key map \(which source row became which record\), so finding its records in the new system cannot be done for it: it was dropped on \d{4}-\d\d-\d\d \d\d:\d\d UTC, when run 3 of environment "test" succeeded\. Its ledger and books are kept\. Use run 3 instead, or run the migration again\.$/,
      );
      expect(await targetIdAtLine(store.db, 3, 'person', 2)).toMatch(/^\d+$/);
    } finally {
      await store.close();
    }
  });
});
