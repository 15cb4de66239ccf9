import { describe, expect, test } from 'vitest';
import { parseAmount, type MoneyFormat } from './money-amount.js';

const pounds: MoneyFormat = { currency: '£', decimalSeparator: '.', thousandsSeparator: ',', scale: 2 };

describe('parseAmount', () => {
  test.each([
    ['£1,234.50', '1234.50'],
    ['1234.5', '1234.50'],
    ['-12', '-12.00'],
    ['(12.00)', '-12.00'],
    ['£(1,234.00)', '-1234.00'],
    ['(£1,234.00)', '-1234.00'],
    ['-£5.00', '-5.00'],
    ['£-5.00', '-5.00'],
    ['  £ 5  ', '5.00'],
    ['\u00a0£5\u00a0', '5.00'],
    ['5.00£', '5.00'],
    ['1,234,567.890000', '1234567.89'],
    ['0.1', '0.10'],
    ['.5', '0.50'],
    ['007', '7.00'],
    ['-0.00', '0.00'],
    ['(0)', '0.00'],
    ['12345678901234567890.12', '12345678901234567890.12'],
  ])('%s -> %s', (input, output) => {
    expect(parseAmount(input, pounds)).toBe(output);
  });

  test.each(['12,34,5x', '', '£', '-', '()', '1.2.3', '12.', '££5', '--5', '-(5)', '1e3', 'abc', '$5', '1 234'])(
    '%j is not an amount of money',
    (input) => {
      expect(parseAmount(input, pounds)).toEqual({ error: 'is not an amount of money' });
    },
  );

  test.each(['1,23', '12,3456', ',123', '1234,567'])('%s has misplaced thousands separators', (input) => {
    expect(parseAmount(input, pounds)).toEqual({
      error: 'is not an amount of money: "," must separate groups of three digits',
    });
  });

  test('refuses decimals beyond the scale that are not zeros', () => {
    expect(parseAmount('1.234', pounds)).toEqual({ error: 'has more than 2 decimal places' });
    expect(parseAmount('1.25', { ...pounds, scale: 1 })).toEqual({ error: 'has more than 1 decimal place' });
  });

  test('writes whole numbers for scale 0', () => {
    expect(parseAmount('1,234.00', { ...pounds, scale: 0 })).toBe('1234');
  });

  test('reads continental separators', () => {
    const euros: MoneyFormat = { currency: '€', decimalSeparator: ',', thousandsSeparator: '.', scale: 2 };
    expect(parseAmount('1.234,5 €', euros)).toBe('1234.50');
    expect(parseAmount('1,234.5', euros)).toEqual({ error: 'is not an amount of money' });
  });

  test('reads amounts without thousands separators when there are none', () => {
    expect(parseAmount('1234.5', { scale: 2, decimalSeparator: '.', thousandsSeparator: '' })).toBe('1234.50');
    expect(parseAmount('1,234.5', { scale: 2, decimalSeparator: '.', thousandsSeparator: '' })).toEqual({
      error: 'is not an amount of money',
    });
  });
});
