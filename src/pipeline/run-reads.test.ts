import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { isCutoverError } from '../core/cutover-error.js';
import { projectLayout } from '../store/project-layout.js';
import type { SqlValue } from '../connectors/database.js';
import type { RunProgress, RunResult } from '../core/run-result.js';
import { blobBinding, type SnapshotManifest } from '../store/snapshot-manifest.js';
import { sealedManifestName, snapshotDir } from '../store/snapshot-store.js';
import { verifySnapshot } from '../store/snapshot-verify.js';
import { createSealWriter, openSealReader, snapshotKeyFrom, type SnapshotKey } from '../store/sealed/index.js';
import { collect } from './collect.js';
import { demoSnapshotKey, runDemo } from './demo.js';
import type { MappingFinished } from './mapping-messages.js';
import { inSession } from '../test-support/test-session.js';
import { migrate as migrateStep, type MigrateOptions } from './migrate.js';

// A run reads each table it maps once, on the mapping thread, verifying it as it reads,
// and adds up the money on the way; it opens no other blob but the sealed manifest.
// Both threads are watched: this one's opens of sealed files, and the mapping thread's
// own count of what it opened, from its last message.
const seen = vi.hoisted(() => ({ opened: [] as string[], finished: [] as MappingFinished[] }));

vi.mock('../store/sealed/seal-reader.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../store/sealed/seal-reader.js')>();
  return {
    ...real,
    openSealReader: (path: string, key: SnapshotKey, aad: string) => {
      seen.opened.push(path);
      return real.openSealReader(path, key, aad);
    },
  };
});

vi.mock('./mapping-thread.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('./mapping-thread.js')>();
  return {
    ...real,
    startMappingThread: (...args: Parameters<typeof real.startMappingThread>) => {
      const thread = real.startMappingThread(...args);
      return {
        ...thread,
        async finished() {
          const last = await thread.finished();
          seen.finished.push(last);
          return last;
        },
      };
    },
  };
});

const clock = () => new Date('2026-11-23T10:00:00Z');
const dir = mkdtempSync(join(tmpdir(), 'cutover-reads-'));
const layout = projectLayout(dir);
const env = { CUTOVER_SNAPSHOT_KEY: demoSnapshotKey };
const key = snapshotKeyFrom(env, 'CUTOVER_SNAPSHOT_KEY');
let snapshot: SnapshotManifest;
/** a whole run after the set-up, and what both threads said they opened */
let first: { run: RunResult; opened: string[]; finished: MappingFinished[] };

/** Runs the migration as one command does: a session of its own, stopped by `signal`. */
const migrate = (extra: Partial<MigrateOptions> & { signal?: AbortSignal } = {}) => {
  const { signal, ...options } = extra;
  return inSession(dir, (s) => migrateStep(s, { environment: 'test', snapshotId: snapshot.id, fresh: true, resume: false, batchRows: 100, ...options }), { env, clock, ...(signal ? { signal } : {}) });
};

/** One query on the store, between commands. */
const query = <T extends object>(sql: string, params: SqlValue[] = []) => inSession(dir, async (s) => (await s.store()).db.query<T>(sql, params));

const blobOf = (name: string) => snapshot.tables.find((t) => t.name === name)!;
const mapped = ['people.csv', 'person_roles.csv', 'suppliers.csv', 'properties.csv', 'tenancies.csv', 'diary.csv', 'balances.csv'];
const moneyOf = (lines: RunResult['money']) =>
  lines.map(({ entity, field, group, sourceTotal, notLoadedTotal, targetTotal }) => ({ entity, field, group, sourceTotal, notLoadedTotal, targetTotal }));

