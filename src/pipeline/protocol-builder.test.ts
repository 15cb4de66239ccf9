import { sampleSpecText } from '../test-support/spec-fixtures.js';
import { describe, expect, test } from 'vitest';
import type { SourceTable } from '../connectors/source.js';
import { CutoverError } from '../core/cutover-error.js';
import type { SourceRow } from '../core/source-row.js';
import { parseSpec } from '../core/spec/index.js';
import { transformRegistry } from '../core/transforms/index.js';
import { renderProtocol } from '../report/protocol-html.js';
import type { SnapshotManifest } from '../store/snapshot-manifest.js';
import { buildProtocol, describeCondition, describeRule, type ExampleField, type ProtocolEntity, type ProtocolInput } from './protocol-builder.js';

const SPEC_TEXT = sampleSpecText;
const spec = parseSpec(SPEC_TEXT, 'specs/estate-agency.yaml');

type Rows = readonly (readonly (string | null)[])[];

const TABLES: Readonly<Record<string, { readonly columns: readonly string[]; readonly rows: Rows }>> = {
  'people.csv': {
    columns: ['PersonID', 'Title', 'Forename', 'Surname', 'Email', 'Phone', 'Created', 'Notes'],
    rows: [
      ['P0001', ' MR ', '  mary ann ', " o'BRIEN ", ' Mary.OBrien@Example.com ', '01234 567890', '03/02/2021', ''],
      ['P0002', 'Dr', 'Ann', 'Lee', '', '', '2021-09-03', 'Has keys'], // changes nothing
      ['P0003', '', '', 'TEST', '', '', '', ''], // excluded
      ['P0004', 'Mrs', 'JOHN', 'smith', '', '', '31/02/2021', ''], // rejected: no such day
      ['', 'Ms', 'No', 'Key', '', '', '', ''], // blank key
      ['P0001', 'Mr', 'Again', 'Same', '', '', '', ''], // repeated key
      ['P0005', 'Revd', 'jo', 'BLOGGS-SMITH', 'Jo@Example.com', ' 07700 900123 ', '3 Sept 2021', ' <b>keys</b> & "alarm" '],
      ['P0006', 'MRS', 'Kate', 'Long', 'k@e.com', '', '2020-01-01', ''],
      ['P0007', 'MRS', 'KATE', 'LONG', 'K@E.COM', '', '', ''], // merged into P0006 by email
    ],
  },
  'person_roles.csv': { columns: ['PersonID', 'RoleCode'], rows: [[' P0001 ', 'app']] },
  'suppliers.csv': { columns: ['SupplierID', 'Name', 'Trade'], rows: [['S001', ' Ace Plumbing ', 'PLUMBER']] },
  'properties.csv': {
    columns: ['PropertyID', 'LandlordID', 'Address1', 'Town', 'Postcode', 'Type', 'Status', 'AskingPrice', 'RentPCM'],
    rows: [['PR0001', 'P0001', '1 High St', 'LEEDS', 'ls1 1aa', 'Flat', 'To Let', '', '£1,250.5']],
  },
  'tenancies.csv': {
    columns: ['TenancyID', 'PropertyID', 'TenantID', 'StartDate', 'EndDate', 'Rent', 'Deposit', 'Status'],
    rows: [['T0001', 'PR0001', 'P0002', '01/04/2022', '', '£1,250.00', '(£100.00)', 'Current']],
  },
  'diary.csv': {
    columns: ['EntryID', 'Type', 'PropertyID', 'PersonID', 'Date', 'Time', 'Notes'],
    rows: [['D1', 'Viewing', 'PR0001', 'P0002', '5 May 2022', '09:30', '']],
  },
  'balances.csv': {
    columns: ['AccountRef', 'Account', 'HolderType', 'HolderID', 'Balance'],
    rows: [['B1', 'Client', 'Landlord', ' P0001 ', '£1,000']],
  },
};

const snapshot: SnapshotManifest = {
  format: 2,
  id: '20240501-0900-a1b2',
  hash: 'f'.repeat(64),
  sources: [{ name: 'crm', kind: 'files', location: 'delivery/' }],
  collectedAt: '2024-05-01T09:00:00.000Z',
  collectedBy: 'tester',
  keyId: 'key-1',
  tables: Object.entries(TABLES).map(([name, table], index) => ({
    name,
    source: 'crm',
    columns: table.columns,
    types: table.columns.map(() => 'text'),
    details: {},
    rows: table.rows.length,
    sha256: String(index).repeat(64),
    blob: `${index}.rows`,
  })),
};

