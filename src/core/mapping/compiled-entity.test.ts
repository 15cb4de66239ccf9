import { sampleSpecText } from '../../test-support/spec-fixtures.js';
import { describe, expect, test } from 'vitest';
import { SpecError } from '../spec/spec-error.js';
import type { EntitySpec, Spec } from '../spec/spec-model.js';
import { parseSpec } from '../spec/spec-parser.js';
import { compileEntity } from './compiled-entity.js';
import type { MappingContext } from './mapping-context.js';

const SAMPLE = sampleSpecText;
const FILE = 'specs/estate-agency.yaml';
const spec = parseSpec(SAMPLE, FILE);

const COLUMNS: Readonly<Record<string, readonly string[]>> = {
  person: ['PersonID', 'Title', 'Forename', 'Surname', 'Email', 'Phone', 'Created', 'Notes'],
  person_role: ['PersonID', 'RoleCode'],
  supplier: ['SupplierID', 'Name', 'Trade'],
  property: ['PropertyID', 'LandlordID', 'Address1', 'Town', 'Postcode', 'Type', 'Status', 'AskingPrice', 'RentPCM'],
  tenancy: ['TenancyID', 'PropertyID', 'TenantID', 'StartDate', 'EndDate', 'Rent', 'Deposit', 'Status'],
  diary_entry: ['EntryID', 'Type', 'PropertyID', 'PersonID', 'Date', 'Time', 'Notes'],
  opening_balance: ['AccountRef', 'Account', 'HolderType', 'HolderID', 'Balance'],
};

const IDS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  person: { P000001: '1', P000002: '2' },
  property: { PR0001: '10' },
  tenancy: { T0001: '20' },
  supplier: { S001: '30' },
};
const ctx: MappingContext = { lookup: (entity, key) => IDS[entity]?.[key] };

function entity(name: string, from: Spec = spec): EntitySpec {
  const found = from.entities.find((candidate) => candidate.name === name);
  if (found === undefined) throw new Error(`no entity ${name}`);
  return found;
}

const compiled = (name: string) => compileEntity(entity(name), COLUMNS[name] ?? [], `${name}.csv`);

