import { describe, expect, it } from 'vitest';
import type { SourceRow } from '../source-row.js';
import type { CheckCode, CheckProblem } from './check-problem.js';
import { parseContract } from './contract-parser.js';
import { createTableChecker, type ParentKeys } from './table-checker.js';

const contract = parseContract(
  [
    'version: 1',
    'files:',
    '  tenancies.csv:',
    '    label: tenancy',
    '    key: TenancyID',
    '    columns:',
    "      TenancyID: { label: tenancy number, pattern: 'T\\d{3}', example: T001 }",
    '      PropertyID: { label: property, allow_blank: false }',
    '      StartDate: { type: date, formats: [dd/MM/yyyy, d MMM yyyy], label: tenancy start date }',
    '      Rent: { type: money, currency: "£", label: rent }',
    '      Status: { type: enum, values: [Current, Ended], label: status, severity: warning }',
    '      Email: { type: email, required: false }',
    '    references:',
    '      - { column: PropertyID, file: properties.csv, key: PropertyID }',
    '  properties.csv:',
    '    columns: { PropertyID: text }',
  ].join('\n'),
  'contract.yaml',
);
const tenancies = contract.files[0]!;
const columns = ['TenancyID', 'PropertyID', 'StartDate', 'Rent', 'Status'];
const properties: ParentKeys = (file, column) => (file === 'properties.csv' && column === 'PropertyID' ? new Set(['PR1', 'PR2']) : undefined);

function check(rows: readonly SourceRow[], options: { columns?: readonly string[]; encoding?: string; parents?: ParentKeys } = {}): CheckProblem[] {
  const checker = createTableChecker({
    table: 'tenancies.csv',
    columns: options.columns ?? columns,
    encoding: options.encoding,
    contract: tenancies,
    parents: options.parents ?? properties,
    referenced: [],
  });
  const out = checker.start();
  for (const row of rows) checker.row(row, out);
  checker.finish(out);
  return out;
}

const at = (line: number | null, column: string | null, code: CheckCode, message: string, severity = 'error'): CheckProblem => ({
  file: 'tenancies.csv', line, column, code, severity: severity as 'error', message,
});