/** In-memory tables that count the rows read and record which tables were closed. */
function memoryTables(tables = TABLES, limit = Infinity) {
  const log = { opened: [] as string[], closed: [] as string[], read: 0 };
  const tableSource = (name: string): SourceTable => {
    const table = tables[name];
    if (table === undefined) throw new Error(`no table ${name}`);
    log.opened.push(name);
    return {
      name,
      columns: table.columns,
      types: table.columns.map(() => 'text'),
      async *rows(): AsyncIterable<SourceRow> {
        for (let index = 0; index < Math.min(limit, table.rows.length); index += 1) {
          log.read += 1;
          yield { line: index + 2, values: table.rows[index] as (string | null)[] };
        }
      },
      close: async () => {
        log.closed.push(name);
      },
    };
  };
  return { tableSource, log };
}

const input = (extra: Partial<ProtocolInput> = {}): ProtocolInput => ({
  spec,
  snapshot,
  runId: 7,
  customer: 'Acme <Lettings> & Sons',
  tableSource: memoryTables().tableSource,
  ...extra,
});

const TRIM = 'remove surrounding spaces (nothing left: blank)';
const TITLE_CASE = "write each word with a capital first letter (o'BRIEN becomes O'Brien)";
const DATES = 'read a date written as dd/MM/yyyy, yyyy-MM-dd or d MMM yyyy, write it as yyyy-MM-dd; any other value: reject the row';

/** One example field that went through its rules; steps are [rule, value after it]. */
function traced(field: string, column: string, source: string, changed: boolean, ...steps: [string, string | null][]): ExampleField {
  return { field, column, source, used: true, steps: steps.map(([rule, value]) => ({ rule, value })), changed };
}

