import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../connectors/open-database.js';
import type { Database } from '../connectors/database.js';
import { isCutoverError } from '../core/cutover-error.js';
import { e164 } from '../core/dedup/index.js';
import { projectLayout } from '../store/project-layout.js';
import { openProjectStore } from '../store/project-store.js';
import { readSnapshot } from '../store/snapshot-store.js';
import { snapshotTableSource } from '../store/snapshot-table-source.js';
import { snapshotKeyFrom } from '../store/sealed/index.js';
import { requirePostgres } from '../test-support/servers.js';
import { tempDir } from '../test-support/temp-dir.js';
import { inSession } from '../test-support/test-session.js';
import { demoSnapshotKey, erasureLists, importErasureList, migrate, runDemo, writeErasureReport, type ProjectSession } from './index.js';

// The erasure test of issue 17: the sample with a list of 50 people (some not in the data,
// some with tenancies); none of them, nor any row naming them, reaches a target.
const dir = tempDir('cutover-erasure');
const env = { CUTOVER_SNAPSHOT_KEY: demoSnapshotKey, ERASE_PG_URL: '' };
const later = () => new Date('2026-11-24T10:00:00Z');
const step = <T>(work: (s: ProjectSession) => Promise<T>) => inSession(dir.path, work, { env, clock: later });

type Row = Record<string, string | null>;
/** A table of the latest snapshot, as rows by column name. */
async function snapshotRows(table: string): Promise<Row[]> {
  const layout = projectLayout(dir.path);
  const manifest = await readSnapshot(layout, 'latest');
  const source = snapshotTableSource(layout, manifest, table, snapshotKeyFrom(env, 'CUTOVER_SNAPSHOT_KEY'));
  const rows: Row[] = [];
  for await (const r of source.rows()) rows.push(Object.fromEntries(source.columns.map((c, i) => [c, r.values[i] ?? null])));
  return rows;
}

let people: Row[];
let erased: Set<string>;
/** rows of people.csv on a list, a row with a blank key included */
let erasedRows: number;
let listed: string[];
let emailListed: string[];
const notInData = Array.from({ length: 10 }, (_, i) => `P99${String(i).padStart(5, '0')}`);

beforeAll(async () => {
  env.ERASE_PG_URL = await requirePostgres();
  await inSession(dir.path, (s) => runDemo(s, { rows: 1500, seed: 11, sampleChosen: true }), { env });
  people = await snapshotRows('people.csv');
  const tenants = new Set((await snapshotRows('tenancies.csv')).map((t) => t['TenantID']?.trim()));
  const keys = [...new Set(people.map((p) => p['PersonID']!.trim()).filter((k) => k !== ''))];
  const withTenancy = keys.filter((k) => tenants.has(k)).slice(0, 15);
  const others = keys.filter((k) => !tenants.has(k)).slice(0, 25);
  listed = [...withTenancy, ...others, ...notInData];
  expect(listed).toHaveLength(50);
  // a heading, blank lines, spaces and a spreadsheet's quotes, as lists come
  writeFileSync(join(dir.path, 'forget.txt'), ['PersonID', '', ...listed.map((k, i) => (i % 7 === 0 ? `  "${k}" ` : k)), ''].join('\r\n'));
  // a second list by e-mail, typed the way people type them
  const withEmail = people.filter((p) => p['Email']?.includes('@') && !listed.includes(p['PersonID']!.trim())).slice(0, 4);
  emailListed = withEmail.map((p) => p['Email']!.trim());
  writeFileSync(join(dir.path, 'forget-email.txt'), ['Email', ...emailListed.map((m) => ` ${m.toUpperCase()} `), 'nobody.here@example.org'].join('\n'));
  // a test project's own environment on the real server, in a schema of its own
  appendFileSync(join(dir.path, 'cutover.yaml'), '\n');
  const config = readFileSync(join(dir.path, 'cutover.yaml'), 'utf8').replace(/environments:\n/, 'environments:\n  erasepg:\n    database_url_env: ERASE_PG_URL\n');
  writeFileSync(join(dir.path, 'cutover.yaml'), config);
  await step((s) => importErasureList(s, { file: join(dir.path, 'forget.txt'), entity: 'person' }));
  await step((s) => importErasureList(s, { file: join(dir.path, 'forget-email.txt'), entity: 'person', match: 'email' }));
  const byEmail = new Set(emailListed.map((m) => m.toLowerCase()));
  erasedRows = people.filter((p) => listed.includes(p['PersonID']!.trim()) || byEmail.has((p['Email'] ?? '').trim().toLowerCase())).length;
  erased = new Set(people.filter((p) => listed.includes(p['PersonID']!.trim()) || byEmail.has((p['Email'] ?? '').trim().toLowerCase())).map((p) => p['PersonID']!.trim()).filter((k) => k !== ''));
}, 240_000);
afterAll(() => dir.cleanup());

