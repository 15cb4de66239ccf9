import { describe, expect, it } from 'vitest';
import { createColumnProfiler, type TableProfile } from '../profile/index.js';
import { parseSpec } from '../spec/index.js';
import { renderDraftSpec } from './draft-spec.js';
import { suggestMapping } from './suggest-mapping.js';
import type { TargetTable } from './target-schema.js';

function table(name: string, columns: Record<string, readonly (string | null)[]>): TableProfile {
  const profiles = Object.entries(columns).map(([column, values]) => {
    const p = createColumnProfiler(column);
    for (const v of values) p.add(v);
    return p.result();
  });
  return { name, source: 'export', rows: profiles[0]?.rows ?? 0, columns: profiles };
}

const sources = [
  table('Contacts.csv', {
    ContactRef: ['C1', 'C2', 'C3'], Forename: ['ANN', 'bob', 'CY'], Surname: ['Lee', 'Ng', 'Oh'], Tel: ['07700 900123', '07700 900124', '07700 900125'],
    DOB: ['01/02/1980', '31/12/1975', '05/06/1990'], ManagerRef: ['C2', '', 'C2'], Shoe: ['9', '10', '8'],
  }),
  table('Houses.csv', { HouseRef: ['H1', 'H2', 'H3'], OwnerRef: ['C1', 'C2', 'C1'], PostCode: ['LS1 1AA', 'M1 1AE', 'sw1a 1aa'], Price: ['£1,250.00', '£900', '(12.00)'] }),
  table('audit.csv', { Stamp: ['x', 'y', 'z'] }),
];

const targets: TargetTable[] = [
  {
    name: 'contact', primaryKey: ['id'],
    columns: [
      { name: 'id', type: 'bigint', nullable: false },
      { name: 'first_name', type: 'text', nullable: true },
      { name: 'last_name', type: 'text', nullable: false },
      { name: 'phone', type: 'text', nullable: true },
      { name: 'birth_date', type: 'date', nullable: true },
      { name: 'manager_id', type: 'bigint', nullable: true, references: 'contact' },
      { name: 'email', type: 'text', nullable: true },
    ],
  },
  {
    name: 'house', primaryKey: ['id'],
    columns: [
      { name: 'id', type: 'bigint', nullable: false },
      { name: 'owner_id', type: 'bigint', nullable: false, references: 'contact' },
      { name: 'postcode', type: 'text', nullable: true },
      { name: 'price', type: 'numeric', nullable: true, scale: 2 },
    ],
  },
  { name: 'invoice', primaryKey: ['id'], columns: [{ name: 'id', type: 'bigint', nullable: false }, { name: 'total', type: 'numeric', nullable: false }] },
];