describe('buildProtocol', () => {
  test('describes an entity whole: source, key, table, exclusions, merge, fields and examples', async () => {
    const protocol = await buildProtocol(input());
    expect(protocol.entities[0]).toEqual({
      name: 'person',
      position: 1,
      source: { file: 'people.csv', rows: 9, sha256: '0'.repeat(64) },
      key: ['PersonID'],
      table: 'person',
      generateId: true,
      loadsAfter: [],
      exclusions: [
        { rule: 'test-records', when: 'Surname is one of TEST, Test, test', reason: 'test record created for staff training', specLine: 11 },
      ],
      merge: { on: ['email'], reason: 'the same person was typed in twice' },
      fields: [
        {
          name: 'title',
          origin: { kind: 'column', column: 'Title' },
          when: null,
          required: false,
          rules: [
            { name: 'trim', words: TRIM, specLine: 21 },
            {
              name: 'map',
              words: 'translate values: Mr → Mr, MR → Mr, Mrs → Mrs, MRS → Mrs, Ms → Ms, Miss → Miss, Dr → Dr; any other value: keep it as it is',
              specLine: 22,
            },
          ],
          specLine: 18,
        },
        {
          name: 'first_name',
          origin: { kind: 'column', column: 'Forename' },
          when: null,
          required: false,
          rules: [
            { name: 'trim', words: TRIM, specLine: 25 },
            { name: 'title_case', words: TITLE_CASE, specLine: 25 },
          ],
          specLine: 25,
        },
        {
          name: 'last_name',
          origin: { kind: 'column', column: 'Surname' },
          when: null,
          required: true,
          rules: [
            { name: 'trim', words: TRIM, specLine: 26 },
            { name: 'title_case', words: TITLE_CASE, specLine: 26 },
          ],
          specLine: 26,
        },
        {
          name: 'email',
          origin: { kind: 'column', column: 'Email' },
          when: null,
          required: false,
          rules: [
            { name: 'trim', words: TRIM, specLine: 27 },
            { name: 'lower', words: 'write in small letters', specLine: 27 },
          ],
          specLine: 27,
        },
        {
          name: 'phone',
          origin: { kind: 'column', column: 'Phone' },
          when: null,
          required: false,
          rules: [{ name: 'trim', words: TRIM, specLine: 28 }],
          specLine: 28,
        },
        {
          name: 'created_on',
          origin: { kind: 'column', column: 'Created' },
          when: null,
          required: false,
          rules: [
            { name: 'trim', words: TRIM, specLine: 32 },
            { name: 'date', words: DATES, specLine: 33 },
          ],
          specLine: 29,
        },
        {
          name: 'notes',
          origin: { kind: 'column', column: 'Notes' },
          when: null,
          required: false,
          rules: [{ name: 'trim', words: TRIM, specLine: 34 }],
          specLine: 34,
        },
      ],
      // line 8 shows the most changes, line 2 adds the title, line 9 is the next busiest;
      // lines 3 to 7 are not loaded and line 10 merges into line 9
      examples: [
        {
          line: 2,
          key: 'P0001',
          fields: [
            traced('title', 'Title', ' MR ', true, ['trim', 'MR'], ['map', 'Mr']),
            traced('first_name', 'Forename', '  mary ann ', true, ['trim', 'mary ann'], ['title_case', 'Mary Ann']),
            traced('last_name', 'Surname', " o'BRIEN ", true, ['trim', "o'BRIEN"], ['title_case', "O'Brien"]),
            traced('email', 'Email', ' Mary.OBrien@Example.com ', true, ['trim', 'Mary.OBrien@Example.com'], ['lower', 'mary.obrien@example.com']),
            traced('phone', 'Phone', '01234 567890', false, ['trim', '01234 567890']),
            traced('created_on', 'Created', '03/02/2021', true, ['trim', '03/02/2021'], ['date', '2021-02-03']),
            traced('notes', 'Notes', '', false, ['trim', null]),
          ],
        },
        {
          line: 8,
          key: 'P0005',
          fields: [
            traced('title', 'Title', 'Revd', false, ['trim', 'Revd'], ['map', 'Revd']),
            traced('first_name', 'Forename', 'jo', true, ['trim', 'jo'], ['title_case', 'Jo']),
            traced('last_name', 'Surname', 'BLOGGS-SMITH', true, ['trim', 'BLOGGS-SMITH'], ['title_case', 'Bloggs-Smith']),
            traced('email', 'Email', 'Jo@Example.com', true, ['trim', 'Jo@Example.com'], ['lower', 'jo@example.com']),
            traced('phone', 'Phone', ' 07700 900123 ', true, ['trim', '07700 900123']),
            traced('created_on', 'Created', '3 Sept 2021', true, ['trim', '3 Sept 2021'], ['date', '2021-09-03']),
            traced('notes', 'Notes', ' <b>keys</b> & "alarm" ', true, ['trim', '<b>keys</b> & "alarm"']),
          ],
        },
        {
          line: 9,
          key: 'P0006',
          fields: [
            traced('title', 'Title', 'MRS', true, ['trim', 'MRS'], ['map', 'Mrs']),
            traced('first_name', 'Forename', 'Kate', false, ['trim', 'Kate'], ['title_case', 'Kate']),
            traced('last_name', 'Surname', 'Long', false, ['trim', 'Long'], ['title_case', 'Long']),
            traced('email', 'Email', 'k@e.com', false, ['trim', 'k@e.com'], ['lower', 'k@e.com']),
            traced('phone', 'Phone', '', false, ['trim', null]),
            traced('created_on', 'Created', '2020-01-01', false, ['trim', '2020-01-01'], ['date', '2020-01-01']),
            traced('notes', 'Notes', '', false, ['trim', null]),
          ],
        },
      ],
      specLine: 6,
    } satisfies ProtocolEntity);
  });

  test('keeps the header facts and the load order', async () => {
    const { entities, ...header } = await buildProtocol(input());
    expect(header).toEqual({
      customer: 'Acme <Lettings> & Sons',
      runId: 7,
      snapshot: { id: '20240501-0900-a1b2', hash: 'f'.repeat(64), collectedAt: '2024-05-01T09:00:00.000Z' },
      spec: { file: 'specs/estate-agency.yaml', hash: spec.hash },
    });
    expect(entities.map((entity) => [entity.name, entity.loadsAfter, entity.examples.map((example) => example.line)])).toEqual([
      ['person', [], [2, 8, 9]],
      ['person_role', ['person'], [2]],
      ['supplier', [], [2]],
      ['property', ['person'], [2]],
      ['tenancy', ['property', 'person'], [2]],
      ['diary_entry', ['property', 'person'], [2]],
      ['opening_balance', ['person', 'tenancy', 'supplier'], [2]],
    ]);
  });

  test('shows lookups as placeholders, and fields whose condition does not hold as not used', async () => {
    const protocol = await buildProtocol(input());
    const balance = protocol.entities.find((entity) => entity.name === 'opening_balance');
    expect(balance?.fields.find((field) => field.name === 'landlord_id')).toEqual({
      name: 'landlord_id',
      origin: { kind: 'column', column: 'HolderID' },
      when: 'HolderType is Landlord',
      required: true,
      rules: [
        { name: 'trim', words: TRIM, specLine: 209 },
        { name: 'lookup', words: 'find the new id of the person with this reference; none loaded: reject the row', specLine: 209 },
      ],
      specLine: 205,
    });
    expect(balance?.examples[0]?.fields).toEqual([
      traced('account', 'Account', 'Client', true, ['trim', 'Client'], ['map', 'client']),
      traced('landlord_id', 'HolderID', ' P0001 ', true, ['trim', 'P0001'], ['lookup', '(id of person P0001)']),
      { field: 'tenancy_id', column: 'HolderID', source: ' P0001 ', used: false, steps: [], changed: false },
      { field: 'supplier_id', column: 'HolderID', source: ' P0001 ', used: false, steps: [], changed: false },
      traced('amount', 'Balance', '£1,000', true, ['money', '1000.00']),
    ]);
  });

  test('replays rules that read columns themselves, and columns under another name, as a run does', async () => {
    const text = SPEC_TEXT.replace(
      '      trade: { from: Trade, rules: [trim, lower] }\n',
      '      trade: { from: [Line, Trade], rules: [trim, lower] }\n      label: { rules: [{ concat: { columns: [Name, [Craft, Trade]], separator: " / " } }, collapse_spaces] }\n',
    );
    const protocol = await buildProtocol(input({ spec: parseSpec(text, 'specs/estate-agency.yaml') }));
    const supplier = protocol.entities.find((entity) => entity.name === 'supplier');
    expect(supplier?.fields.find((field) => field.name === 'label')?.origin).toEqual({ kind: 'columns', columns: ['Name', 'Craft'] });
    expect(supplier?.examples[0]?.fields.slice(1)).toEqual([
      traced('trade', 'Trade', 'PLUMBER', true, ['trim', 'PLUMBER'], ['lower', 'plumber']),
      { field: 'label', column: null, source: null, used: true, steps: [{ rule: 'concat', value: 'Ace Plumbing / PLUMBER' }, { rule: 'collapse_spaces', value: 'Ace Plumbing / PLUMBER' }], changed: true },
    ]);
    expect(renderProtocol(protocol)).toContain('columns <code>Name</code>, <code>Craft</code>');
  });

  test('reads only the first rows of a large table and closes every table it opens', async () => {
    const many = Array.from({ length: 5000 }, (_, index) => ['P' + String(index).padStart(5, '0'), 'Mr', 'a', 'b', '', '', '', '']);
    const { tableSource, log } = memoryTables({ ...TABLES, 'people.csv': { columns: TABLES['people.csv']!.columns, rows: many } });
    const protocol = await buildProtocol(input({ tableSource }));
    expect(protocol.entities[0]?.examples.map((example) => example.line)).toEqual([2, 3, 4]);
    expect(log.read).toBeLessThan(300);
    expect(log.closed).toEqual(log.opened);
    expect(log.opened).toHaveLength(7);
  });

  test('opens no table when no examples are asked for', async () => {
    const { tableSource, log } = memoryTables();
    const protocol = await buildProtocol(input({ tableSource, examplesPerEntity: 0 }));
    expect(log.opened).toEqual([]);
    expect(protocol.entities.every((entity) => entity.examples.length === 0)).toBe(true);
  });

  test('shows one unchanged row when no row changes', async () => {
    const { tableSource } = memoryTables({ ...TABLES, 'suppliers.csv': { columns: ['SupplierID', 'Name', 'Trade'], rows: [['S1', 'Ace', 'plumber'], ['S2', 'Best', 'roofer']] } });
    const protocol = await buildProtocol(input({ tableSource }));
    expect(protocol.entities.find((entity) => entity.name === 'supplier')?.examples).toEqual([
      { line: 2, key: 'S1', fields: [traced('name', 'Name', 'Ace', false, ['trim', 'Ace']), traced('trade', 'Trade', 'plumber', false, ['trim', 'plumber'], ['lower', 'plumber'])] },
    ]);
  });

  test('refuses a snapshot without a table the spec reads', async () => {
    const partial = { ...snapshot, tables: snapshot.tables.filter((table) => table.name !== 'diary.csv') };
    const error = await buildProtocol(input({ snapshot: partial })).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CutoverError);
    expect(error).toMatchObject({
      code: 'table_missing',
      message:
        'Snapshot 20240501-0900-a1b2 has no table "diary.csv", which entity "diary_entry" reads ' +
        '(it has: people.csv, person_roles.csv, suppliers.csv, properties.csv, tenancies.csv, balances.csv).',
      where: { file: 'specs/estate-agency.yaml', line: 158 },
    });
  });

  test('refuses a count of examples that is not a whole number', async () => {
    await expect(buildProtocol(input({ examplesPerEntity: 1.5 }))).rejects.toMatchObject({
      code: 'invalid_option',
      message: 'the number of examples per entity must be a whole number, 0 or more; got 1.5',
    });
  });

  test('stops when aborted', async () => {
    await expect(buildProtocol(input({ signal: AbortSignal.abort() }))).rejects.toMatchObject({ code: 'cancelled', message: 'Writing the protocol was stopped.' });
  });

  test('renders to a page with the key facts escaped', async () => {
    const html = renderProtocol(await buildProtocol(input()));
    expect(html).toContain('Migration protocol: Acme &lt;Lettings&gt; &amp; Sons');
    expect(html).toContain('&lt;b&gt;keys&lt;/b&gt; &amp; &quot;alarm&quot;');
    expect(html).not.toContain('<b>keys</b>');
  });
});

