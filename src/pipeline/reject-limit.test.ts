import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isCutoverError } from '../core/cutover-error.js';
import { inSession } from '../test-support/test-session.js';
import { demoSnapshotKey, runDemo } from './demo.js';
import { migrate, type Migration } from './migrate.js';
import { projectStatus } from './project-status.js';
import { signOff } from './signoff.js';

// A run that loads but rejects more rows than its spec allows is not a success: it ends
// loaded, marked as needing attention, with the commonest reasons, and cannot be signed off.
const clock = () => new Date('2026-11-23T10:00:00Z');
const dir = mkdtempSync(join(tmpdir(), 'cutover-reject-limit-'));
const env = { CUTOVER_SNAPSHOT_KEY: demoSnapshotKey };
let demo: Awaited<ReturnType<typeof runDemo>>;
let run: Migration;

beforeAll(async () => {
  demo = await inSession(dir, (s) => runDemo(s, { rows: 1200, seed: 4, sampleChosen: true }), { env, clock });
  // the new system takes valuations only: two diary entries in three are refused, under the default limit of 5%
  const schema = join(dir, 'target', 'schema.sql');
  writeFileSync(schema, readFileSync(schema, 'utf8').replace("CHECK (kind IN ('viewing', 'valuation', 'inspection'))", "CHECK (kind = 'valuation')"));
  // and people may lose one row at most
  const spec = join(dir, 'specs', 'estate-agency.yaml');
  writeFileSync(spec, readFileSync(spec, 'utf8').replace('    key: [PersonID]\n    table: person\n', '    key: [PersonID]\n    table: person\n    max_rejected: 1\n'));
  run = await inSession(dir, (s) => migrate(s, { environment: 'test', fresh: true, resume: false }), { env, clock });
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a run past its limit of rejected rows', () => {
  it('the sample itself stays within the default limit', () => {
    expect(demo.run.status).toBe('succeeded');
  });

  it('ends loaded and balanced, but needs attention, naming each entity past its limit with its commonest reasons', () => {
    expect(run.run.status).toBe('needs_attention');
    expect(run.run.error).toBe(null);
    expect(run.run.entities.every((e) => e.balanced)).toBe(true);
    const diary = run.run.entities.find((e) => e.entity === 'diary_entry')!;
    const person = run.run.entities.find((e) => e.entity === 'person')!;
    expect(diary.loaded).toBeGreaterThan(0);
    expect(person.rejected).toBeGreaterThan(1);
    expect(run.run.attention?.map((a) => [a.entity, a.source, a.rejected, a.limit])).toEqual([
      ['person', person.source, person.rejected, '1 row'],
      ['diary_entry', diary.source, diary.rejected, '5% of its rows'],
    ]);
    const diaryReasons = run.run.attention![1]!.reasons;
    expect(diaryReasons.length).toBeGreaterThan(0);
    expect(diaryReasons.length).toBeLessThanOrEqual(3);
    expect(diaryReasons[0]).toMatchObject({ why: 'the new system refused the row' });
    expect(diaryReasons[0]!.example).toMatch(/^diary\.csv line \d+: the new system refused this row: .*diary_entry_kind_check/);
    expect(diaryReasons.map((r) => r.rows).reduce((a, b) => a + b)).toBeLessThanOrEqual(diary.rejected);
  });

  it('shows in the status and is refused a sign-off like a failed run', async () => {
    const status = await inSession(dir, projectStatus, { env, clock });
    expect(status.environments.find((e) => e.env === 'test')?.latestRun?.status).toBe('needs_attention');
    const refusal = await inSession(dir, (s) => signOff(s, { run: String(run.run.runId), by: 'Jo' }), { env, clock }).catch((e: unknown) => e);
    expect(isCutoverError(refusal, 'signoff_refused')).toBe(true);
    expect((refusal as Error).message).toContain(`Run ${run.run.runId} needs attention: it rejected more rows than the spec allows`);
  });
});
