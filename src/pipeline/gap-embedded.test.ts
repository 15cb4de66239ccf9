import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeSampleExport } from '../sample/index.js';
import { rowsBySourceKey, runKeys } from '../test-support/rows-by-source-key.js';
import { tempDir } from '../test-support/temp-dir.js';
import { inSession } from '../test-support/test-session.js';
import { demoSnapshotKey, runDemo } from './demo.js';
import { collect, gapMigration } from './index.js';
import { migrate } from './migrate.js';

// A gap rehearsed in a test environment of the embedded database: the sample's test run,
// then its export two days later carried over; the environment then holds what a full run
// of the later export gives another test environment.
const dir = tempDir('cutover-gap-embedded');
let tick = 0;
const clock = () => new Date(Date.UTC(2026, 11, 1, 10, 0, tick++));
const session = <T>(work: Parameters<typeof inSession<T>>[1]) => inSession(dir.path, work, { env: { CUTOVER_SNAPSHOT_KEY: demoSnapshotKey }, clock });

afterAll(() => dir.cleanup());

describe('a gap into a test environment of the embedded database', () => {
  it('leaves it as a full run of the later export leaves another', async () => {
    const demo = await session((s) => runDemo(s, { rows: 250, seed: 9, sampleChosen: true }));
    appendFileSync(join(dir.path, 'cutover.yaml'), '  again: { database: embedded }\n');
    await writeSampleExport({ outDir: join(dir.path, 'export'), rows: 250, seed: 9, daysLater: 2 });
    await session((s) => collect(s, { sources: [] }));
    const gap = await session((s) => gapMigration(s, { environment: 'test' }));
    expect(gap.error).toBeNull();
    expect(gap.from).toBe(demo.snapshot.id);
    expect(gap.gap.filter((b) => !b.balanced)).toEqual([]);
    const again = await session((s) => migrate(s, { environment: 'again', fresh: false, resume: true }));
    expect(again.snapshot.id).toBe(gap.to);
    const books = (entities: readonly { seconds: number }[]) => entities.map(({ seconds: _s, ...b }) => b);
    expect(books(gap.entities)).toEqual(books(again.run.entities));
    const rows = await session(async (s) => {
      const db = (await s.store()).db;
      return [
        await rowsBySourceKey(again.spec, await runKeys(db, gap.runId), db, 'env_test'),
        await rowsBySourceKey(again.spec, await runKeys(db, again.run.runId), db, 'env_again'),
      ];
    });
    expect(rows[0]).toEqual(rows[1]);
    // a demo, a gap and a full run in the embedded database, on a busy machine
  }, 600_000);
});
