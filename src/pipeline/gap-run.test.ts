import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quoteIdent, type Database } from '../connectors/database.js';
import { CutoverError } from '../core/cutover-error.js';
import { ExportFile } from '../test-support/export-edits.js';
import { newSystemRows, newSystemSchema } from '../test-support/new-system.js';
import { rowsBySourceKey, runKeys } from '../test-support/rows-by-source-key.js';
import { withDatabase, freshPostgresDatabases } from '../test-support/servers.js';
import { tempDir } from '../test-support/temp-dir.js';
import { inSession } from '../test-support/test-session.js';
import { demoSnapshotKey, runDemo } from './demo.js';
import { collect, gapMigration, writeReviewWorkbook, type GapResult } from './index.js';
import { migrate, type Migration } from './migrate.js';
import { reconcile } from './reconcile-project.js';

// The sample loads the new system's own database as a live production environment
// (export A); the legacy system then changes (export B: new, changed and deleted rows);
// a gap carries B over. The new system then holds what a fresh full run of B gives an
// empty database, apart from ids and from the deleted rows, kept or deleted as the spec says.
const dir = tempDir('cutover-gap');
const databases = { production: 'cutover_gap_production', fresh: 'cutover_gap_fresh' } as const;
// time moves on, so the later export is the latest snapshot
let tick = 0;
const clock = () => new Date(Date.UTC(2026, 11, 1, 10, 0, tick++));
let urls: Record<keyof typeof databases, string>;
const env = () => ({ CUTOVER_SNAPSHOT_KEY: demoSnapshotKey, NEW_SYSTEM_URL: urls.production, FRESH_URL: urls.fresh });
const session = <T>(work: Parameters<typeof inSession<T>>[1]) => inSession(dir.path, work, { env: env(), clock });
const run = (environment: string) => session((s) => migrate(s, { environment, fresh: false, resume: true, overrideGate: { by: 'Sam Analyst', note: 'the gap test loads an unreviewed rehearsal' } }));
const gap = (o: { fromId?: string; toId?: string } = {}) => session((s) => gapMigration(s, { environment: 'production', batchRows: 7, ...o }));
const storeQuery = (sql: string, params: (string | number)[] = []) => session(async (s) => (await s.store()).db.query(sql, params));

let full: Migration;
let snapshotA: string;
let snapshotB: string;
/** what the legacy system changed, by hand, as the later export has it */
const edits = { newPerson: 'P9000001', newProperty: 'PR900001', newTenancy: 'T900001', newDiary: 'D9000001' } as Record<string, string>;

beforeAll(async () => {
  urls = await freshPostgresDatabases(databases);
  await withDatabase(urls.production, (db) => db.exec(newSystemSchema() + newSystemRows));
  await withDatabase(urls.fresh, (db) => db.exec(newSystemSchema()));
  await session((s) => runDemo(s, { rows: 300, seed: 11, sampleChosen: true }));
  // diary entries deleted in the legacy system are deleted in the new one too; balances are kept
  const specPath = join(dir.path, 'specs', 'estate-agency.yaml');
  writeFileSync(specPath, readFileSync(specPath, 'utf8').replace('    table: diary_entry\n', '    table: diary_entry\n    on_delete: delete\n'));
  appendFileSync(join(dir.path, 'cutover.yaml'), [
    '  production: { database_url_env: NEW_SYSTEM_URL, schema: public, stage: production }',
    '  fresh: { database_url_env: FRESH_URL, schema: public, stage: preproduction }',
    '',
  ].join('\n'));
  await session((s) => collect(s, { sources: [] }));
  full = await run('production');
  expect(full.run.status).toBe('succeeded');
  snapshotA = full.snapshot.id;
  const loaded = await session(async (s) => runKeys((await s.store()).db, full.run.runId));
  makeLaterExport(join(dir.path, 'export'), (entity, key) => [...(loaded.get(entity)?.values() ?? [])].includes(key));
  snapshotB = (await session((s) => collect(s, { sources: [] }))).snapshot.id;
}, 300_000);

