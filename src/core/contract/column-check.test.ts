import { describe, expect, it } from 'vitest';
import { compileValueCheck } from './column-check.js';
import { parseContract } from './contract-parser.js';

const rules = parseContract(
  [
    'version: 1',
    'files:',
    '  a.csv:',
    '    columns:',
    '      Count: { type: integer, label: number of rooms }',
    '      Area: { type: decimal, decimal_separator: ",", thousands_separator: ".", label: floor area }',
    '      Email: { type: email, label: e-mail address }',
    '      Phone: { type: uk_phone, label: phone number }',
    '      Postcode: { type: uk_postcode, label: postcode }',
    '      Time: { type: time, formats: [HH:mm], label: viewing time }',
    '      Placed: { type: datetime, formats: [yyyy-MM-dd HH:mm:ss], label: order date }',
    '      Joined: { type: date, formats: [yyyy-MM-dd HH:mm:ss], label: joining date }',
    '      Title: { type: enum, values: [Mr, Mrs], ignore_case: true, label: title }',
    '      Ref: { pattern: "[A-Z]{2}\\\\d+", max_length: 6, label: reference }',
  ].join('\n'),
  'contract.yaml',
).files[0]!.columns;

/** Every value's problem (or ok), for one column. */
function results(column: string, values: readonly string[]) {
  const check = compileValueCheck(rules.find((r) => r.name === column)!)!;
  return values.map((v) => check(v) ?? 'ok');
}

describe('compileValueCheck', () => {
  it('reads numbers with the agreed separators', () => {
    expect(results('Count', ['12', '1,200', '1.5'])).toEqual(['ok', 'ok', { code: 'number_format', message: 'the number of rooms "1.5" is not a whole number written as agreed, such as 1,234' }]);
    expect(results('Area', ['1.234,5', '12,75', '1,234.5'])).toEqual(['ok', 'ok', { code: 'number_format', message: 'the floor area "1,234.5" is not a number written as agreed, such as 1.234,50' }]);
  });

  it('checks e-mail addresses, UK phone numbers and postcodes with the transforms a spec uses', () => {
    expect(results('Email', ['jo@example.com', 'jo.example.com'])).toEqual(['ok', { code: 'email_invalid', message: expect.stringMatching(/^the e-mail address "jo\.example\.com" is not an e-mail address: /) }]);
    expect(results('Phone', ['07700 900123', '+44 (0)20 7946 0563', '12345'])).toEqual(['ok', 'ok', { code: 'phone_invalid', message: expect.stringMatching(/^the phone number "12345" is not a UK phone number: /) }]);
    expect(results('Postcode', ['gl16 1nz', 'SW1A1AA', 'ZZ1'])).toEqual(['ok', 'ok', { code: 'postcode_invalid', message: 'the postcode "ZZ1" is not a UK postcode, such as GL16 1NZ or SW1A 1AA' }]);
  });

  it('accepts international addresses and warns of a likely mistyped domain without refusing it', () => {
    expect(results('Email', ['stanisław.wójcik@wp.pl', 'jo@gmial.com'])).toEqual([
      'ok',
      { code: 'email_domain_typo', severity: 'warning', message: 'the e-mail address "jo@gmial.com" may be mistyped: did they mean gmail.com?' },
    ]);
  });

  it('catches a date and time that does not exist, and the zero date databases write for an empty one', () => {
    expect(results('Placed', ['2023-02-28 17:45:00', '2023-02-30 00:00:00', '0000-00-00 00:00:00', '2023-02-28 24:00:00', '28/02/2023 17:45'])).toEqual([
      'ok',
      { code: 'date_impossible', message: 'the order date "2023-02-30 00:00:00" is not a real date and time' },
      { code: 'date_impossible', message: 'the order date "0000-00-00 00:00:00" is not a real date and time: a database writes 0000-00-00 for a date never filled in; ask for these to be left empty in the export' },
      { code: 'date_impossible', message: 'the order date "2023-02-28 24:00:00" is not a real date and time' },
      { code: 'date_format', message: 'the order date "28/02/2023 17:45" is not a date and time written as agreed, such as 2021-01-31 09:30:00' },
    ]);
    expect(results('Joined', ['2023-02-28 00:00:00', '0000-00-00 00:00:00'])).toEqual([
      'ok',
      { code: 'date_impossible', message: 'the joining date "0000-00-00 00:00:00" is not a real date: a database writes 0000-00-00 for a date never filled in; ask for these to be left empty in the export' },
    ]);
  });

  it('tells a time that does not exist from one written otherwise', () => {
    expect(results('Time', ['09:30', '24:10', '9.30'])).toEqual([
      'ok',
      { code: 'time_impossible', message: 'the viewing time "24:10" is not a real time' },
      { code: 'time_format', message: 'the viewing time "9.30" is not a time written as agreed, such as 09:30' },
    ]);
  });

  it('checks agreed values, patterns and lengths', () => {
    expect(results('Title', ['MR', 'Revd'])).toEqual(['ok', { code: 'value_not_allowed', message: 'the title "Revd" is not one of the agreed values: "Mr" or "Mrs"' }]);
    expect(results('Ref', ['AB12', 'ab12', 'AB12345'])).toEqual([
      'ok',
      { code: 'value_pattern', message: 'the reference "ab12" does not have the agreed form' },
      { code: 'value_too_long', message: 'the reference is 7 characters long; at most 6 were agreed' },
    ]);
  });
});