describe('compileEntity on the sample spec', () => {
  describe('person', () => {
    const person = compiled('person');

    test('maps a row through its rules, one value per field', () => {
      const row = ['P000001', ' MRS ', '  mary ann ', "o'BRIEN", ' Mary.OBrien@Example.com ', '', '03/02/2021', ' Note '];
      expect(person.map(row, ctx)).toEqual({
        kind: 'mapped',
        values: ['Mrs', 'Mary Ann', "O'Brien", 'mary.obrien@example.com', null, '2021-02-03', 'Note'],
      });
    });

    test('keeps a title that is not in the value map', () => {
      const row = ['P000002', 'Revd', 'Ann', 'Lee', '', '', '3 Sept 2021', ''];
      expect(person.map(row, ctx)).toEqual({ kind: 'mapped', values: ['Revd', 'Ann', 'Lee', null, null, '2021-09-03', null] });
    });

    test('excludes test records before any rule runs', () => {
      expect(person.map(['P000003', '', '', ' Test ', '', '', 'not a date', ''], ctx)).toEqual({
        kind: 'excluded',
        rule: 'test-records',
        message: 'test record created for staff training',
      });
    });

    test('rejects a blank required field with the raw value', () => {
      expect(person.map(['P000004', 'Mr', 'Al', '   ', '', '', '', ''], ctx)).toEqual({
        kind: 'rejected',
        code: 'invalid_value',
        field: 'last_name',
        value: '   ',
        message: 'last_name is blank, and it is required',
        others: 0,
      });
    });

    test('reports the first failing field and counts the others', () => {
      expect(person.map(['P000005', 'Mr', 'Al', '', '', '', '31/02/2021', ''], ctx)).toEqual({
        kind: 'rejected',
        code: 'invalid_value',
        field: 'last_name',
        value: '',
        message: 'last_name is blank, and it is required',
        others: 1,
      });
      expect(person.map(['P000005', 'Mr', 'Al', 'Smith', '', '', '31/02/2021', ''], ctx)).toEqual({
        kind: 'rejected',
        code: 'invalid_value',
        field: 'created_on',
        value: '31/02/2021',
        message: 'created_on: "31/02/2021" is not a real date',
        others: 0,
      });
    });

    test('makes the source key from trimmed key columns', () => {
      expect(person.sourceKey([' P000001 ', 'x'])).toBe('P000001');
      expect(person.sourceKey([' ', 'x'])).toBeNull();
      expect(person.sourceKey([null])).toBeNull();
    });
  });

  describe('person_role', () => {
    const role = compiled('person_role');

    test('joins a composite key', () => {
      expect(role.sourceKey(['P000001', ' APP '])).toBe('P000001\u001fAPP');
      expect(role.sourceKey(['P000001', ''])).toBeNull();
    });

    test('looks the person up and maps the role', () => {
      expect(role.map([' P000001', 'app'], ctx)).toEqual({ kind: 'mapped', values: ['1', 'applicant'] });
    });

    test('rejects an orphan', () => {
      expect(role.map(['P009999', 'APP'], ctx)).toEqual({
        kind: 'rejected',
        code: 'orphan',
        field: 'person_id',
        value: 'P009999',
        message: 'person_id: no person with key "P009999" was loaded',
        others: 0,
      });
    });

    test('rejects a role that is not in the value map', () => {
      expect(role.map(['P000001', 'xyz'], ctx)).toEqual({
        kind: 'rejected',
        code: 'invalid_value',
        field: 'role',
        value: 'xyz',
        message: 'role: "XYZ" is not in the value map (expected one of: APP, VEN, LL, TEN)',
        others: 0,
      });
    });
  });

  test('supplier', () => {
    expect(compiled('supplier').map(['S001', ' Acme Plumbing ', ' PLUMBER'], ctx)).toEqual({
      kind: 'mapped',
      values: ['Acme Plumbing', 'plumber'],
    });
  });

  describe('property', () => {
    const property = compiled('property');

    test('maps money, lookups and a blank optional landlord', () => {
      const row = ['PR0001', '', '1 High St', 'LONDON', 'sw1a 1aa', 'Flat', 'To Let', '£(1,234.00)', '£1,250'];
      expect(property.map(row, ctx)).toEqual({
        kind: 'mapped',
        values: [null, '1 High St', 'London', 'SW1A 1AA', 'flat', 'to_let', '-1234.00', '1250.00'],
      });
    });

    test('rejects an unknown status and bad money', () => {
      const row = ['PR0002', 'P000001', '1 High St', '', '', 'House', 'Archived', '12,34,5x', ''];
      expect(property.map(row, ctx)).toEqual({
        kind: 'rejected',
        code: 'invalid_value',
        field: 'status',
        value: 'Archived',
        message: 'status: "Archived" is not in the value map (expected one of: For Sale, To Let, Let, Sold, Withdrawn)',
        others: 1,
      });
    });
  });

  test('tenancy', () => {
    const tenancy = compiled('tenancy');
    const row = ['T0001', 'PR0001', 'P000002', '2021-02-03', '', '£950.00', '1,096.15', 'Current'];
    expect(tenancy.map(row, ctx)).toEqual({
      kind: 'mapped',
      values: ['10', '2', '2021-02-03', null, '950.00', '1096.15', 'current'],
    });
    expect(tenancy.map(['T0002', 'PR0009', 'P000002', '29/02/2023', '', '950', '', 'Ended'], ctx)).toEqual({
      kind: 'rejected',
      code: 'orphan',
      field: 'property_id',
      value: 'PR0009',
      message: 'property_id: no property with key "PR0009" was loaded',
      others: 1,
    });
  });

  test('diary_entry', () => {
    const diary = compiled('diary_entry');
    expect(diary.map(['E1', 'Viewing', 'PR0001', '', '1 Mar 2022', '14:30', ''], ctx)).toEqual({
      kind: 'mapped',
      values: ['viewing', '10', null, '2022-03-01', '14:30:00', null],
    });
    expect(diary.map(['E2', 'Viewing', 'PR0001', 'P000001', '1 Mar 2022', '24:00', ''], ctx)).toEqual({
      kind: 'rejected',
      code: 'invalid_value',
      field: 'entry_time',
      value: '24:00',
      message: 'entry_time: "24:00" is not a real time',
      others: 0,
    });
  });

  describe('opening_balance', () => {
    const balance = compiled('opening_balance');

    test('fills only the holder field whose condition holds', () => {
      expect(balance.map(['A1', 'Client', 'Landlord', 'P000001', '£1,000.00'], ctx)).toEqual({
        kind: 'mapped',
        values: ['client', '1', null, null, '1000.00'],
      });
      expect(balance.map(['A2', 'Deposit', 'Supplier', 'S001', '(12.50)'], ctx)).toEqual({
        kind: 'mapped',
        values: ['deposit', null, null, '30', '-12.50'],
      });
    });

    test('requires the holder only when its condition holds', () => {
      expect(balance.map(['A3', 'Client', 'Tenancy', '', '5'], ctx)).toEqual({
        kind: 'rejected',
        code: 'invalid_value',
        field: 'tenancy_id',
        value: '',
        message: 'tenancy_id is blank, and it is required',
        others: 0,
      });
    });

    test('evaluates one field on its own, as reconciliation needs', () => {
      const row = ['A4', 'Client', 'Landlord', 'P000001', '-£5'];
      expect(balance.evaluate('amount', row, ctx)).toEqual({ ok: true, value: '-5.00' });
      expect(balance.evaluate('account', row, ctx)).toEqual({ ok: true, value: 'client' });
      expect(balance.evaluate('amount', ['A5', 'Client', 'Landlord', 'P000001', '£5.005'], ctx)).toEqual({
        ok: false,
        code: 'invalid_value',
        message: 'amount: "£5.005" has more than 2 decimal places',
      });
    });
  });
});

