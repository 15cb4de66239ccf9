import { describe, expect, test } from 'vitest';
import { applyTransform } from './apply-transform.js';
import { moneyTransform } from './money-transform.js';

describe('money', () => {
  test('writes a canonical decimal', () => {
    expect(applyTransform(moneyTransform, '£1,234.5', { currency: '£' })).toEqual({ ok: true, value: '1234.50' });
  });
  test('quotes the value in its failures', () => {
    expect(applyTransform(moneyTransform, '12,34,5x', { currency: '£' })).toEqual({
      ok: false,
      code: 'invalid_value',
      message: '"12,34,5x" is not an amount of money',
    });
    expect(applyTransform(moneyTransform, '£1.005', { currency: '£' })).toEqual({
      ok: false,
      code: 'invalid_value',
      message: '"£1.005" has more than 2 decimal places',
    });
  });
  test('passes blank through', () => {
    expect(applyTransform(moneyTransform, null, {})).toEqual({ ok: true, value: null });
  });
  test('fills in the defaults', () => {
    expect(moneyTransform.options?.parse({ scale: '3' })).toEqual({
      decimal_separator: '.',
      thousands_separator: ',',
      scale: 3,
    });
  });
  test('refuses the same separator twice, and digits as separators', () => {
    const parsed = moneyTransform.options?.safeParse({ decimal_separator: ',' });
    expect(parsed?.error?.issues.map((issue) => [issue.path, issue.message])).toEqual([
      [['thousands_separator'], 'the thousands separator must differ from the decimal separator ","'],
    ]);
    const digits = moneyTransform.options?.safeParse({ decimal_separator: '0' });
    expect(digits?.error?.issues.map((issue) => [issue.path, issue.message])).toEqual([
      [['decimal_separator'], 'must be one character other than a digit, "-" or a bracket (the decimal separator)'],
    ]);
  });
});