/** Every value of every target table of a schema, as text, one line per row. */
async function targetText(db: Database, schema: string): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const table of ['person', 'person_role', 'property', 'tenancy', 'diary_entry', 'opening_balance']) {
    out[table] = (await db.query<{ line: string }>(`SELECT t::text AS line FROM "${schema}"."${table}" t`)).map((r) => r.line);
  }
  return out;
}

describe('erasure lists', () => {
  it('are listed by id, entity, match, count, when and who, never by value', async () => {
    const lists = await step(erasureLists);
    expect(lists.map(({ id, entity, match, count, importedBy }) => ({ id, entity, match, count, importedBy }))).toEqual([
      { id: '1', entity: 'person', match: 'key', count: 50, importedBy: 'tester' },
      { id: '2', entity: 'person', match: 'email', count: 5, importedBy: 'tester' },
    ]);
    const onDisk = readFileSync(join(dir.path, '.cutover', 'erasure', '1', 'manifest.json'), 'utf8') + readFileSync(join(dir.path, '.cutover', 'erasure', '1', lists[0]!.blob));
    for (const key of listed) expect(onDisk).not.toContain(key);
  });

  for (const where of ['embedded', 'PostgreSQL'] as const) {
    it(`keep every listed person, and every row naming them, out of the target (${where})`, async () => {
      const envName = where === 'embedded' ? 'test' : 'erasepg';
      const { run } = await step((s) => migrate(s, { environment: envName, fresh: true, resume: false }));
      expect(run.status).toBe('succeeded');
      expect(run.entities.every((e) => e.balanced)).toBe(true);
      const person = run.entities.find((e) => e.entity === 'person')!;
      expect(person.excluded).toBeGreaterThanOrEqual(erased.size);

      const store = await openProjectStore(projectLayout(dir.path), 'test', later());
      const server = where === 'embedded' ? undefined : await openDatabase(env.ERASE_PG_URL);
      try {
        const ledger = await store.db.query<{ entity: string; source_key: string; reason: string; message: string }>(
          `SELECT entity, source_key, reason, message FROM cutover.ledger_entry WHERE run_id = $1 AND outcome = 'excluded' AND reason LIKE 'erasure:%'`, [run.runId],
        );
        const own = ledger.filter((l) => l.entity === 'person');
        expect(own).toHaveLength(erasedRows);
        expect([...new Set(own.flatMap((l) => (l.source_key === null ? [] : [l.source_key])))].sort()).toEqual([...erased].sort());
        expect(new Set(own.map((l) => l.message))).toEqual(new Set(['erased on request']));
        // the children of the listed people with tenancies follow them, named with the person
        const tenancies = (await snapshotRows('tenancies.csv')).filter((t) => erased.has(t['TenantID']?.trim() ?? ''));
        expect(tenancies.length).toBeGreaterThan(0);
        for (const t of tenancies) {
          // named by the person, or by the property of an erased landlord, whichever its lookups meet first
          expect(ledger.find((l) => l.entity === 'tenancy' && l.source_key === t['TenancyID']!.trim())?.message).toMatch(
            new RegExp(`^its (person "${t['TenantID']!.trim()}"|property "${t['PropertyID']!.trim()}") is kept out: erased on request$`),
          );
        }
        const roles = (await snapshotRows('person_roles.csv')).filter((r) => erased.has(r['PersonID']?.trim() ?? ''));
        expect(ledger.filter((l) => l.entity === 'person_role').length).toBeGreaterThanOrEqual(roles.length > 0 ? 1 : 0);

        // the target itself: none of their e-mails or phone numbers, and no row that points at no loaded parent
        const text = await targetText(server ?? store.db, where === 'embedded' ? 'env_test' : 'env_erasepg');
        const kept = new Set(people.filter((p) => !erased.has(p['PersonID']!.trim())));
        const keptEmails = new Set([...kept].map((p) => (p['Email'] ?? '').trim().toLowerCase()));
        const keptPhones = new Set([...kept].map((p) => e164(p['Phone'] ?? '')));
        const all = Object.values(text).flat().join('\n').toLowerCase();
        let checked = 0;
        for (const p of people.filter((x) => erased.has(x['PersonID']!.trim()))) {
          const email = (p['Email'] ?? '').trim().toLowerCase();
          if (email.includes('@') && !keptEmails.has(email)) {
            expect(all, `the e-mail of erased ${p['PersonID']}`).not.toContain(email);
            checked++;
          }
          const phone = e164(p['Phone'] ?? '');
          if (phone !== null && !keptPhones.has(phone)) expect(all).not.toContain((p['Phone'] ?? '').trim().toLowerCase());
        }
        expect(checked).toBeGreaterThan(20);
        const db = server ?? store.db;
        const schema = where === 'embedded' ? 'env_test' : 'env_erasepg';
        const [dangling] = await db.query<{ n: string }>(
          `SELECT (SELECT count(*) FROM "${schema}".tenancy t WHERE NOT EXISTS (SELECT 1 FROM "${schema}".person p WHERE p.id = t.tenant_id))
                + (SELECT count(*) FROM "${schema}".person_role r WHERE NOT EXISTS (SELECT 1 FROM "${schema}".person p WHERE p.id = r.person_id))
                + (SELECT count(*) FROM "${schema}".diary_entry d WHERE d.person_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "${schema}".person p WHERE p.id = d.person_id)) AS n`,
        );
        expect(Number(dangling!.n)).toBe(0);
        // as many rows in each table as the books say were loaded
        for (const e of run.entities) if (text[e.table] !== undefined) expect(text[e.table]!.length, e.entity).toBe(e.loaded);
      } finally {
        await store.close();
        await server?.close();
      }
    }, 240_000);
  }

  it('give evidence of counts and salted hashes only', async () => {
    const { report, path } = await step((s) => writeErasureReport(s));
    const [byKey, byEmail] = report.lists;
    expect(byKey).toMatchObject({ id: '1', entity: 'person', match: 'key', asked: 50, found: 40, notFound: 10, appliedByRun: true });
    // a key repeated in the file is a row of the same person too
    expect(byKey!.rowsKeptOut).toBe(people.filter((p) => listed.includes(p['PersonID']!.trim())).length);
    expect(byKey!.childrenKeptOut['tenancy']).toBeGreaterThan(0);
    expect(byKey!.entries).toHaveLength(50);
    expect(byKey!.entries.filter((e) => e.found === 0)).toHaveLength(10);
    expect(byKey!.entries.every((e) => /^[0-9a-f]{64}$/.test(e.hash))).toBe(true);
    expect(byEmail).toMatchObject({ id: '2', match: 'email', asked: 5, found: 4, notFound: 1 });
    const page = readFileSync(path, 'utf8');
    const json = JSON.stringify(report);
    for (const text of [page, json]) {
      for (const key of listed) expect(text).not.toContain(key);
      for (const mail of [...emailListed, 'nobody.here@example.org']) expect(text.toLowerCase()).not.toContain(mail.toLowerCase());
      for (const p of people.filter((x) => erased.has(x['PersonID']!.trim()))) {
        if (p['Phone']?.trim()) expect(text).not.toContain(p['Phone'].trim());
      }
    }
    expect(page).toContain(byKey!.entries[0]!.hash);
  });
});