describe('suggestMapping', () => {
  const suggestion = suggestMapping(sources, targets);

  it('pairs tables and columns by names, synonyms and types, and keys each entity', () => {
    const brief = suggestion.entities.map((e) => ({
      entity: e.entity, source: e.source?.table, key: e.key,
      fields: Object.fromEntries(e.fields.map((f) => [f.name, f.from ? `${f.from}: ${f.rules.map((r) => r.name).join(' ')}` : `TODO ${f.todo.join('; ')}`])),
      unused: e.unused,
    }));
    expect({ brief, unusedSources: suggestion.unusedSources }).toEqual({
      brief: [
        {
          entity: 'contact', source: 'Contacts.csv', key: ['ContactRef'],
          fields: {
            first_name: 'Forename: trim title_case', last_name: 'Surname: trim', phone: 'Tel: uk_phone', birth_date: 'DOB: trim date',
            // a contact's manager is a contact: looked up in the same entity
            manager_id: 'ManagerRef: trim lookup', email: 'TODO no source column looks like it',
          },
          unused: ['Shoe'],
        },
        { entity: 'house', source: 'Houses.csv', key: ['HouseRef'], fields: { owner_id: 'OwnerRef: trim lookup', postcode: 'PostCode: uk_postcode', price: 'Price: money' }, unused: [] },
        { entity: 'invoice', source: undefined, key: [], fields: { total: 'TODO ' }, unused: [] },
      ],
      unusedSources: ['audit.csv'],
    });
  });

  it('writes a draft spec that parses, with a reason on every guess and a TODO where unsure', () => {
    const draft = renderDraftSpec(suggestion, { snapshot: 'abc', collectedAt: '2026-01-05T09:00:00Z', schemaFile: 'target/schema.sql' });
    const spec = parseSpec(draft, 'specs/draft.yaml');
    expect(spec.entities.map((e) => [e.name, e.source, e.fields.map((f) => f.name).join(' ')])).toEqual([
      ['contact', 'Contacts.csv', 'first_name last_name phone birth_date manager_id'],
      ['house', 'Houses.csv', 'owner_id postcode price'],
    ]);
    // every rule suggested is read back by the parser, none dropped on the way
    const suggested = suggestion.entities.flatMap((e) => e.fields.filter((f) => f.from).map((f) => `${e.entity}.${f.name}: ${f.rules.map((r) => r.name).join(' ')}`));
    expect(spec.entities.flatMap((e) => e.fields.map((f) => `${e.name}.${f.name}: ${f.rules.map((r) => r.name).join(' ')}`))).toEqual(suggested);
    const lines = draft.split('\n');
    expect({
      why: lines.filter((l) => l.includes('# Forename → first_name') || l.includes('# Contacts.csv → contact')).map((l) => l.trim()),
      head: lines[1],
      todo: lines.filter((l) => l.includes('# TODO')).map((l) => l.trim()),
    }).toEqual({
      why: ['# Contacts.csv → contact: high (the names match; 5 of 6 columns found)', '# Forename → first_name: high (synonyms; text into text; a name or town, some typed in one case: title case)'],
      head: "# onto the target's tables in target/schema.sql: 8 of 10 target columns guessed, 3 TODO to check.",
      todo: [
        '# TODO email (text): no source column looks like it',
        '# TODO invoice: no source table looks like it. Its columns: total',
        '# TODO source tables no entity reads: audit.csv',
      ],
    });
  });

  it('reads one column of keys into several tables, told apart by the column beside it', () => {
    const balances = table('balances.csv', { Ref: ['B1', 'B2', 'B3'], HolderType: ['Landlord', 'Supplier', 'Landlord'], HolderID: ['C1', 'S1', 'C2'], Amount: ['1.00', '2.00', '3.00'] });
    const suppliers = table('suppliers.csv', { SupplierID: ['S1'], Name: ['Ace'] });
    const balance: TargetTable = {
      name: 'balance', primaryKey: ['id'],
      columns: [
        { name: 'id', type: 'bigint', nullable: false },
        { name: 'landlord_id', type: 'bigint', nullable: true, references: 'contact' },
        { name: 'supplier_id', type: 'bigint', nullable: true, references: 'supplier' },
        { name: 'amount', type: 'numeric', nullable: false },
      ],
    };
    const supplier: TargetTable = { name: 'supplier', primaryKey: ['id'], columns: [{ name: 'id', type: 'bigint', nullable: false }, { name: 'name', type: 'text', nullable: false }] };
    const [first] = suggestMapping([balances, suppliers, sources[0]!], [targets[0]!, supplier, balance]).entities.slice(2);
    expect(first?.fields.map((f) => [f.name, f.from, f.when, f.rules.map((r) => r.options ?? r.name)])).toEqual([
      ['landlord_id', 'HolderID', { column: 'HolderType', equals: 'Landlord' }, ['trim', 'contact']],
      ['supplier_id', 'HolderID', { column: 'HolderType', equals: 'Supplier' }, ['trim', 'supplier']],
      ['amount', 'Amount', undefined, [{ currency: '£' }]],
    ]);
  });
});

