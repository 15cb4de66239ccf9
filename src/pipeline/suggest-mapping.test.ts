import { cp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SnapshotProfile } from '../core/profile/index.js';
import { parseSpec, type Spec } from '../core/spec/index.js';
import { writeSampleExport } from '../sample/index.js';
import { projectLayout } from '../store/project-layout.js';
import { snapshotKeyFrom } from '../store/sealed/index.js';
import { tempDir } from '../test-support/temp-dir.js';
import { testSession } from '../test-support/test-session.js';
import type { ProjectSession } from './project-session.js';
import { collect } from './collect.js';
import { sampleProjectTemplate } from './demo.js';
import { profileSnapshot } from './profile.js';
import { readProjectConfig } from './project-files.js';
import { writeDraftSpec, type DraftSpec } from './suggest-mapping.js';
import { allowedValues } from './suggest-target.js';

const dir = tempDir('cutover-suggest');
const layout = projectLayout(dir.path);
const env = { CUTOVER_SNAPSHOT_KEY: '33'.repeat(32) };
let profile: SnapshotProfile;
let draft: DraftSpec;
let sampleSpec: Spec;
let session: ProjectSession;

beforeAll(async () => {
  for (const part of ['specs', 'target']) await cp(join(sampleProjectTemplate, part), join(dir.path, part), { recursive: true });
  await writeSampleExport({ outDir: join(dir.path, 'export'), rows: 3000, seed: 5 });
  await writeFile(layout.config, await readFile(join(sampleProjectTemplate, 'cutover.yaml')));
  const config = await readProjectConfig(layout);
  const key = snapshotKeyFrom(env, 'CUTOVER_SNAPSHOT_KEY');
  session = testSession(dir.path, { env, clock: () => new Date('2026-01-05T09:00:00Z') });
  const { snapshot } = await collect(session);
  profile = await profileSnapshot(layout, snapshot, key);
  draft = await writeDraftSpec(layout, config, profile, (await session.store()).db);
  const specFile = join('specs', 'estate-agency.yaml');
  sampleSpec = parseSpec(await readFile(join(dir.path, specFile), 'utf8'), specFile);
}, 120_000);
afterAll(async () => {
  await session.close();
  dir.cleanup();
});

