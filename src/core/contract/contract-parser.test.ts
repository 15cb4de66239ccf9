import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ContractError } from './contract-error.js';
import { parseContract } from './contract-parser.js';

function problemsOf(text: string): string[] {
  try {
    parseContract(text, 'contract.yaml');
  } catch (error) {
    if (error instanceof ContractError) return error.message.split('\n');
    throw error;
  }
  throw new Error('expected the contract to be refused');
}

describe('parseContract', () => {
  it('reads a file with columns in shorthand and in full, its key and a conditional reference', () => {
    const contract = parseContract(
      [
        'version: 1',
        'files:',
        '  people.csv:',
        '    key: PersonID',
        '    columns:',
        '      PersonID:',
        '      Email: email',
        '      Created: { type: date, formats: [dd/MM/yyyy], label: date added, allow_blank: false }',
        '  balances.csv:',
        '    label: balance',
        '    encoding: windows-1252',
        '    column_order: fixed',
        '    columns:',
        '      HolderType: { type: enum, values: [Landlord, 1] }',
        '      HolderID: text',
        '      Balance: { type: money, currency: "£", severity: warning }',
        '    references:',
        '      - { column: HolderID, file: people.csv, key: PersonID, when: { column: HolderType, equals: Landlord } }',
      ].join('\n'),
      'contract.yaml',
    );
    const base = { required: true, allowBlank: true, severity: 'error', ignoreCase: false };
    expect(contract).toEqual({
      source: 'contract.yaml',
      files: [
        {
          name: 'people.csv', label: 'row', encoding: 'utf-8', columnOrder: 'any', extraColumns: 'warning', key: ['PersonID'], references: [],
          columns: [
            { ...base, name: 'PersonID', label: 'PersonID', type: 'text' },
            { ...base, name: 'Email', label: 'Email', type: 'email' },
            { ...base, name: 'Created', label: 'date added', type: 'date', allowBlank: false, formats: ['dd/MM/yyyy'] },
          ],
        },
        {
          name: 'balances.csv', label: 'balance', encoding: 'windows-1252', columnOrder: 'fixed', extraColumns: 'warning', key: [],
          references: [{ column: 'HolderID', file: 'people.csv', key: 'PersonID', when: { column: 'HolderType', values: ['Landlord'] } }],
          columns: [
            { ...base, name: 'HolderType', label: 'HolderType', type: 'enum', values: ['Landlord', '1'] },
            { ...base, name: 'HolderID', label: 'HolderID', type: 'text' },
            { ...base, name: 'Balance', label: 'Balance', type: 'money', severity: 'warning', number: { currency: '£', decimalSeparator: '.', thousandsSeparator: ',', scale: 2 } },
          ],
        },
      ],
    });
  });

  it('reads the sample project\'s contract', () => {
    const text = readFileSync(new URL('../../../sample-project/contract.yaml', import.meta.url), 'utf8');
    const contract = parseContract(text, 'contract.yaml');
    expect(contract.files.map((f) => f.name)).toEqual(['people.csv', 'person_roles.csv', 'suppliers.csv', 'properties.csv', 'tenancies.csv', 'diary.csv', 'balances.csv']);
  });

  it('names every problem of the YAML\'s shape with its line and column (names are checked once the shape is right)', () => {
    expect(
      problemsOf(
        [
          'version: 1',
          'files:',
          '  people.csv:',
          '    key: [PersonId]',
          '    colour: blue',
          '    columns:',
          '      PersonID: { type: number }',
          '      Created: { type: date }',
          '      Moved: { type: date, formats: [dd/QQ/yyyy] }',
          '      Notes: { formats: [dd/MM/yyyy] }',
          '      Code: { pattern: "(" }',
          '    references:',
          '      - { column: Landlord, file: landlords.csv, key: ID }',
        ].join('\n'),
      ),
    ).toEqual([
      'contract.yaml line 5 column 5: "colour" is not a setting of a contract; remove it or check its spelling',
      'contract.yaml line 7 column 25: "files.people.csv.columns.PersonID.type" is not a column type; use one of text, integer, decimal, money, date, datetime, time, email, uk_phone, uk_postcode, enum',
    ]);
  });

  it('checks the settings of each type and the names references use', () => {
    expect(
      problemsOf(
        [
          'version: 1',
          'files:',
          '  people.csv:',
          '    columns:',
          '      PersonID: text',
          '      Created: { type: date }',
          '      Moved: { type: date, formats: [dd/QQ/yyyy] }',
          '      Notes: { formats: [dd/MM/yyyy] }',
          '      Code: { pattern: "(" }',
          '    references:',
          '      - { column: Landlord, file: landlords.csv, key: ID }',
          '  roles.csv:',
          '    columns: { PersonID: text }',
          '    references:',
          '      - { column: PersonID, file: people.csv, key: PersonId }',
        ].join('\n'),
      ),
    ).toEqual([
      'contract.yaml line 6 column 16: a date column needs its formats, for example formats: [dd/MM/yyyy, yyyy-MM-dd]',
      'contract.yaml line 7 column 38: "dd/QQ/yyyy" is not a date format: "QQ" is not one of dd, d, MM, M, MMM, yyyy, HH, H, mm, ss, S, SSS, SSSSSS, T; build it from dd, d, MM, M, MMM, yyyy and separators, with HH, mm, ss and SSS for a time written after the date, for example dd/MM/yyyy or yyyy-MM-dd HH:mm:ss',
      'contract.yaml line 8 column 16: formats are for date, datetime and time columns, and this column is text',
      'contract.yaml line 9 column 24: "(" is not a regular expression (Invalid regular expression: /(/u: Unterminated group)',
      'contract.yaml line 11 column 19: the reference names "Landlord" is not a column of people.csv in this contract. Its columns are: PersonID, Created, Moved, Notes, Code',
      'contract.yaml line 11 column 35: the reference names file "landlords.csv", which is not in this contract. Its files are: people.csv, roles.csv',
      'contract.yaml line 15 column 52: the reference\'s key "PersonId" is not a column of people.csv in this contract. Did you mean "PersonID"? Its columns are: PersonID, Created, Moved, Notes, Code',
    ]);
  });

  it('reads a date-and-time column, whose formats must give the time of day', () => {
    const contract = parseContract(['version: 1', 'files:', '  orders.csv:', '    columns:', '      Placed: { type: datetime, formats: [yyyy-MM-dd HH:mm:ss, yyyy-MM-dd HH:mm:ss.SSS] }'].join('\n'), 'contract.yaml');
    expect(contract.files[0]!.columns[0]).toMatchObject({ name: 'Placed', type: 'datetime', formats: ['yyyy-MM-dd HH:mm:ss', 'yyyy-MM-dd HH:mm:ss.SSS'] });
    expect(problemsOf(['version: 1', 'files:', '  orders.csv:', '    columns:', '      Placed: { type: datetime, formats: [yyyy-MM-dd] }', '      Paid: { type: datetime }'].join('\n'))).toEqual([
      'contract.yaml line 5 column 43: "yyyy-MM-dd" gives no time of day: a datetime column needs formats with the time, for example yyyy-MM-dd HH:mm:ss, or type: date for a date alone',
      'contract.yaml line 6 column 13: a datetime column needs its formats, for example formats: [yyyy-MM-dd HH:mm:ss]',
    ]);
  });

  it('refuses references that go round in a circle', () => {
    expect(
      problemsOf(
        [
          'version: 1',
          'files:',
          '  a.csv:',
          '    columns: { id: text, b: text }',
          '    references: [{ column: b, file: b.csv, key: id }]',
          '  b.csv:',
          '    columns: { id: text, a: text }',
          '    references: [{ column: a, file: a.csv, key: id }]',
        ].join('\n'),
      ),
    ).toEqual([
      'contract.yaml line 8 column 37: the references go round in a circle (a.csv → b.csv → a.csv); each file is checked once, after the files it refers to, so a file cannot refer to a file that refers back to it',
    ]);
  });

  it('accepts a file that refers to itself, such as an employee\'s manager', () => {
    const parsed = parseContract(
      [
        'version: 1',
        'files:',
        '  Employee.csv:',
        '    key: EmployeeId',
        '    columns: { EmployeeId: text, ReportsTo: text }',
        '    references: [{ column: ReportsTo, file: Employee.csv, key: EmployeeId }]',
      ].join('\n'),
      'contract.yaml',
    );
    expect(parsed.files[0]!.references.map((r) => [r.column, r.file, r.key])).toEqual([['ReportsTo', 'Employee.csv', 'EmployeeId']]);
  });

  it('reports YAML that does not parse, and a missing version', () => {
    expect(problemsOf('version: 1\nfiles:\n  a.csv: { columns: [\n')[0]).toMatch(/^contract\.yaml line 4 column 1: this is not valid YAML: /);
    expect(problemsOf('files:\n  a.csv:\n    columns: { id: text }\n')).toEqual(['contract.yaml line 1 column 1: "version" is missing']);
  });
});

describe('personal data stated per column', () => {
  const contract = (column: string) => ['version: 1', 'files:', '  people.csv:', '    columns:', `      ${column}`].join('\n');

  it('states or corrects the kind of personal data a column holds', () => {
    const file = parseContract(contract('Agent: { personal: full_name }'), 'contract.yaml').files[0]!;
    expect(file.columns.map((c) => [c.name, c.personal])).toEqual([['Agent', 'full_name']]);
  });

  it('refuses an unknown kind at its line, naming the field', () => {
    expect(problemsOf(contract('Agent: { personal: name }'))).toEqual([
      'contract.yaml line 5 column 26: "files.people.csv.columns.Agent.personal" is not a kind of personal data; use one of given_name, family_name, full_name, email, phone, postcode, address, birth_date, identity_number, notes, none',
    ]);
  });
});