describe('rules and conditions in plain words', () => {
  const options = (name: string, written: unknown): unknown => transformRegistry.get(name)?.options?.parse(written);

  test('describe each transform with its options', () => {
    expect([
      describeRule('money', options('money', { currency: '£' })),
      describeRule('money', options('money', { decimal_separator: ',', thousands_separator: '.', scale: '0' })),
      describeRule('money', options('money', { thousands_separator: '', scale: '1' })),
      describeRule('map', options('map', { values: { 'For Sale': 'for_sale', 'To Let': 'to_let' }, unmapped: 'reject' })),
      describeRule('map', options('map', { values: { Y: 'true', '': null }, default: 'false', ignore_case: 'true' })),
      describeRule('time', options('time', { formats: ['HH:mm'] })),
      describeRule('datetime', options('datetime', { from: 'Visited', formats: ['dd/MM/yyyy HH:mm', 'yyyy-MM-ddTHH:mm:ss'], zone: 'Europe/London' })),
      describeRule(
        'datetime',
        options('datetime', { from: 'Date', formats: ['dd/MM/yyyy'], time_from: 'Time', time_formats: ['HH:mm'], blank_time: 'midnight', ambiguous: 'later', zone: 'UTC' }),
      ),
      describeRule('default', 'GB'),
      describeRule('constant', ' legacy, crm'),
      describeRule('collapse_spaces', undefined),
      describeRule('upper', undefined),
    ]).toEqual([
      'read an amount of money (£, thousands separators, (12.00) as negative), exact to 2 decimal places; any other value: reject the row',
      'read an amount of money ("." between thousands, "," before the decimals, (12) as negative), exact to whole units; any other value: reject the row',
      'read an amount of money (no thousands separators, (12.0) as negative), exact to 1 decimal place; any other value: reject the row',
      'translate values: For Sale → for_sale, To Let → to_let; any other value: reject the row',
      'translate values (ignoring case): Y → true, "" → blank; any other value: write false',
      'read a time of day written as HH:mm, write it as HH:mm:ss; any other value: reject the row',
      'read a date and time written as dd/MM/yyyy HH:mm or yyyy-MM-ddTHH:mm:ss from Visited as local time in Europe/London, ' +
        'write the moment in UTC as yyyy-MM-ddTHH:mm:ssZ; a time skipped when the clocks go forward: reject the row; ' +
        'a time repeated when they go back: reject the row; any other value: reject the row',
      'read a date written as dd/MM/yyyy from Date and a time written as HH:mm from Time as local time in UTC, ' +
        'write the moment in UTC as yyyy-MM-ddTHH:mm:ssZ; blank time: read it as 00:00; a time skipped when the clocks go forward: reject the row; ' +
        'a time repeated when they go back: take the later one; any other value: reject the row',
      'when blank, write GB',
      'always write " legacy, crm", whatever the source holds',
      'turn each run of spaces or line breaks into one space and remove surrounding spaces',
      'write in capital letters',
    ]);
  });

  test('fall back to the name for a transform that is not known', () => {
    expect(describeRule('no_such_rule', undefined)).toBe('no_such_rule');
  });

  test('describe conditions', () => {
    const where = { file: 'spec.yaml', line: 1, column: 1 };
    expect([
      describeCondition({ column: 'HolderType', equals: 'Landlord', where }),
      describeCondition({ column: 'Surname', in: ['TEST', 'x, y'], ignore_case: true, where }),
      describeCondition({ column: 'Email', matches: '^test@', where }),
      describeCondition({ column: 'Email', blank: true, where }),
      describeCondition({ column: 'Email', blank: false, where }),
    ]).toEqual([
      'HolderType is Landlord',
      'Surname is one of TEST, "x, y" (ignoring case)',
      'Email matches the pattern /^test@/',
      'Email is blank',
      'Email is not blank',
    ]);
  });
});