describe('writeDraftSpec on the sample export', () => {
  it('writes a draft beside the spec that the spec parser reads without a problem', async () => {
    expect(draft.file).toBe(join('specs', `draft-from-snapshot-${profile.snapshot.id}.yaml`));
    expect(await readFile(join(dir.path, draft.file), 'utf8')).toBe(draft.text);
    const parsed = parseSpec(draft.text, draft.file);
    expect(parsed.entities.map((e) => `${e.source} → ${e.table}`)).toEqual([
      'people.csv → person', 'person_roles.csv → person_role', 'suppliers.csv → supplier', 'properties.csv → property',
      'tenancies.csv → tenancy', 'diary.csv → diary_entry', 'balances.csv → opening_balance',
    ]);
  });

  it('gets the sample spec right: every table, every key, and the source column of all 37 fields', () => {
    const drafted = parseSpec(draft.text, draft.file);
    const entity = (table: string) => drafted.entities.find((e) => e.table === table);
    const right: string[] = [];
    const wrong: string[] = [];
    for (const e of sampleSpec.entities) {
      const d = entity(e.table);
      (d?.source === e.source ? right : wrong).push(`${e.table} ← ${e.source}`);
      (d?.key.join() === e.key.join() ? right : wrong).push(`${e.table} key ${e.key.join(', ')}`);
      for (const f of e.fields) (d?.fields.find((x) => x.name === f.name)?.from === f.from ? right : wrong).push(`${e.table}.${f.name} ← ${f.from}`);
    }
    expect(wrong).toEqual([]);
    expect(right).toEqual([
      'person ← people.csv', 'person key PersonID', 'person.title ← Title', 'person.first_name ← Forename', 'person.last_name ← Surname', 'person.email ← Email',
      'person.phone ← Phone', 'person.created_on ← Created', 'person.notes ← Notes',
      'person_role ← person_roles.csv', 'person_role key PersonID, RoleCode', 'person_role.person_id ← PersonID', 'person_role.role ← RoleCode',
      'supplier ← suppliers.csv', 'supplier key SupplierID', 'supplier.name ← Name', 'supplier.trade ← Trade',
      'property ← properties.csv', 'property key PropertyID', 'property.landlord_id ← LandlordID', 'property.address_line1 ← Address1', 'property.town ← Town',
      'property.postcode ← Postcode', 'property.property_type ← Type', 'property.status ← Status', 'property.asking_price ← AskingPrice', 'property.rent_pcm ← RentPCM',
      'tenancy ← tenancies.csv', 'tenancy key TenancyID', 'tenancy.property_id ← PropertyID', 'tenancy.tenant_id ← TenantID', 'tenancy.start_date ← StartDate',
      'tenancy.end_date ← EndDate', 'tenancy.rent_pcm ← Rent', 'tenancy.deposit ← Deposit', 'tenancy.status ← Status',
      'diary_entry ← diary.csv', 'diary_entry key EntryID', 'diary_entry.kind ← Type', 'diary_entry.property_id ← PropertyID', 'diary_entry.person_id ← PersonID',
      'diary_entry.entry_date ← Date', 'diary_entry.entry_time ← Time', 'diary_entry.notes ← Notes',
      'opening_balance ← balances.csv', 'opening_balance key AccountRef', 'opening_balance.account ← Account',
      'opening_balance.landlord_id ← HolderID', 'opening_balance.tenancy_id ← HolderID', 'opening_balance.supplier_id ← HolderID', 'opening_balance.amount ← Balance',
    ]);
  });

  it('reads the rules off the values: postcodes, dates in three formats, pounds, times, codes onto allowed values, lookups', () => {
    const rules = (table: string, field: string) => {
      const f = parseSpec(draft.text, draft.file).entities.find((e) => e.table === table)?.fields.find((x) => x.name === field);
      return f?.rules.map((r) => (r.options === undefined ? r.name : { [r.name]: r.options }));
    };
    expect({
      postcode: rules('property', 'postcode'),
      phone: rules('person', 'phone'),
      forename: rules('person', 'first_name'),
      surname: rules('person', 'last_name'),
      created: rules('person', 'created_on'),
      rent: rules('tenancy', 'rent_pcm'),
      time: rules('diary_entry', 'entry_time'),
      role: rules('person_role', 'role'),
      landlord: rules('property', 'landlord_id'),
      holder: parseSpec(draft.text, draft.file).entities.find((e) => e.table === 'opening_balance')?.fields.filter((f) => f.when).map((f) => `${f.name}: ${f.from} when ${f.when?.column} = ${f.when?.equals}`),
    }).toEqual({
      postcode: ['uk_postcode'],
      phone: [{ uk_phone: { format: 'national' } }],
      // the sample's names are typed with care (O'Brien, MacLeod, Ap Rhys), but for initials and one planted TEST
      forename: ['trim'],
      surname: ['trim'],
      created: ['trim', { date: { formats: ['dd/MM/yyyy', 'yyyy-MM-dd', 'd MMM yyyy'] } }],
      rent: [{ money: { currency: '£', decimal_separator: '.', thousands_separator: ',', scale: 2 } }],
      time: ['trim', { time: { formats: ['HH:mm'] } }],
      role: ['trim', { map: { values: { APP: 'applicant', LL: 'landlord', TEN: 'tenant', VEN: 'vendor' }, ignore_case: true, unmapped: 'reject' } }],
      landlord: ['trim', { lookup: 'person' }],
      holder: ['landlord_id: HolderID when HolderType = Landlord', 'tenancy_id: HolderID when HolderType = Tenancy', 'supplier_id: HolderID when HolderType = Supplier'],
    });
  });

  it('never overwrites a draft the analyst may have edited', async () => {
    const config = await readProjectConfig(layout);
    await writeFile(join(dir.path, draft.file), '# edited by hand\n');
    const again = await writeDraftSpec(layout, config, profile, (await session.store()).db);
    expect([again.file, await readFile(join(dir.path, draft.file), 'utf8')]).toEqual([join('specs', `draft-from-snapshot-${profile.snapshot.id}-2.yaml`), '# edited by hand\n']);
  });
});

describe('the target schema read for a draft', () => {
  it('leaves nothing behind in the store it was read in', async () => {
    const { db } = await session.store();
    expect(await db.query("SELECT nspname FROM pg_namespace WHERE nspname = 'cutover_suggest'")).toEqual([]);
  });
});

describe('allowedValues', () => {
  it('reads the list of a CHECK (column IN (...)) as PostgreSQL prints it, and nothing else', () => {
    expect([
      allowedValues("CHECK ((role = ANY (ARRAY['applicant'::text, 'vendor''s'::text])))"),
      allowedValues('CHECK (((end_date IS NULL) OR (end_date >= start_date)))'),
    ]).toEqual([['applicant', "vendor's"], undefined]);
  });
});