describe('createTableChecker', () => {
  it('passes clean rows, with the formats and amounts the contract allows', () => {
    expect(
      check([
        { line: 2, values: ['T001', 'PR1', '31/01/2021', '£1,250.00', 'Current'] },
        { line: 3, values: [' T002 ', 'PR2', '1 Feb 2021', '(12.50)', ''] },
      ]),
    ).toEqual([]);
  });

  it('words every wrong value for people, at its line and column', () => {
    expect(
      check([
        { line: 2, values: ['T01', '', '31/02/2021', '12,50', 'Gone'] },
        { line: 3, values: ['T002', 'PR9', '2021-01-31', '£1.234', 'Ended'] },
      ]),
    ).toEqual([
      at(2, 'TenancyID', 'value_pattern', 'the tenancy number "T01" does not have the agreed form, such as T001'),
      at(2, 'PropertyID', 'value_blank', 'the property is empty, and it must be filled in'),
      at(2, 'StartDate', 'date_impossible', 'the tenancy start date "31/02/2021" is not a real date'),
      at(2, 'Rent', 'money_format', 'the rent "12,50" is not an amount of money written as agreed, such as £1,234.50'),
      at(2, 'Status', 'value_not_allowed', 'the status "Gone" is not one of the agreed values: "Current" or "Ended"', 'warning'),
      at(3, 'StartDate', 'date_format', 'the tenancy start date "2021-01-31" is not a date written as agreed, such as 31/01/2021 or 31 Jan 2021'),
      at(3, 'Rent', 'money_format', 'the rent "£1.234" is not an amount of money written as agreed, such as £1,234.50: it has more than 2 decimal places'),
      at(3, 'PropertyID', 'reference_missing', 'the property "PR9" does not exist in properties.csv: no row there has the PropertyID "PR9"'),
    ]);
  });

  it('finds blank and repeated keys, naming the line that had the key first', () => {
    expect(
      check([
        { line: 2, values: ['T001', 'PR1', '', '', ''] },
        { line: 4, values: ['  ', 'PR1', '', '', ''] },
        { line: 5, values: ['T001 ', 'PR1', '', '', ''] },
      ]),
    ).toEqual([
      at(4, 'TenancyID', 'key_blank', 'the tenancy number is empty, so this tenancy cannot be told apart from the others'),
      at(5, 'TenancyID', 'key_duplicate', 'the tenancy number "T001" is used again: line 2 has the same one'),
    ]);
  });

  it('reports a ragged row once, with a hint at its cause, and does not read its shifted values', () => {
    expect(
      check([
        { line: 2, values: ['T001', 'PR1', '31/01/2021', '1', '250.00', 'Current'] },
        { line: 3, values: ['T002', 'PR1', '31/01/2021'] },
        { line: 4, values: ['T003', 'PR1', '31/01/2021', '"£5\nCurrent', 'x', 'y'] },
      ]),
    ).toEqual([
      at(2, null, 'ragged_row', 'this tenancy has 6 values but the header has 5 columns: a value probably holds the separator without quotes around it'),
      at(3, null, 'ragged_row', 'this tenancy has 3 values but the header has 5 columns: values are missing at the end of the row'),
      at(4, null, 'ragged_row', 'this tenancy has 6 values but the header has 5 columns: a quote is probably missing or misplaced, so line breaks or separators inside a value were read as the end of it'),
    ]);
  });

  it('finds broken text: invalid bytes, control characters, and UTF-8 read as Windows-1252', () => {
    const rows = [
      { line: 2, values: ['T001', 'PR1', '', '', 'Caf\uFFFD'] },
      { line: 3, values: ['T002', 'PR1\u0000', '', '', ''] },
      { line: 4, values: ['T003', 'PR1', '', '', 'JosÃ©'] },
    ];
    expect(check(rows, { encoding: 'utf-8' }).map((p) => [p.line, p.column, p.code])).toEqual([
      [2, 'Status', 'encoding_invalid'],
      [2, 'Status', 'value_not_allowed'],
      [3, 'PropertyID', 'control_characters'],
      [3, 'PropertyID', 'reference_missing'],
      [4, 'Status', 'value_not_allowed'],
    ]);
    expect(check(rows, { encoding: 'windows-1252' }).filter((p) => p.code.startsWith('encoding'))).toEqual([
      at(2, 'Status', 'encoding_invalid', 'the status holds characters that are not valid Windows-1252 (shown as "\uFFFD"): the file mixes text encodings or was damaged. Ask for the file again, saved as UTF-8'),
      at(2, 'Status', 'encoding_unexpected', 'tenancies.csv is written in Windows-1252, not in UTF-8 as agreed; this line holds its first letter outside plain English ("Caf\uFFFD"). It was read correctly, but ask for UTF-8 next time', 'warning'),
      at(4, 'Status', 'encoding_mixed', 'the status holds "Ã©", which is how a UTF-8 letter looks when read as Windows-1252: the file mixes text encodings. Ask for the file again, saved as UTF-8 throughout'),
    ]);
  });

  it('compares the header with the contract: missing, renamed, unexpected columns', () => {
    expect(check([], { columns: ['TenancyID', 'Property ID', 'Rent', 'Status', 'Notes'] })).toEqual([
      at(1, 'Property ID', 'column_renamed', 'the header has "Property ID" where the contract expects the column "PropertyID": rename the column back, or correct the contract if the new name is agreed'),
      at(1, 'StartDate', 'column_missing', 'the column "StartDate" is missing from the header; the file has "TenancyID", "Property ID", "Rent", "Status" and "Notes"'),
      at(1, 'Notes', 'column_unexpected', 'the header has a column "Notes" that the contract does not name', 'warning'),
      at(null, null, 'file_no_rows', 'tenancies.csv has a header but no rows: ask whether it was meant to be empty', 'warning'),
    ]);
  });

  it('says when references cannot be checked because the parent file is not part of the check', () => {
    expect(check([{ line: 2, values: ['T001', 'PR9', '', '', ''] }], { parents: () => undefined })).toEqual([
      at(null, 'PropertyID', 'reference_unchecked', 'the property was not checked against properties.csv, which is not part of this check: check the whole delivery to check it', 'warning'),
    ]);
  });

  it('keeps the values other files refer to, trimmed, from every row including ragged ones', () => {
    const checker = createTableChecker({ table: 'properties.csv', columns: ['PropertyID', 'Town'], contract: contract.files[1], parents: () => undefined, referenced: ['PropertyID'] });
    const out: CheckProblem[] = [];
    checker.row({ line: 2, values: [' PR1 ', 'Leeds'] }, out);
    checker.row({ line: 3, values: ['PR2', 'Leeds', 'extra'] }, out);
    checker.row({ line: 4, values: ['', 'Leeds'] }, out);
    const kept = checker.keys().get('PropertyID')!;
    expect(['PR1', 'PR2', '', ' PR1 ', 'Leeds'].map((v) => kept.has(v))).toEqual([true, true, false, false, false]);
  });

  it('keeps a ragged row\'s key for the files that refer to it, but not as the key\'s first use', () => {
    const keyed = parseContract('version: 1\nfiles:\n  p.csv:\n    key: Ref\n    columns: { Ref: text, Town: text }\n', 'c.yaml').files[0]!;
    const checker = createTableChecker({ table: 'p.csv', columns: ['Ref', 'Town'], contract: keyed, parents: () => undefined, referenced: ['Ref'] });
    const out: CheckProblem[] = [];
    checker.row({ line: 2, values: ['R1', 'Leeds', 'extra'] }, out);
    checker.row({ line: 3, values: ['R1', 'Leeds'] }, out);
    checker.row({ line: 4, values: [' R2', 'York'] }, out);
    checker.row({ line: 5, values: ['R2', 'York'] }, out);
    checker.finish(out);
    expect(out.map((p) => [p.line, p.code, p.message])).toEqual([
      [2, 'ragged_row', 'this row has 3 values but the header has 2 columns: a value probably holds the separator without quotes around it'],
      [5, 'key_duplicate', 'the Ref "R2" is used again: line 4 has the same one'],
    ]);
    const kept = checker.keys().get('Ref')!;
    expect(['R1', 'R2', 'R3'].map((v) => kept.has(v))).toEqual([true, true, false]);
  });

  it('checks a reference into the same file, to rows before or after it, at the end of the file', () => {
    const employees = parseContract(
      [
        'version: 1',
        'files:',
        '  Employee.csv:',
        '    label: employee',
        '    key: EmployeeId',
        '    columns: { EmployeeId: text, ReportsTo: { type: text, label: manager } }',
        '    references: [{ column: ReportsTo, file: Employee.csv, key: EmployeeId }]',
      ].join('\n'),
      'contract.yaml',
    );
    const checker = createTableChecker({ table: 'Employee.csv', columns: ['EmployeeId', 'ReportsTo'], contract: employees.files[0], parents: () => undefined, referenced: [] });
    const out = checker.start();
    for (const row of [
      { line: 2, values: ['1', ''] },
      { line: 3, values: ['2', '1'] },
      { line: 4, values: ['3', '5'] },
      { line: 5, values: ['4', '99'] },
      { line: 6, values: ['5', '5'] },
      { line: 7, values: ['6', '99'] },
    ]) checker.row(row, out);
    checker.finish(out);
    const missing = (line: number) => ({
      file: 'Employee.csv', line, column: 'ReportsTo', code: 'reference_missing', severity: 'error',
      message: 'the manager "99" does not exist in Employee.csv: no row there has the EmployeeId "99"',
    });
    expect(out).toEqual([missing(5), missing(7)]);
  });

  it('says when a reference finds its row, but that row has a problem of its own', () => {
    const people = parseContract(
      [
        'version: 1',
        'files:',
        '  customers.csv:',
        '    label: customer',
        '    key: CustomerId',
        '    columns: { CustomerId: text, Email: { type: email, label: e-mail } }',
        '  invoices.csv:',
        '    key: InvoiceId',
        '    columns: { InvoiceId: text, CustomerId: { type: text, label: customer } }',
        '    references: [{ column: CustomerId, file: customers.csv, key: CustomerId }]',
      ].join('\n'),
      'contract.yaml',
    );
    const customers = createTableChecker({ table: 'customers.csv', columns: ['CustomerId', 'Email'], contract: people.files[0], parents: () => undefined, referenced: ['CustomerId'] });
    const first: CheckProblem[] = [];
    customers.row({ line: 2, values: ['C1', 'ann@example.com'] }, first);
    customers.row({ line: 3, values: ['C2', 'bea at example'] }, first);
    customers.finish(first);
    const invoices = createTableChecker({
      table: 'invoices.csv', columns: ['InvoiceId', 'CustomerId'], contract: people.files[1], referenced: [],
      parents: (file, column) => (file === 'customers.csv' ? customers.keys().get(column) : undefined),
    });
    const out: CheckProblem[] = [];
    for (const row of [{ line: 2, values: ['I1', 'C1'] }, { line: 3, values: ['I2', 'C2'] }, { line: 4, values: ['I3', 'C9'] }]) invoices.row(row, out);
    invoices.finish(out);
    expect(out).toEqual([
      {
        file: 'invoices.csv', line: 3, column: 'CustomerId', code: 'reference_problem', severity: 'warning',
        message: `the customer "C2" is on line 3 of customers.csv, which has a problem of its own (${first[0]!.message}): if that row is not imported, this one will not be either`,
      },
      {
        file: 'invoices.csv', line: 4, column: 'CustomerId', code: 'reference_missing', severity: 'error',
        message: 'the customer "C9" does not exist in customers.csv: no row there has the CustomerId "C9"',
      },
    ]);
  });
});