beforeAll(async () => {
  await inSession(dir, (s) => runDemo(s, { rows: 2000, seed: 11, sampleChosen: true }), { env, clock });
  // a delivered file no entity maps, and a target that refuses the larger opening balances
  writeFileSync(join(dir, 'export', 'branches.csv'), 'BranchID,Name\nB1,Harbour\nB2,Hart\n');
  const schema = join(dir, 'target', 'schema.sql');
  writeFileSync(schema, readFileSync(schema, 'utf8').replace('amount       numeric(14, 2) NOT NULL,', 'amount       numeric(14, 2) NOT NULL CHECK (amount < 1000),'));
  // most balances are refused on purpose here: the spec allows it, so the run still succeeds
  const specFile = join(dir, 'specs', 'estate-agency.yaml');
  writeFileSync(specFile, readFileSync(specFile, 'utf8').replace('    table: opening_balance\n', '    table: opening_balance\n    max_rejected: 100%\n'));
  ({ snapshot } = await inSession(dir, (s) => collect(s), { env, clock }));
  seen.opened.length = 0;
  seen.finished.length = 0;
  const { run } = await migrate();
  first = { run, opened: [...seen.opened], finished: [...seen.finished] };
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

beforeEach(() => {
  seen.opened.length = 0;
  seen.finished.length = 0;
});

describe('a run', () => {
  it('opens each table it maps once, on the mapping thread, and nothing else but the sealed manifest', () => {
    expect(snapshot.tables.map((t) => t.name).sort()).toEqual([...mapped, 'branches.csv'].sort());
    expect(first.run.status).toBe('succeeded');
    expect(first.opened).toEqual([join(snapshotDir(layout, snapshot.id), sealedManifestName)]);
    expect(first.finished.map((f) => f.reads)).toEqual([Object.fromEntries(mapped.map((name) => [blobOf(name).blob, 1]))]);
  });

  it('adds up the money while mapping, the amounts of rows the target refused counted as not loaded', async () => {
    const [refused] = await query<{ n: string }>(
      "SELECT count(*) AS n FROM cutover.ledger_entry WHERE run_id = $1 AND entity = 'opening_balance' AND reason = 'target_constraint'",
      [first.run.runId],
    );
    expect(Number(refused!.n)).toBeGreaterThan(0);
    expect(first.run.money.map((m) => m.group).sort()).toEqual(['client', 'deposit']);
    expect(first.run.money.every((m) => m.balanced && m.difference === '0.00' && m.notLoadedTotal !== '0.00')).toBe(true);
  });

  it('stopped inside an entity with money and carried on, replays what was loaded and adds up the same money', async () => {
    // 140 balances in batches of 20: stopped part-way, with rows the target refused behind it
    const stop = new AbortController();
    const onProgress = (p: RunProgress) => p.entity === 'opening_balance' && p.rows >= 60 && stop.abort();
    expect(isCutoverError(await migrate({ batchRows: 20, signal: stop.signal, onProgress }).catch((e: unknown) => e), 'cancelled')).toBe(true);
    const [interrupted] = await query<{ id: string; status: string }>('SELECT id, status FROM cutover.run ORDER BY id DESC LIMIT 1');
    const [refusedBefore] = await query<{ n: string }>(
      "SELECT count(*) AS n FROM cutover.ledger_entry WHERE run_id = $1 AND entity = 'opening_balance' AND reason = 'target_constraint'",
      [interrupted!.id],
    );
    expect(interrupted!.status).toBe('running');
    expect(Number(refusedBefore!.n)).toBeGreaterThan(0);
    const { run } = await migrate({ fresh: false, resume: true, batchRows: 20 });
    expect(run.runId).toBe(Number(interrupted!.id));
    expect(run.status).toBe('succeeded');
    expect(moneyOf(run.money)).toEqual(moneyOf(first.run.money));
    expect(seen.finished.at(-1)!.reads).toEqual(Object.fromEntries(mapped.map((name) => [blobOf(name).blob, 1])));
  });

  it('reads no delivered original: one that was damaged does not stop a run, and snapshots verify finds it', async () => {
    const original = join(snapshotDir(layout, snapshot.id), blobOf('balances.csv').original!.blob);
    const intact = readFileSync(original);
    const bent = Buffer.from(intact);
    bent.writeUInt8(bent.readUInt8(bent.length - 40) ^ 1, bent.length - 40);
    writeFileSync(original, bent);
    try {
      expect((await migrate()).run.status).toBe('succeeded');
      expect(seen.opened).toEqual([join(snapshotDir(layout, snapshot.id), sealedManifestName)]);
      expect(isCutoverError(await verifySnapshot(layout, snapshot, key).catch((e: unknown) => e), 'snapshot_tampered')).toBe(true);
    } finally {
      writeFileSync(original, intact);
    }
  });
});

describe('a run over a tampered snapshot', () => {
  it('fails at the end of a table whose rows were sealed again with the key, which only the table hash shows', async () => {
    const table = blobOf('balances.csv');
    const path = join(snapshotDir(layout, snapshot.id), table.blob);
    const intact = readFileSync(path);
    let plain = '';
    for await (const chunk of openSealReader(path, key, blobBinding(table.blob))) plain += Buffer.from(chunk).toString('utf8');
    // one amount changed, the same number of rows
    const [first, ...rest] = plain.split('\n');
    const row = JSON.parse(first!) as (string | number | null)[];
    row[row.length - 1] = '1.00';
    rmSync(path);
    const writer = createSealWriter(path, key, blobBinding(table.blob));
    await writer.write([JSON.stringify(row), ...rest].join('\n'));
    await writer.finish();
    try {
      const error = await migrate().catch((e: unknown) => e);
      const message = `Snapshot ${snapshot.id}: table balances.csv is not what was collected (its content hash or row count no longer matches the manifest). A snapshot must never change: collect the source again.`;
      expect(error).toMatchObject({ code: 'snapshot_tampered', message });
      const [last] = await query<{ status: string; error: string }>('SELECT status, error FROM cutover.run ORDER BY id DESC LIMIT 1');
      expect(last).toEqual({ status: 'failed', error: message });
    } finally {
      rmSync(path);
      writeFileSync(path, intact);
    }
  });

  it('is refused before anything loads when the manifest was edited', async () => {
    const path = join(snapshotDir(layout, snapshot.id), 'manifest.json');
    const runs = async () => (await query<{ n: string }>('SELECT count(*) AS n FROM cutover.run'))[0]!.n;
    const before = await runs();
    const text = readFileSync(path, 'utf8');
    writeFileSync(path, text.replace('"collectedBy": "tester"', '"collectedBy": "mallory"'));
    try {
      await expect(migrate()).rejects.toThrow(`Snapshot ${snapshot.id}: its manifest.json was edited after collection. A snapshot must never change: collect the source again.`);
      expect(await runs()).toBe(before);
      expect(seen.opened).toEqual([join(snapshotDir(layout, snapshot.id), sealedManifestName)]);
      expect(seen.finished).toEqual([]);
    } finally {
      writeFileSync(path, text);
    }
  });
});
