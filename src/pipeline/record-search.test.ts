import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../test-support/temp-dir.js';
import { inSession } from '../test-support/test-session.js';
import { collect, demoSnapshotKey, findRecords, listRejects, migrate, recordDetail, runDemo, type ProjectSession, type RecordView } from './index.js';

// A reviewer finds a record of the sample's test migration by what they know of it, and
// sees it side by side with what the new system holds.
const dir = tempDir('cutover-record-search');
const env = { CUTOVER_SNAPSHOT_KEY: demoSnapshotKey };
const step = <T>(work: (s: ProjectSession) => Promise<T>) => inSession(dir.path, work, { env });

/** The rows of a file of the sample export that start with a reference, by column, as delivered (simple rows only). */
function exported(file: string, pattern = /^P\d+,/, delimiter = ','): Record<string, string>[] {
  const [header, ...rows] = readFileSync(join(dir.path, 'export', file), 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/);
  const columns = header!.split(delimiter);
  return rows.filter((r) => pattern.test(r)).map((r) => Object.fromEntries(r.split(delimiter).slice(0, columns.length).map((v, i) => [columns[i], v])));
}

beforeAll(async () => {
  await step((s) => runDemo(s, { rows: 600, seed: 7, sampleChosen: true }));
  // a legacy value a browser would run if it were not kept as data
  appendFileSync(join(dir.path, 'export', 'people.csv'), 'P9001,Mr,Evil,<script>alert(1)</script>,evil@example.com,,01/02/2020,\r\n');
  // a day after the demo's: the latest snapshot is the newest collected, not the first by id
  const later = { env, clock: () => new Date('2026-11-24T10:00:00Z') };
  await inSession(dir.path, (s) => collect(s), later);
  await inSession(dir.path, (s) => migrate(s, { environment: 'test', fresh: true, resume: false }), later);
});
afterAll(() => dir.cleanup());

describe('findRecords', () => {
  it('finds a record by its legacy reference, whole or by its start', async () => {
    const hits = await step((s) => findRecords(s, { text: 'p9001' }));
    expect(hits[0]).toEqual({ entity: 'person', key: 'P9001', label: 'Evil <script>alert(1)</script>', matchedOn: 'reference', score: 1 });
    const started = await step((s) => findRecords(s, { text: 'P900', limit: 5 }));
    expect(started.map((h) => [h.key, h.matchedOn])).toContainEqual(['P9001', 'reference']);
  });

  it('finds a person by a misspelt surname, the closest first', async () => {
    const someone = exported('people.csv').find((p) => p['Surname']!.length >= 6 && /^[A-Za-z]+$/.test(p['Surname']!))!;
    const surname = someone['Surname']!;
    // one letter changed, as a reviewer might mistype it
    const misspelt = surname.slice(0, 2) + (surname[2] === 'x' ? 'y' : 'x') + surname.slice(3);
    const hits = await step((s) => findRecords(s, { text: misspelt, limit: 50 }));
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.every((h) => h.matchedOn === 'name')).toBe(true);
    expect(hits.map((h) => h.key)).toContain(someone['PersonID']);
    expect(hits[0]!.label.toLowerCase()).toContain(surname.toLowerCase());
  });

  it('finds by e-mail whatever its case, and by a postcode whatever its spaces', async () => {
    expect((await step((s) => findRecords(s, { text: ' EVIL@Example.COM ' })))[0]).toMatchObject({ entity: 'person', key: 'P9001', matchedOn: 'email', score: 1 });
    const property = exported('properties.csv', /^PR\d+,/).find((p) => /^[A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2}$/.test(p['Postcode'] ?? ''))!;
    const typed = property['Postcode']!.replace(' ', '').toLowerCase();
    const found = await step((s) => findRecords(s, { text: typed, limit: 200 }));
    expect(found).toContainEqual(expect.objectContaining({ entity: 'property', key: property['PropertyID'], matchedOn: 'postcode', score: 1 }));
    expect(found.filter((h) => h.matchedOn === 'postcode').every((h) => h.entity === 'property')).toBe(true);
  });
});

describe('recordDetail', () => {
  it('shows the source row and the target row side by side, values as stored', async () => {
    const view = await step((s) => recordDetail(s, { entity: 'person', key: 'P9001' }));
    expect(view).toMatchObject({ entity: 'person', key: 'P9001', outcome: 'loaded', source: { file: 'people.csv' } });
    expect(view!.source.columns.find((c) => c.name === 'Surname')).toEqual({ name: 'Surname', value: '<script>alert(1)</script>' });
    expect(view!.target!.fields.find((f) => f.name === 'last_name')).toEqual({
      name: 'last_name', value: '<Script>Alert(1)</Script>',
      rule: "from Surname: remove surrounding spaces (nothing left: blank); then write each word with a capital first letter (o'BRIEN becomes O'Brien); required",
    });
  });

  it('lists a person\'s children: the tenancies and diary entries that look them up', async () => {
    const tenancy = exported('tenancies.csv', /^T\d+;/, ';').find((t) => /^P\d+$/.test(t['TenantID'] ?? ''))!;
    const view = await step((s) => recordDetail(s, { entity: 'person', key: tenancy['TenantID']! }));
    expect(view!.children).toContainEqual(expect.objectContaining({ entity: 'tenancy', key: tenancy['TenancyID'] }));
    expect((await step((s) => recordDetail(s, { entity: 'person', key: 'P9001' })))!.children).toEqual([]);
  });

  it('finds a row without an id of its own (a person\'s role) in the new system by its values', async () => {
    // a reference typed whole also finds the rows keyed by it and more: the person's roles
    let found: { role: RecordView; person: RecordView } | undefined;
    for (const p of exported('people.csv').slice(0, 20)) {
      const hits = await step((s) => findRecords(s, { text: p['PersonID']!, limit: 10 }));
      for (const hit of hits.filter((h) => h.entity === 'person_role')) {
        const role = (await step((s) => recordDetail(s, { entity: 'person_role', key: hit.key })))!;
        if (role.outcome === 'loaded') found = { role, person: (await step((s) => recordDetail(s, { entity: 'person', key: p['PersonID']! })))! };
        if (found) break;
      }
      if (found) break;
    }
    const { role, person } = found!;
    expect(role.target).toMatchObject({ table: 'person_role', id: null });
    expect(role.target!.fields.map((f) => [f.name, f.value])).toEqual([['person_id', person.target!.id], ['role', expect.stringMatching(/^(applicant|vendor|landlord|tenant)$/)]]);
    expect(person.children).toContainEqual({ entity: 'person_role', key: role.key, label: role.label, outcome: 'loaded' });
  });

  it('shows a row that was not loaded with the ledger\'s reason and no target row', async () => {
    const { rows } = await step((s) => listRejects(s));
    const rejected = rows.find((r) => r.entity === 'tenancy' && r.outcome === 'rejected' && r.reference !== '')!;
    const view = await step((s) => recordDetail(s, { entity: 'tenancy', key: rejected.reference }));
    expect(view).toMatchObject({ entity: 'tenancy', key: rejected.reference, outcome: 'rejected', reason: rejected.message, target: null, source: { line: rejected.line } });
  });

  it('gives null for a reference the run does not have', async () => {
    expect(await step((s) => recordDetail(s, { entity: 'person', key: 'P0000000' }))).toBeNull();
  });
});
