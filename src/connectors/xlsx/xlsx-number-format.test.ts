import { describe, expect, it } from 'vitest';
import { createNumberFormatter, formatGeneralNumber } from './xlsx-number-format.js';

describe('General numbers', () => {
  it('shows what the formula bar shows: 15 significant digits, plain up to 1E+15', () => {
    const values = [0, -0, 0.1, 0.1 + 0.2, 12345678901234, 123456789012.5, 1234.56789012345678, -0.5, 1e-6, 1e-7, 1e15, 1e20, 2 ** 53 + 1];
    expect(values.map(formatGeneralNumber)).toEqual([
      '0',
      '0',
      '0.1',
      '0.3',
      '12345678901234',
      '123456789012.5',
      '1234.56789012346',
      '-0.5',
      '0.000001',
      '1E-07',
      '1E+15',
      '1E+20',
      '9.00719925474099E+15',
    ]);
  });
});

describe('a workbook number formatter', () => {
  const styles = {
    // style k uses formatIds[k]: General, a custom money format, built-in 14 and 22, a broken format, text
    formatIds: [0, 164, 14, 22, 165, 49, 10],
    customFormats: new Map([
      [164, '[$£-809]#,##0.00;[Red]-[$£-809]#,##0.00'],
      [165, '0.00"'],
    ]),
  };

  it('applies each style format, writes regional short dates as ISO, and keeps values a format cannot show', () => {
    const format = createNumberFormatter(styles, false);
    expect([
      format(0, '0.1000000000000000055'),
      format(1, '-1234.5'),
      format(2, '44230'),
      format(3, '44230.604166666664'),
      format(4, '12.3'),
      format(5, '12345678901234'),
      format(6, '0.0125'),
      format(99, '7'),
      format(0, 'not a number'),
    ]).toEqual(['0.1', '-£1,234.50', '2021-02-03', '2021-02-03 14:30', '12.3', '12345678901234', '1.25%', '7', 'not a number']);
  });

  it('counts dates from 1904 in workbooks that say so, and leaves plain numbers alone', () => {
    const format = createNumberFormatter(styles, true);
    expect([format(2, '42768'), format(1, '42768')]).toEqual(['2021-02-03', '£42,768.00']);
  });
});