describe('compileEntity problems', () => {
  test('names every column the spec uses but the source lacks, where the spec names it', () => {
    const edited = parseSpec(SAMPLE.replace('email: { from: Email,', 'email: { from: Emial,'), FILE);
    const columns = ['PersonId', 'Title', 'Forename', 'Email', 'Phone', 'Created', 'Notes'];
    let caught: unknown;
    try {
      compileEntity(entity('person', edited), columns, 'people.csv');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(SpecError);
    const list = 'its columns are: PersonId, Title, Forename, Email, Phone, Created, Notes';
    expect((caught as SpecError).message).toBe(
      [
        `specs/estate-agency.yaml line 8 column 11: column "PersonID" is not in people.csv (${list}). Did you mean "PersonId"?`,
        `specs/estate-agency.yaml line 12 column 25: column "Surname" is not in people.csv (${list}).`,
        `specs/estate-agency.yaml line 26 column 26: column "Surname" is not in people.csv (${list}).`,
        `specs/estate-agency.yaml line 27 column 22: column "Emial" is not in people.csv (${list}). Did you mean "Email"?`,
      ].join('\n'),
    );
    expect((caught as SpecError).problems.map((problem) => problem.code)).toEqual([
      'unknown_column',
      'unknown_column',
      'unknown_column',
      'unknown_column',
    ]);
  });

  test('checks the columns of field conditions', () => {
    const columns = (COLUMNS.opening_balance ?? []).filter((column) => column !== 'HolderType');
    expect(() => compileEntity(entity('opening_balance'), columns, 'balances.csv')).toThrow(
      [207, 212, 217]
        .map(
          (line) =>
            `specs/estate-agency.yaml line ${line} column 25: column "HolderType" is not in balances.csv ` +
            '(its columns are: AccountRef, Account, HolderID, Balance).',
        )
        .join('\n'),
    );
  });
});

describe('compileEntity with column aliases and rules that read their own columns', () => {
  const ALIASED = `version: 1
entities:
  person:
    source: people.csv
    key: [[PersonID, Ref]]
    table: person
    exclude:
      - { rule: tests, when: { column: [Surname, LastName], equals: TEST }, reason: test record }
    fields:
      name: { rules: [{ concat: { columns: [Title, [Forename, FirstName], [Surname, LastName]] } }, upper] }
      email: { from: [Email, EmailAddress], rules: [email] }
`;
  const person = parseSpec(ALIASED, 'specs/x.yaml').entities[0] as EntitySpec;

  test('reads each column under the first of its names the file has', () => {
    const compiled = compileEntity(person, ['Ref', 'LastName', 'FirstName', 'EmailAddress', 'Title', 'Email'], 'people.csv');
    expect([
      compiled.sourceKey([' R1 ', '', '', '', '', '']),
      compiled.map(['R1', 'Smith', ' john ', 'x@y.com', 'Mr', ' J@Example.com '], ctx),
      compiled.map(['R2', 'TEST', '', '', '', ''], ctx),
      compiled.evaluate('name', ['R3', '', '', '', '', ''], ctx),
    ]).toEqual([
      'R1',
      { kind: 'mapped', values: ['MR JOHN SMITH', 'J@example.com'] },
      { kind: 'excluded', rule: 'tests', message: 'test record' },
      { ok: true, value: null },
    ]);
  });

  test('names every name it tried for a column the file lacks, where the spec names it', () => {
    expect(() => compileEntity(person, ['PersonID', 'Forename', 'Surname', 'Mail'], 'people.csv')).toThrow(
      [
        'specs/x.yaml line 10 column 25: column "Title" is not in people.csv (its columns are: PersonID, Forename, Surname, Mail).',
        'specs/x.yaml line 11 column 22: none of the names "Email", "EmailAddress" is a column of people.csv ' +
          '(its columns are: PersonID, Forename, Surname, Mail). Did you mean "Mail"? Add the name this file uses to the list.',
      ].join('\n'),
    );
  });
});

describe('compileEntity with a lookup into the same entity', () => {
  const staffSpec = parseSpec(
    `version: 1
entities:
  staff:
    source: staff.csv
    key: [EmployeeId]
    table: staff
    fields:
      name: { from: Name, required: true }
      manager_id: { from: ReportsTo, rules: [trim, { lookup: staff }] }
      mentor_id: { from: Mentor, required: true, rules: [{ lookup: staff }] }
`,
    'specs/staff.yaml',
  );
  const staff = staffSpec.entities[0]!;
  const columns = ['EmployeeId', 'Name', 'ReportsTo', 'Mentor'];
  const known: MappingContext = { lookup: (entity, key) => (entity === 'staff' && key === '1' ? '101' : undefined) };

  test('fills in a reference to a row mapped already; leaves one to a row still to come blank, to fill in once every row is loaded', () => {
    const deferred = compileEntity(staff, columns, 'staff.csv', { deferSelf: true });
    expect(deferred.selfFields).toEqual([1, 2]);
    // the keys come back either way: the second pass checks that the row pointed at was loaded
    expect(deferred.map(['2', 'Ann', ' 9 ', '1'], known)).toEqual({ kind: 'mapped', values: ['Ann', null, '101'], selfRefs: ['9', '1'] });
    expect(deferred.map(['3', 'Bo', '', '1'], known)).toEqual({ kind: 'mapped', values: ['Bo', null, '101'], selfRefs: [null, '1'] });
  });

  test('still rejects a blank required reference at once', () => {
    const deferred = compileEntity(staff, columns, 'staff.csv', { deferSelf: true });
    expect(deferred.map(['4', 'Cy', '1', ''], known)).toEqual({
      kind: 'rejected', code: 'invalid_value', field: 'mentor_id', value: '', message: 'mentor_id is blank, and it is required', others: 0,
    });
  });

  test('looks the key up as any lookup when not asked to defer (reconcile, spec examples)', () => {
    const direct = compileEntity(staff, columns, 'staff.csv');
    expect(direct.selfFields).toEqual([]);
    expect(direct.map(['2', 'Ann', ' 1 ', '1'], known)).toEqual({ kind: 'mapped', values: ['Ann', '101', '101'] });
  });
});
