import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCsvParser, type CsvRecord } from '../connectors/csv/csv-parser.js';
import type { LedgerEntry } from '../core/ledger.js';
import { writeSampleExport } from '../sample/index.js';
import { readLedger } from '../store/ledger-records.js';
import { tempDir } from '../test-support/temp-dir.js';
import { inSession } from '../test-support/test-session.js';
import { collect, decideDedup, dedup, demoSnapshotKey, migrate, reconcile, sampleProjectTemplate, suggestDedup, type DedupResult, type ProjectSession } from './index.js';

// A run of the sample project with a dedup section: clusters become one person each.
const dir = tempDir('cutover-dedup-run');
const env = { CUTOVER_SNAPSHOT_KEY: demoSnapshotKey };
const step = <T>(work: (s: ProjectSession) => Promise<T>) => inSession(dir.path, work, { env });
const specFile = () => join(dir.path, 'specs', 'estate-agency.yaml');

/** A CSV file of the export, as records by their first column. */
function readExport(name: string): CsvRecord[] {
  const out: CsvRecord[] = [];
  const parser = createCsvParser(',');
  parser.push(readFileSync(join(dir.path, 'export', name), 'utf8'), out);
  parser.finish(out);
  return out.slice(1).map((r) => ({ ...r, values: [r.values[0]!.trim(), ...r.values.slice(1)] }));
}

/** One run of the test environment: its books, ledger, key map and target rows. */
async function runAndRead() {
  const { run, snapshot } = await step((s) => migrate(s, { environment: 'test', fresh: true, resume: false }));
  return step(async (s) => {
    const { db } = await s.store();
    const ledger: LedgerEntry[] = [];
    for await (const e of readLedger(db, run.runId)) ledger.push(e);
    const keys = new Map(
      (await db.query<{ source_key: string; target_id: string }>("SELECT source_key, target_id FROM cutover.key_map WHERE run_id = $1 AND entity = 'person'", [run.runId]))
        .map((r) => [r.source_key, Number(r.target_id)]),
    );
    const people = new Map(
      (await db.query<{ id: string; email: string | null; phone: string | null; notes: string | null }>('SELECT id, email, phone, notes FROM env_test.person'))
        .map((r) => [Number(r.id), r]),
    );
    const roles = (await db.query<{ person_id: string; role: string }>('SELECT person_id, role FROM env_test.person_role')).map((r) => `${r.person_id}:${r.role}`);
    return { run, snapshot, ledger, keys, people, roles: new Set(roles) };
  });
}

/** Non-survivor members to their survivor. */
const mergedOf = (found: DedupResult) => new Map(found.clusters.flatMap((c) => c.members.filter((m) => m !== c.survivor).map((m) => [m, c.survivor] as const)));

beforeAll(async () => {
  for (const part of ['specs', 'target', 'contract.yaml', 'cutover.yaml']) cpSync(join(sampleProjectTemplate, part), join(dir.path, part), { recursive: true });
  await writeSampleExport({ outDir: join(dir.path, 'export'), rows: 3000, seed: 11 });
  await step((s) => collect(s, {}));
  await step((s) => suggestDedup(s, { entity: 'person', write: 'specs/estate-agency.yaml' }));
  // merges come from the dedup section alone, whose survive rules pick the merged person's values
  const text = readFileSync(specFile(), 'utf8')
    .replace(/ {4}merge:\n {6}on: \[ ?email ?\]\n {6}reason: the same person was typed in twice\n/, '')
    .replace('    dedup:\n', '    dedup:\n      survive:\n        email: longest\n        notes: { all_of: phone }\n');
  expect(text).toContain('notes: { all_of: phone }');
  expect(text).not.toContain('the same person was typed in twice');
  writeFileSync(specFile(), text);
}, 180_000);
afterAll(() => dir.cleanup());

