import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { displayKey } from '../core/mapping/index.js';
import { readDefectManifest } from '../sample/index.js';
import { readAuditLog, verifyAuditLog } from '../store/audit-log.js';
import { snapshotKeyFrom } from '../store/sealed/index.js';
import { projectLayout } from '../store/project-layout.js';
import { openProjectStore, type ProjectStore } from '../store/project-store.js';
import { inSession } from '../test-support/test-session.js';
import { dumpSchema } from '../test-support/target-dump.js';
import { demoSnapshotKey, runDemo, type DemoResult } from './demo.js';

const clock = () => new Date('2026-11-23T10:00:00Z');
const dir = mkdtempSync(join(tmpdir(), 'cutover-demo-'));
const demo = (extra: Partial<Parameters<typeof runDemo>[1]> = {}) =>
  inSession(dir, (s) => runDemo(s, { rows: 2000, seed: 7, sampleChosen: true, ...extra }), { clock });

let first: DemoResult;
let second: DemoResult;
let store: ProjectStore;
let firstDump: Record<string, string>;

beforeAll(async () => {
  first = await demo();
  store = await openProjectStore(projectLayout(dir), 'test', clock());
  firstDump = await dumpSchema(store.db, 'env_test');
  await store.close();
  second = await demo();
  store = await openProjectStore(projectLayout(dir), 'test', clock());
});

