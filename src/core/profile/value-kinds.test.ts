import { describe, expect, it } from 'vitest';
import { compareDecimals, dateKey, dateTimeKey, decimalText, kindsOf, valuePattern } from './value-kinds.js';

describe('value kinds', () => {
  it('recognises each kind', () => {
    const values = ['Yes', '42', '007', '-3.50', '£1,234.50', '(12.00)', '1,000', '31/12/2024', '2024-02-29', '3 Mar 2021', '30/02/2024', 'SW1A 1AA', 'jo@example.co.uk', '07700 900123', '+44 20 7946 0958', '(01632) 960123', '+44 (0)20 7946 0123', '0161-496-0123', 'Flat 2', '14:30', '09:05:59', '24:00'];
    expect(Object.fromEntries(values.map((v) => [v, kindsOf(v)]))).toEqual({
      'Yes': ['boolean'],
      '42': ['integer', 'decimal', 'money'],
      '007': [],
      '-3.50': ['decimal', 'money'],
      '£1,234.50': ['money'],
      '(12.00)': ['money'],
      '1,000': ['money'],
      '31/12/2024': ['date'],
      '2024-02-29': ['date'],
      '3 Mar 2021': ['date'],
      '30/02/2024': [],
      'SW1A 1AA': ['uk_postcode'],
      'jo@example.co.uk': ['email'],
      '07700 900123': ['phone'],
      '+44 20 7946 0958': ['phone'],
      '(01632) 960123': ['phone'],
      '+44 (0)20 7946 0123': ['phone'],
      '0161-496-0123': ['phone'],
      'Flat 2': [],
      '14:30': ['time'],
      '09:05:59': ['time'],
      '24:00': [],
    });
  });

  it('recognises dates written with their time, as databases write them', () => {
    const values = ['2024-02-29 13:45:00', '2024-02-29 00:00:00.000', '2024-02-29T13:45:07', '29/02/2024 13:45', '2023-02-29 00:00:00', '0000-00-00 00:00:00', '2024-02-29 25:00:00'];
    expect(values.map((v) => kindsOf(v))).toEqual([['datetime'], ['datetime'], ['datetime'], ['datetime'], [], [], []]);
    expect(values.map(dateTimeKey)).toEqual(['2024-02-29 13:45:00', '2024-02-29 00:00:00', '2024-02-29 13:45:07', '2024-02-29 13:45:00', null, null, null]);
  });

  it('reads amounts as exact decimals and compares them as numbers', () => {
    expect(['£1,234.50', '(12.00)', '£(3,417.86)', '-£3', '£-3', '0.10', 'abc', '£(3'].map(decimalText)).toEqual(['1234.50', '-12.00', '-3417.86', '-3', '-3', '0.10', null, null]);
    const sorted = ['10', '-2.5', '9.99', '-10', '0.1', '0010.10', '-2.50001'].sort(compareDecimals);
    expect(sorted).toEqual(['-10', '-2.50001', '-2.5', '0.1', '9.99', '10', '0010.10']);
    expect(compareDecimals('12345678901234567890.1', '12345678901234567890.01')).toBeGreaterThan(0);
  });

  it('turns dates into sortable keys', () => {
    expect(['05/11/2024', '2024-11-05', '5 Nov 2024', '3 Sept 2021', '31/04/2024', '2024/11/05', '3 Sepx 2021'].map(dateKey)).toEqual(['2024-11-05', '2024-11-05', '2024-11-05', '2021-09-03', null, null, null]);
  });

  it('draws the shape of a value', () => {
    expect(['SW1A 1AA', 'jo.smith@x.com', 'Zoë 7', 'x'.repeat(45)].map(valuePattern)).toEqual(['AA9A 9AA', 'aa.aaaaa@a.aaa', 'Aaa 9', `${'a'.repeat(40)}…`]);
  });
});