describe('a run of an entity with a dedup section', () => {
  it('loads one person per cluster, merges the others into the survivor with its key and score, and children follow the survivor', async () => {
    const found = await step((s) => dedup(s));
    const merged = mergedOf(found);
    expect(merged.size).toBeGreaterThan(3);
    const { run, ledger, keys, people, roles } = await runAndRead();
    expect(run.status).toBe('succeeded');
    expect(run.entities.every((e) => e.balanced)).toBe(true);
    const person = run.entities.find((e) => e.entity === 'person')!;
    expect(person.merged).toBe(merged.size);

    const mergedEntries = ledger.filter((e) => e.entity === 'person' && e.outcome === 'merged');
    expect(new Map(mergedEntries.map((e) => [e.sourceKey!, e.survivorKey!]))).toEqual(merged);
    for (const e of mergedEntries) {
      expect(Number(e.value)).toBeGreaterThanOrEqual(found.mergeAt);
      expect(e.message).toBe(`merged into ${e.survivorKey}: the same person typed in again (score ${e.value})`);
    }

    // every merged key leads to its survivor's row, which is loaded
    for (const [member, survivor] of merged) {
      expect(keys.get(member)).toBe(keys.get(survivor));
      expect(people.has(keys.get(survivor)!)).toBe(true);
    }
    expect(people.size).toBe(new Set(keys.values()).size);

    // each role of a merged person is on the survivor in the target
    const mergedRoles = readExport('person_roles.csv').filter((r) => merged.has(r.values[0]!.trim()));
    expect(mergedRoles.length).toBeGreaterThan(0);
    for (const r of mergedRoles) {
      const role = { APP: 'applicant', VEN: 'vendor', LL: 'landlord', TEN: 'tenant' }[r.values[1]!.trim().toUpperCase()];
      if (role !== undefined) expect(roles.has(`${keys.get(merged.get(r.values[0]!.trim())!)}:${role}`)).toBe(true);
    }

    // the survive rules: the longest e-mail, and every distinct phone into the notes
    // the first row of each key is the one mapped; later ones are refused as duplicate keys
    const source = new Map<string, (string | null)[]>();
    for (const r of readExport('people.csv')) if (!source.has(r.values[0]!)) source.set(r.values[0]!, r.values);
    for (const c of found.clusters) {
      const rows = c.members.map((m) => source.get(m)!);
      const emails = rows.map((r) => (r[4] ?? '').trim().toLowerCase()).filter((e) => e !== '');
      const phones = [...new Set(rows.map((r) => (r[5] ?? '').trim()).filter((p) => p !== ''))];
      const row = people.get(keys.get(c.survivor)!)!;
      expect(row.email).toBe(emails.length === 0 ? null : emails.reduce((a, b) => (b.length > a.length ? b : a)));
      expect(row.notes).toBe(phones.length === 0 ? row.notes : phones.join('; '));
    }

    const reconciled = await step((s) => reconcile(s));
    expect(reconciled.unexplained).toBe(0);
    // a survivor's survived fields are its cluster's, not its own row's: they are not compared
    const notes = reconciled.columns.find((c) => c.entity === 'person' && c.field === 'notes')!;
    expect(notes.compared).toBe(person.loaded - new Set(merged.values()).size);
  }, 180_000);

  it('keeps a pair rejected in review apart in the run, also after a new snapshot', async () => {
    const before = await step((s) => dedup(s));
    const cluster = before.clusters.find((c) => c.members.length === 2)!;
    const [survivor, other] = cluster.members as [string, string];
    await step((s) => decideDedup(s, { action: 'reject', a: other, b: survivor }));

    const once = await runAndRead();
    expect(once.run.entities.every((e) => e.balanced)).toBe(true);
        expect(once.keys.get(other)).not.toBe(once.keys.get(survivor));
    expect(once.ledger.some((e) => e.sourceKey === other && e.outcome === 'merged')).toBe(false);

    // a later delivery with one person more
    const people = join(dir.path, 'export', 'people.csv');
    const text = readFileSync(people, 'utf8');
    writeFileSync(people, `${text}P9999998,Mr,Late,Arrival,late.arrival@example.com,,01/02/2024,\r\n`);
    const later = await step((s) => collect(s, {}));
    expect(later.reused).toBe(false);
    const twice = await runAndRead();
    expect(twice.snapshot.id).toBe(later.snapshot.id);
    expect(twice.keys.has('P9999998')).toBe(true);
    expect(twice.keys.get(other)).not.toBe(twice.keys.get(survivor));
    expect(twice.people.has(twice.keys.get(other)!)).toBe(true);
    expect(twice.run.entities.every((e) => e.balanced)).toBe(true);
  }, 180_000);
});