afterAll(() => dir.cleanup());

/** Edits export A into export B, as a day of work in the legacy system would. */
function makeLaterExport(exportDir: string, isLoaded: (entity: string, key: string) => boolean): void {
  const people = ExportFile.of(exportDir, 'people.csv');
  const phoned = people.find((c) => isLoaded('person', c[0]!) && c[5] !== '');
  edits['phoned'] = people.get(phoned, 'PersonID');
  people.set(phoned, 'Phone', '07700 900999');
  // a person nothing else refers to but their roles, deleted with them
  const referred = ['properties.csv', 'tenancies.csv', 'diary.csv', 'balances.csv'].map((f) => readFileSync(join(exportDir, f), 'latin1')).join('\n');
  const leaving = people.find((c) => isLoaded('person', c[0]!) && !referred.includes(c[0]!), [phoned]);
  edits['personDeleted'] = people.get(leaving, 'PersonID');
  people.remove(leaving);
  const roles = ExportFile.of(exportDir, 'person_roles.csv');
  const theirs = roles.plain().filter((i) => roles.get(i, 'PersonID').trim() === edits['personDeleted']);
  edits['rolesDeleted'] = String(theirs.length);
  for (const i of theirs.reverse()) roles.remove(i);
  roles.save();
  people.append([edits['newPerson']!, 'Mrs', 'Nadia', 'Newcomer', 'nadia.newcomer@example.com', '07700 900001', '01/12/2026', '']);
  people.save();

  const properties = ExportFile.of(exportDir, 'properties.csv');
  const sold = properties.find((c) => isLoaded('property', c[0]!) && c[6] === 'For Sale' && isLoaded('person', c[1]!));
  edits['sold'] = properties.get(sold, 'PropertyID');
  properties.set(sold, 'Status', 'Sold');
  const landlord = properties.get(sold, 'LandlordID');
  properties.append([edits['newProperty']!, landlord, '1 New Road', 'Leeds', 'LS1 1AA', 'Flat', 'To Let', '', '1200.00']);
  properties.save();

  const tenancies = ExportFile.of(exportDir, 'tenancies.csv');
  const ended = tenancies.find((c) => isLoaded('tenancy', c[0]!) && c[7] === 'Current' && c[4] === '');
  edits['ended'] = tenancies.get(ended, 'TenancyID');
  tenancies.set(ended, 'EndDate', '30/11/2026');
  tenancies.set(ended, 'Status', 'Ended');
  // a new tenancy of an old property, by the new person
  tenancies.append([edits['newTenancy']!, edits['sold']!, edits['newPerson']!, '01/12/2026', '', '1200.00', '1400.00', 'Current']);
  tenancies.save();

  const diary = ExportFile.of(exportDir, 'diary.csv');
  const moved = diary.find((c) => isLoaded('diary_entry', c[0]!) && c[1] === 'Viewing' && c[2] !== edits['sold']);
  edits['moved'] = diary.get(moved, 'EntryID');
  diary.set(moved, 'PropertyID', edits['sold']!);
  diary.append([edits['newDiary']!, 'Viewing', edits['newProperty']!, edits['newPerson']!, '02/12/2026', '10:30', 'first viewing']);
  const gone = diary.find((c) => isLoaded('diary_entry', c[0]!), [moved]);
  edits['diaryDeleted'] = diary.get(gone, 'EntryID');
  diary.remove(gone);
  diary.save();

  const balances = ExportFile.of(exportDir, 'balances.csv');
  const moving = balances.find((c) => isLoaded('opening_balance', c[0]!) && /^\d+\.\d\d$/.test(c[4]!));
  edits['balanceMoved'] = balances.get(moving, 'AccountRef');
  balances.set(moving, 'Balance', '1234.56');
  const kept = balances.find((c) => isLoaded('opening_balance', c[0]!), [moving]);
  edits['balanceDeleted'] = balances.get(kept, 'AccountRef');
  balances.remove(kept);
  balances.save();
}