afterAll(async () => {
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

interface LedgerRow {
  entity: string;
  file: string;
  line: string;
  source_key: string | null;
  outcome: string;
  reason: string;
  field: string | null;
  survivor_key: string | null;
}

describe('cutover demo on the sample export', () => {
  it('balances the books of every entity and adds up the money', () => {
    expect(first.run.status).toBe('succeeded');
    expect(first.run.entities.map((e) => e.entity)).toEqual(['person', 'person_role', 'supplier', 'property', 'tenancy', 'diary_entry', 'opening_balance']);
    for (const e of first.run.entities) {
      expect(e.source, e.entity).toBe(e.loaded + e.rejected + e.excluded + e.merged);
      expect(e.balanced).toBe(true);
    }
    const total = first.run.entities.reduce((n, e) => n + e.source, 0);
    expect(total).toBeGreaterThan(1800);
    expect(first.run.money.map((m) => m.group).sort()).toEqual(['client', 'deposit']);
    expect(first.run.money.every((m) => m.balanced && m.difference === '0.00')).toBe(true);
  });

  it('accounts for every planted defect: repaired by a rule or in the ledger with the right reason', async () => {
    const manifest = readDefectManifest(join(dir, 'export', 'defects.json'));
    const ledger = await store.db.query<LedgerRow>(
      'SELECT entity, file, line, source_key, outcome, reason, field, survivor_key FROM cutover.ledger_entry WHERE run_id = $1',
      [first.run.runId],
    );
    const byLine = new Map(ledger.map((l) => [`${l.file}:${l.line}`, l]));
    const kinds = new Set(manifest.defects.map((d) => d.kind));
    expect([...kinds].sort()).toEqual([
      'crlf-line-ends', 'date-format-variant', 'duplicate-key', 'embedded-newline', 'impossible-date', 'money-format',
      'near-duplicate-person', 'orphan', 'ragged-row', 'role-of-duplicate', 'semicolon-delimiter', 'test-record', 'utf8-bom', 'windows-1252', 'blank-key',
    ].sort());
    const planted = new Set<string>();
    for (const d of manifest.defects) {
      const where = `${d.file}:${d.line}`;
      const entry = byLine.get(where);
      if (d.outcome === 'repaired') {
        expect(entry, `${d.kind} at ${where} should have loaded`).toBeUndefined();
        if (d.field === undefined) continue;
        const [mapped] = await store.db.query<{ target_id: string }>(
          // the second run superseded the first and kept the key map, of the same rows
          'SELECT target_id FROM cutover.key_map WHERE run_id = $1 AND file = $2 AND line = $3',
          [second.run.runId, d.file, d.line],
        );
        expect(mapped, `${d.kind} at ${where} has no target row`).toBeDefined();
        const table = first.run.entities.find((e) => e.entity === d.entity)!.table;
        const [row] = await store.db.query<{ value: string | null }>(`SELECT "${d.field}"::text AS value FROM env_test."${table}" WHERE id = $1`, [mapped!.target_id]);
        expect(row?.value, `${d.kind} at ${where}`).toBe(d.expected);
        continue;
      }
      planted.add(where);
      expect(entry, `${d.kind} at ${where} is not in the ledger`).toBeDefined();
      expect({ outcome: entry!.outcome, reason: entry!.reason }, `${d.kind} at ${where}`).toEqual({ outcome: d.outcome, reason: d.outcome === 'merged' ? 'merged' : d.reason });
      if (d.field !== undefined && d.outcome === 'rejected') expect(entry!.field, `${d.kind} at ${where}`).toBe(d.field);
      if (d.outcome === 'merged') expect(displayKey(entry!.survivor_key!)).toBe(d.survivor);
    }
    // and nothing else: no row is in the ledger that was not planted
    expect(ledger.filter((l) => !planted.has(`${l.file}:${l.line}`)).map((l) => `${l.file}:${l.line} ${l.reason}`)).toEqual([]);
  });

  it('records the sniffed encodings and delimiters in the encrypted snapshot', () => {
    const files = Object.fromEntries(first.snapshot.tables.map((t) => [t.name, `${t.details['encoding']} ${t.details['delimiter']}`]));
    expect(files['properties.csv']).toBe('windows-1252 ,');
    expect(files['tenancies.csv']).toBe('utf-8 ;');
    expect(files['people.csv']).toBe('utf-8 ,');
  });

  it('writes an HTML summary with the books', () => {
    const html = readFileSync(first.summary, 'utf8');
    expect(html).toContain('Every source row is accounted for and the money adds up.');
    expect(html).toContain('<td>opening_balance</td>');
  });

  it('reuses the project and its snapshot on a second demo, and loads the same rows again', async () => {
    expect(first.created).toBe(true);
    expect(second.created).toBe(false);
    expect(second.snapshotReused).toBe(true);
    expect(second.snapshot.hash).toBe(first.snapshot.hash);
    expect(second.run.runId).toBe(first.run.runId + 1);
    expect(second.run.entities.map(({ seconds: _s, ...books }) => books)).toEqual(first.run.entities.map(({ seconds: _s, ...books }) => books));
    expect(await dumpSchema(store.db, 'env_test')).toEqual(firstDump);
  });

  it('records where the run got to, per entity, for anyone watching it', async () => {
    const progress = await store.db.query<{ entity: string; rows_read: string; done: boolean }>(
      'SELECT entity, rows_read, done FROM cutover.run_progress WHERE run_id = $1 ORDER BY entity',
      [first.run.runId],
    );
    expect(progress).toEqual(
      [...first.run.entities].sort((a, b) => a.entity.localeCompare(b.entity)).map((e) => ({ entity: e.entity, rows_read: String(e.source), done: true })),
    );
  });

  it('keeps the spec exactly as applied with the run', async () => {
    const [row] = await store.db.query<{ spec_files: string }>('SELECT spec_files FROM cutover.run WHERE id = $1', [first.run.runId]);
    const files = JSON.parse(row!.spec_files) as { file: string; text: string }[];
    expect(files.map((f) => f.file)).toEqual(['specs/estate-agency.yaml']);
    expect(files[0]!.text).toBe(readFileSync(join(dir, 'specs', 'estate-agency.yaml'), 'utf8'));
  });

  it('keeps an intact, append-only audit log of every state change', async () => {
    const events = await readAuditLog(store.db);
    expect(events.map((e) => e.action)).toEqual(['project.created', 'snapshot.collected', 'run.started', 'run.finished', 'run.started', 'run.finished']);
    const key = snapshotKeyFrom({ K: demoSnapshotKey }, 'K');
    expect(verifyAuditLog(events, key)).toBeUndefined();
    expect(verifyAuditLog([{ ...events[0]!, actor: 'someone else' }, ...events.slice(1)], key)?.seq).toBe(1);
    expect(events[3]!.details).toMatchObject({ status: 'succeeded', snapshotHash: first.snapshot.hash, specHash: first.spec.hash });
  });
});