describe('suggestMapping on a music store it has never seen', () => {
  const ids = (n: number, from = 1) => Array.from({ length: n }, (_, i) => String(from + i));
  const store = [
    table('Employee', { EmployeeId: ids(8), LastName: ['Adams', 'Edwards', 'Peacock', 'Park', 'Johnson', 'Mitchell', 'King', 'Callahan'], ReportsTo: ['', '1', '2', '2', '2', '1', '6', '6'] }),
    table('Customer', {
      CustomerId: ids(12), FirstName: ['Luís', 'Leonie', 'François', 'Bjørn', 'František', 'Helena', 'Astrid', 'Daan', 'Kara', 'Eduardo', 'Alexandre', 'Roberto'],
      SupportRepId: ['3', '4', '5', '3', '4', '5', '3', '4', '5', '3', '4', '5'],
    }),
    table('Invoice', {
      InvoiceId: ids(20), CustomerId: ids(20).map((i) => String(1 + (Number(i) % 12))), Total: ids(20).map((i) => `${i}.98`),
      InvoiceDate: ids(20).map((i) => `2021-01-${i.padStart(2, '0')} 00:00:00`),
    }),
    table('InvoiceLine', { InvoiceLineId: ids(30), InvoiceId: ids(30).map((i) => String(1 + (Number(i) % 20))), TrackId: ids(30).map((i) => String(100 + Number(i) * 7)) }),
  ];
  const crm: TargetTable[] = [
    {
      name: 'staff', primaryKey: ['id'],
      columns: [{ name: 'id', type: 'bigint', nullable: false }, { name: 'last_name', type: 'text', nullable: false }, { name: 'manager_id', type: 'bigint', nullable: true, references: 'staff' }],
    },
    {
      name: 'customer', primaryKey: ['id'],
      columns: [{ name: 'id', type: 'bigint', nullable: false }, { name: 'first_name', type: 'text', nullable: true }, { name: 'account_manager_id', type: 'bigint', nullable: true, references: 'staff' }],
    },
    {
      name: 'invoice', primaryKey: ['id'],
      columns: [
        { name: 'id', type: 'bigint', nullable: false }, { name: 'buyer_id', type: 'bigint', nullable: false, references: 'customer' },
        { name: 'total', type: 'numeric', nullable: false }, { name: 'invoice_date', type: 'date', nullable: true },
      ],
    },
    {
      name: 'invoice_line', primaryKey: ['id'],
      // the target declares no foreign key for the invoice: the data shows one
      columns: [{ name: 'id', type: 'bigint', nullable: false }, { name: 'invoice_id', type: 'bigint', nullable: false }, { name: 'track_name', type: 'text', nullable: true }],
    },
  ];
  const suggestion = suggestMapping(store, crm);
  const field = (entity: string, name: string) => suggestion.entities.find((e) => e.entity === entity)?.fields.find((f) => f.name === name);
  const brief = (entity: string, name: string) => {
    const f = field(entity, name);
    return { from: f?.from, rules: f?.rules.map((r) => (r.options === undefined ? r.name : { [r.name]: r.options })), todo: f?.todo };
  };

  it('finds the references between tables in the data, whatever the columns are called', () => {
    expect({ manager: brief('customer', 'account_manager_id'), buyer: brief('invoice', 'buyer_id'), invoice: brief('invoice_line', 'invoice_id'), reportsTo: brief('staff', 'manager_id') }).toEqual({
      reportsTo: { from: 'ReportsTo', rules: ['trim', { lookup: 'staff' }], todo: [] },
      manager: { from: 'SupportRepId', rules: ['trim', { lookup: 'staff' }], todo: [] },
      buyer: { from: 'CustomerId', rules: ['trim', { lookup: 'customer' }], todo: [] },
      invoice: { from: 'InvoiceId', rules: ['trim', { lookup: 'invoice' }], todo: ['the target declares no foreign key here, but every InvoiceId is a key of Invoice.InvoiceId: looked up in invoice; check'] },
    });
    expect(field('customer', 'account_manager_id')?.reasons).toContain('its values are keys of Employee.EmployeeId');
  });

  it('reads a DATETIME column as dates, in a draft the spec parser reads', () => {
    const draft = parseSpec(renderDraftSpec(suggestion, { snapshot: 'abc', collectedAt: '2026-01-05T09:00:00Z', schemaFile: 'target/schema.sql' }), 'specs/draft.yaml');
    const date = draft.entities.find((e) => e.table === 'invoice')?.fields.find((f) => f.name === 'invoice_date');
    expect([date?.from, date?.rules.map((r) => r.options ?? r.name), field('invoice', 'invoice_date')?.todo]).toEqual(['InvoiceDate', ['trim', { formats: ['yyyy-MM-dd HH:mm:ss'] }], []]);
  });

  it('says so when a field would be filled from a column of another kind, such as a name from an id', () => {
    const track = field('invoice_line', 'track_name');
    expect([track?.from, track?.confidence, track?.todo]).toEqual([
      'TrackId', 'low', ['TrackId holds ids (integer), but track_name is a name: take the name from the table the ids point at, or map another column'],
    ]);
  });
});

describe('suggestMapping by the kind of value when the names say nothing', () => {
  it('fills a date field from the one date column left, and never from a column of codes', () => {
    const events = table('Events.csv', { EventCode: ['EV-1', 'EV-2', 'EV-3'], Title: ['Messiah', 'Swan Lake', 'Jazz'], StartsAt: ['23/09/2023 19:30', '01/10/2023 14:00', '02/10/2023 19:30'] });
    const event: TargetTable = {
      name: 'event', primaryKey: ['id'],
      columns: [{ name: 'id', type: 'bigint', nullable: false }, { name: 'title', type: 'text', nullable: false }, { name: 'event_date', type: 'date', nullable: true }],
    };
    const date = suggestMapping([events], [event]).entities[0]?.fields.find((f) => f.name === 'event_date');
    expect([date?.from, date?.confidence, date?.rules, date?.todo]).toEqual([
      'StartsAt', 'low', [{ name: 'trim' }, { name: 'date', options: { formats: ['dd/MM/yyyy HH:mm'] } }], ['the names differ: StartsAt is the only column of dates left; check it'],
    ]);
  });
});