const rowsOf = (runId: number, url: string) => session(async (s) => {
  const keys = await runKeys((await s.store()).db, runId);
  return withDatabase(url, (db) => rowsBySourceKey(full.spec, keys, db, 'public'));
});
const books = (entities: GapResult['entities']) => entities.map(({ seconds: _s, ...b }) => b);

describe('a gap migration into a live production environment', () => {
  let result: GapResult;
  let fresh: Migration;

  it('is refused into an environment never loaded, writing nothing', async () => {
    const runsBefore = await storeQuery('SELECT id, status FROM cutover.run ORDER BY id');
    const error = await session((s) => gapMigration(s, { environment: 'fresh' })).catch((e: unknown) => e);
    expect({ code: (error as CutoverError).code, message: (error as Error).message }).toEqual({
      code: 'gap_unloaded',
      message: 'Environment "fresh" has never been loaded, so there is nothing to carry changes over to. Load it first with cutover run --env fresh; a gap migration then carries over what changed since.',
    });
    expect(await storeQuery('SELECT id, status FROM cutover.run ORDER BY id')).toEqual(runsBefore);
  });

  it('is refused while the environment holds another snapshot than --from, naming both', async () => {
    const error = await gap({ fromId: snapshotB }).catch((e: unknown) => e);
    expect({ code: (error as CutoverError).code, message: (error as Error).message }).toEqual({
      code: 'gap_from_mismatch',
      message: `Environment "production" holds snapshot ${snapshotA} (loaded by run ${full.run.runId}), not snapshot ${snapshotB}: a gap carries over the changes from the snapshot the environment holds. Run cutover gap --env production --from ${snapshotA}, or leave --from out.`,
    });
  });

  it('stopped part-way, carries on where it stopped and carries over every change once, its books balanced', async () => {
    const stop = new AbortController();
    const stopped = await inSession(dir.path, (s) => gapMigration(s, {
      environment: 'production', batchRows: 1, onProgress: (p) => { if (p.entity === 'tenancy') stop.abort(); },
    }), { env: env(), clock, signal: stop.signal }).catch((e: unknown) => e);
    expect((stopped as CutoverError).code).toBe('cancelled');
    const [interrupted] = await storeQuery("SELECT id::int AS id, status, kind FROM cutover.run WHERE kind = 'gap'");
    expect(interrupted).toMatchObject({ status: 'running', kind: 'gap' });
    const appliedBefore = await withDatabase(urls.production, (db) => db.query<{ n: string }>('SELECT count(*)::text AS n FROM cutover_env_production.gap_change'));
    expect(Number(appliedBefore[0]!.n)).toBeGreaterThan(0);
    result = await gap();
    expect(result.runId).toBe(interrupted!['id']);
    expect(result.error).toBeNull();
    expect(result.status).toBe('succeeded');
    expect(result.from).toBe(snapshotA);
    expect(result.to).toBe(snapshotB);
    const byEntity = Object.fromEntries(result.gap.map((b) => [b.entity, b]));
    expect(byEntity['person']).toMatchObject({ added: 1, changed: 1, removedAtSource: 1, inserted: 1, updated: 1, kept: 1, balanced: true });
    expect(byEntity['property']).toMatchObject({ added: 1, changed: 1, inserted: 1, updated: 1, balanced: true });
    expect(byEntity['tenancy']).toMatchObject({ added: 1, changed: 1, inserted: 1, updated: 1, balanced: true });
    expect(byEntity['diary_entry']).toMatchObject({ added: 1, changed: 1, removedAtSource: 1, inserted: 1, updated: 1, deleted: 1, balanced: true });
    expect(byEntity['opening_balance']).toMatchObject({ changed: 1, removedAtSource: 1, updated: 1, kept: 1, balanced: true });
    expect(result.gap.every((b) => b.balanced)).toBe(true);
  });

  it('leaves the new system as a fresh full run of the later export would, apart from ids and the deleted rows', async () => {
    fresh = await run('fresh');
    expect(fresh.snapshot.id).toBe(snapshotB);
    expect(books(result.entities)).toEqual(books(fresh.run.entities));
    const [afterGap, afterFresh] = [await rowsOf(result.runId, urls.production), await rowsOf(fresh.run.runId, urls.fresh)];
    expect(JSON.stringify(afterGap)).not.toContain('dangling');
    expect(afterGap).toEqual(afterFresh);
    const changed = (table: string, key: string) => afterGap[table]!.filter((r) => (JSON.parse(r) as { id: string }).id === key);
    expect(changed('person', edits['phoned']!).map((r) => JSON.parse(r).phone)).toEqual(['07700 900999']);
    expect(changed('tenancy', edits['newTenancy']!).map((r) => [JSON.parse(r).property_id, JSON.parse(r).tenant_id]))
      .toEqual([[`property:${edits['sold']}`, `person:${edits['newPerson']}`]]);
    expect(changed('diary_entry', edits['moved']!).map((r) => JSON.parse(r).property_id)).toEqual([`property:${edits['sold']}`]);
  });

  it('keeps the deleted balance and deletes the deleted diary entry, as the spec says', async () => {
    const heldKeys = await session(async (s) => runKeys((await s.store()).db, full.run.runId));
    const idOf = (entity: string, key: string) => [...heldKeys.get(entity)!].find(([, k]) => k === key)?.[0];
    const balance = idOf('opening_balance', edits['balanceDeleted']!);
    const diary = idOf('diary_entry', edits['diaryDeleted']!);
    await withDatabase(urls.production, async (db: Database) => {
      const count = async (table: string, id: string | undefined) => Number((await db.query<{ n: string }>(`SELECT count(*) AS n FROM public.${quoteIdent(table)} WHERE id = $1`, [id ?? -1]))[0]!.n);
      expect(await count('opening_balance', balance)).toBe(1);
      expect(diary).toBeDefined();
      expect(await count('diary_entry', diary)).toBe(0);
    });
    const recorded = await storeQuery("SELECT entity, action, source_key FROM cutover.gap_change WHERE run_id = $1 AND action IN ('kept', 'deleted') AND entity <> 'person_role' ORDER BY entity, source_key", [result.runId]);
    // the person's roles go with them: kept as the person is, or never loaded
    const roles = await storeQuery("SELECT action, count(*)::int AS n FROM cutover.gap_change WHERE run_id = $1 AND entity = 'person_role' GROUP BY action ORDER BY action", [result.runId]);
    expect(roles.reduce((n, r) => n + Number(r['n']), 0)).toBe(Number(edits['rolesDeleted']));
    expect(roles.map((r) => r['action']).every((a) => a === 'kept' || a === 'absent')).toBe(true);
    expect(recorded).toEqual([
      { entity: 'diary_entry', action: 'deleted', source_key: edits['diaryDeleted'] },
      { entity: 'opening_balance', action: 'kept', source_key: edits['balanceDeleted'] },
      { entity: 'person', action: 'kept', source_key: edits['personDeleted'] },
    ]);
  });

  it('reconciles against the later snapshot: counts and money three ways, every column of every row', async () => {
    const r = await session((s) => reconcile(s, { run: String(result.runId) }));
    expect(r.snapshot.id).toBe(snapshotB);
    expect(r.unexplained).toBe(0);
    const f = await session((s) => reconcile(s, { run: String(fresh.run.runId) }));
    const lines = (x: typeof r) => x.counts.map((c) => [c.ref, c.snapshot, c.target, c.status]);
    expect(lines(r)).toEqual(lines(f));
    expect(r.totals.map((t) => [t.ref, t.snapshot, t.target, t.status])).toEqual(f.totals.map((t) => [t.ref, t.snapshot, t.target, t.status]));
    expect(r.columns.every((c) => c.differ === 0)).toBe(true);
    // the review workbook of the gap, for the customer, from the same reconciliation
    const review = await session((s) => writeReviewWorkbook(s, r));
    expect([existsSync(review.xlsx), readFileSync(review.html, 'utf8').includes(`Run ${result.runId} is a gap migration`)]).toEqual([true, true]);
    expect(r.notices?.filter((n) => !n.startsWith('The quality gate was overridden'))).toEqual([
      `Run ${result.runId} is a gap migration from snapshot ${snapshotA} to ${snapshotB}: the new system is compared with snapshot ${snapshotB}.`,
      `person: of the rows deleted in the legacy system since snapshot ${snapshotA}, the new system has 1 kept; rows kept are not counted against snapshot ${snapshotB}.`,
      `person_role: of the rows deleted in the legacy system since snapshot ${snapshotA}, the new system has ${edits['rolesDeleted']} kept; rows kept are not counted against snapshot ${snapshotB}.`,
      `diary_entry: of the rows deleted in the legacy system since snapshot ${snapshotA}, the new system has 1 deleted; rows kept are not counted against snapshot ${snapshotB}.`,
      `opening_balance: of the rows deleted in the legacy system since snapshot ${snapshotA}, the new system has 1 kept; rows kept are not counted against snapshot ${snapshotB}.`,
    ]);
  });

  it('is refused when applied a second time, and from a snapshot the environment no longer holds', async () => {
    const again = await gap().catch((e: unknown) => e);
    expect({ code: (again as CutoverError).code, message: (again as Error).message }).toEqual({
      code: 'gap_applied',
      message: `Environment "production" already holds snapshot ${snapshotB} (loaded by the gap migration of run ${result.runId} from snapshot ${snapshotA}): there is nothing to carry over. Collect a later snapshot first.`,
    });
    const twice = await gap({ fromId: snapshotA, toId: snapshotB }).catch((e: unknown) => e);
    expect({ code: (twice as CutoverError).code, message: (twice as Error).message }).toEqual({
      code: 'gap_applied',
      message: `The gap from snapshot ${snapshotA} to ${snapshotB} was applied to environment "production" by run ${result.runId} already; applying it again would repeat every change. The environment now holds snapshot ${snapshotB}.`,
    });
  });

  it('refuses a later export with a row whose key is blank, before anything is written', async () => {
    const diary = ExportFile.of(join(dir.path, 'export'), 'diary.csv');
    diary.append(['  ', 'Viewing', edits['newProperty']!, '', '03/12/2026', '09:00', 'typed without a reference']);
    diary.save();
    const snapshotC = (await session((s) => collect(s, { sources: [] }))).snapshot.id;
    const runsBefore = await storeQuery('SELECT id, status FROM cutover.run ORDER BY id');
    const target = await withDatabase(urls.production, (db) => db.query('SELECT count(*)::int AS n FROM public.diary_entry'));
    const error = await gap().catch((e: unknown) => e);
    expect({ code: (error as CutoverError).code, message: (error as Error).message }).toEqual({
      code: 'gap_blank_key',
      message: `Snapshot ${snapshotC} has rows without a reference that snapshot ${snapshotB} did not have, so they cannot be matched to what the new system holds:\n` +
        `diary.csv line ${diary.lines.length}: the reference (EntryID) is blank\n` +
        'Nothing was changed. Have the legacy system give every row its reference, collect again, and carry the gap over from the new snapshot.',
    });
    expect(await storeQuery('SELECT id, status FROM cutover.run ORDER BY id')).toEqual(runsBefore);
    expect(await withDatabase(urls.production, (db) => db.query('SELECT count(*)::int AS n FROM public.diary_entry'))).toEqual(target);
  });
});