describe('an erasure list that cannot be imported', () => {
  const attempt = async (lines: string | Buffer, o: { entity?: string; match?: 'key' | 'email' | 'phone' } = {}) => {
    const file = join(dir.path, 'bad.txt');
    writeFileSync(file, lines);
    const before = (await step(erasureLists)).length;
    const error = await step((s) => importErasureList(s, { file, entity: o.entity ?? 'person', ...(o.match ? { match: o.match } : {}) })).then(() => undefined, (e: unknown) => e);
    // nothing half-written: no list was added
    expect((await step(erasureLists)).length).toBe(before);
    return error as Error;
  };

  it('names an entity the spec does not have', async () => {
    const error = await attempt('P0000001\n', { entity: 'customer' });
    expect(isCutoverError(error, 'invalid_option')).toBe(true);
    expect(error.message).toBe('The spec has no entity "customer" (it has: person, person_role, supplier, property, tenancy, diary_entry, opening_balance). Name the entity the people on the list are rows of.');
  });

  it('refuses an empty list', async () => {
    const error = await attempt('Email\n\n  \n', { match: 'email' });
    expect(isCutoverError(error, 'file_empty')).toBe(true);
    expect(error.message).toBe(`${join(dir.path, 'bad.txt')} holds no entries: write one e-mail address a line.`);
  });

  it('refuses a binary file', async () => {
    const error = await attempt(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0xff, 0xfe]));
    expect(isCutoverError(error, 'file_binary')).toBe(true);
    expect(error.message).toBe(`${join(dir.path, 'bad.txt')} holds binary data, not an erasure list: save it as text (UTF-8), one entry a line.`);
  });

  it('names each line of an e-mail list that is not an e-mail address', async () => {
    const error = await attempt('Email\njane@example.org\nJane Doe\n\nbob@@example.org\n', { match: 'email' });
    expect(isCutoverError(error, 'erasure_list_invalid')).toBe(true);
    const one = await attempt('07700 900123\nask at the desk\n', { match: 'phone' });
    expect(one.message).toBe(`${join(dir.path, 'bad.txt')} has a line that is not a phone number: line 2: "ask at the desk" is not a phone number. Correct the list and import it again; nothing was imported.`);
    expect(error.message).toBe(
      `${join(dir.path, 'bad.txt')} has 2 lines that are not e-mail addresses: line 3: "Jane Doe" is not an e-mail address: it contains a space; line 5: "bob@@example.org" is not an e-mail address: it has more than one @. Correct the list and import it again; nothing was imported.`,
    );
  });
});
