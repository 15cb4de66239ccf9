import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../test-support/temp-dir.js';
import { markTaskDone, readPlanFacts, readTasksDone } from './plan-records.js';
import { projectLayout } from './project-layout.js';
import { openProjectStore, type ProjectStore } from './project-store.js';
import { finishRun, startRun } from './run-records.js';

const dir = tempDir('cutover-plan-records');
let store: ProjectStore;
const run = { target: 'the embedded database', snapshotId: 's1', snapshotHash: 'h', specFile: 'spec.yaml', specHash: 'sh', specFiles: [] };

beforeAll(async () => {
  store = await openProjectStore(projectLayout(dir.path), 'test', new Date('2027-03-01T10:00:00Z'));
});
afterAll(async () => {
  await store.close();
  dir.cleanup();
});

describe('the plan\'s records', () => {
  it('keeps the first time a task was marked done', async () => {
    const first = await markTaskDone(store.db, { task: 'archive', title: 'Move the archive', at: new Date('2027-03-30T10:00:00Z'), by: 'jo', note: 'filed' });
    const again = await markTaskDone(store.db, { task: 'archive', title: 'Move the archive', at: new Date('2027-03-31T10:00:00Z'), by: 'sam', note: null });
    const done = { task: 'archive', title: 'Move the archive', at: '2027-03-30T10:00:00.000Z', by: 'jo', note: 'filed' };
    expect([first, again]).toEqual([{ done, already: false }, { done, already: true }]);
    expect(await readTasksDone(store.db)).toEqual([done]);
  });

  it('reads every run as a full one, until runs carry their kind; then a gap run as a gap run', async () => {
    const id = await startRun(store.db, { ...run, env: 'production', at: new Date('2027-03-29T08:00:00Z') });
    await finishRun(store.db, id, 'succeeded', null, new Date('2027-03-29T09:00:00Z'));
    const full = { id, env: 'production', kind: 'full', status: 'succeeded', finishedAt: '2027-03-29T09:00:00.000Z' };
    expect((await readPlanFacts(store.db)).runs).toEqual([full]);
    // the column gap runs are recorded with
    await store.db.exec("ALTER TABLE cutover.run ADD COLUMN IF NOT EXISTS kind text NOT NULL DEFAULT 'full'");
    const gap = await startRun(store.db, { ...run, env: 'production', at: new Date('2027-03-30T08:00:00Z') });
    await store.db.query("UPDATE cutover.run SET kind = 'gap' WHERE id = $1", [gap]);
    await finishRun(store.db, gap, 'succeeded', null, new Date('2027-03-30T09:00:00Z'));
    expect((await readPlanFacts(store.db)).runs).toEqual([full, { id: gap, env: 'production', kind: 'gap', status: 'succeeded', finishedAt: '2027-03-30T09:00:00.000Z' }]);
  });
});
