import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { displayKey } from '../core/mapping/index.js';
import { readChangeManifest, writeSampleExport, changesName } from '../sample/index.js';
import { newSystemRows, newSystemSchema } from '../test-support/new-system.js';
import { rowsBySourceKey, runKeys } from '../test-support/rows-by-source-key.js';
import { withDatabase, freshPostgresDatabases } from '../test-support/servers.js';
import { tempDir } from '../test-support/temp-dir.js';
import { inSession } from '../test-support/test-session.js';
import { demoSnapshotKey, runDemo } from './demo.js';
import { collect, gapMigration, type GapResult } from './index.js';
import { migrate, type Migration } from './migrate.js';

// The sample's own later export (a day of work in the legacy system, every change in its
// manifest) carried over by a gap into a live production environment: every change in the
// manifest is applied or in the gap's ledger with its reason, and the new system then holds
// what a fresh full run of the later export gives, apart from ids and the rows kept.
const dir = tempDir('cutover-gap-sample');
const databases = { production: 'cutover_gap_sample_production', fresh: 'cutover_gap_sample_fresh' } as const;
const rows = 400;
const seed = 3;
let tick = 0;
const clock = () => new Date(Date.UTC(2026, 11, 1, 10, 0, tick++));
let urls: Record<keyof typeof databases, string>;
const env = () => ({ CUTOVER_SNAPSHOT_KEY: demoSnapshotKey, NEW_SYSTEM_URL: urls.production, FRESH_URL: urls.fresh });
const session = <T>(work: Parameters<typeof inSession<T>>[1]) => inSession(dir.path, work, { env: env(), clock });
const run = (environment: string) => session((s) => migrate(s, { environment, fresh: false, resume: true, overrideGate: { by: 'Sam Analyst', note: 'the gap test loads an unreviewed rehearsal' } }));
const storeQuery = (sql: string, params: (string | number)[] = []) => session(async (s) => (await s.store()).db.query(sql, params));

let full: Migration;
let gap: GapResult;

beforeAll(async () => {
  urls = await freshPostgresDatabases(databases);
  await withDatabase(urls.production, (db) => db.exec(newSystemSchema() + newSystemRows));
  await withDatabase(urls.fresh, (db) => db.exec(newSystemSchema()));
  await session((s) => runDemo(s, { rows, seed, sampleChosen: true }));
  appendFileSync(join(dir.path, 'cutover.yaml'), [
    '  production: { database_url_env: NEW_SYSTEM_URL, schema: public, stage: production }',
    '  fresh: { database_url_env: FRESH_URL, schema: public, stage: preproduction }',
    '',
  ].join('\n'));
  full = await run('production');
  expect(full.run.status).toBe('succeeded');
  await writeSampleExport({ outDir: join(dir.path, 'export'), rows, seed, daysLater: 3 });
  await session((s) => collect(s, { sources: [] }));
  gap = await session((s) => gapMigration(s, { environment: 'production' }));
}, 300_000);

afterAll(() => dir.cleanup());

describe('the sample\'s later export carried over by a gap', () => {
  it('balances its books', () => {
    expect(gap.error).toBeNull();
    expect(gap.gap.filter((b) => !b.balanced)).toEqual([]);
    expect(gap.gap.reduce((n, b) => n + b.inserted + b.updated, 0)).toBeGreaterThan(0);
  });

  it('applies every change of the manifest, or has it in its ledger with its reason', async () => {
    const manifest = readChangeManifest(join(dir.path, 'export', changesName));
    expect(manifest.changes.length).toBeGreaterThan(0);
    const entityOf = new Map(full.spec.entities.map((e) => [e.source, e.name]));
    const recorded = await storeQuery('SELECT entity, source_key, action FROM cutover.gap_change WHERE run_id = $1', [gap.runId]);
    const ledger = await storeQuery('SELECT entity, source_key, reason, message FROM cutover.ledger_entry WHERE run_id = $1 AND source_key IS NOT NULL', [gap.runId]);
    const byKey = new Map(recorded.map((r) => [`${r['entity']}|${displayKey(r['source_key']!)}`, r['action']]));
    const reasons = new Map(ledger.map((r) => [`${r['entity']}|${displayKey(r['source_key']!)}`, r['message']]));
    const unaccounted = manifest.changes.filter((c) => {
      const id = `${entityOf.get(c.table)}|${c.key}`;
      const action = byKey.get(id);
      if (action === undefined) return true;
      if (action === 'rejected' || action === 'excluded' || action === 'merged') return !reasons.get(id);
      return false;
    });
    expect(unaccounted).toEqual([]);
  });

  it('leaves the new system as a fresh full run of the later export would, apart from ids and the rows kept', async () => {
    const fresh = await run('fresh');
    expect(fresh.snapshot.id).toBe(gap.to);
    const books = (entities: readonly { seconds: number }[]) => entities.map(({ seconds: _s, ...b }) => b);
    expect(books(gap.entities)).toEqual(books(fresh.run.entities));
    const rowsOf = (runId: number, url: string) => session(async (s) => {
      const keys = await runKeys((await s.store()).db, runId);
      return withDatabase(url, (db) => rowsBySourceKey(full.spec, keys, db, 'public'));
    });
    expect(await rowsOf(gap.runId, urls.production)).toEqual(await rowsOf(fresh.run.runId, urls.fresh));
  });
});
