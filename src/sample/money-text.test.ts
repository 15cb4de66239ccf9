import { describe, expect, test } from 'vitest';
import { parseAmount, type MoneyFormat } from '../core/transforms/money-amount.js';
import { canonicalMoney, moneyText, type MoneyStyle } from './money-text.js';
import { Random } from './random.js';

// the spec's money rule: { money: { currency: "£" } } with its default separators
const pounds: MoneyFormat = { currency: '£', decimalSeparator: '.', thousandsSeparator: ',', scale: 2 };
const PLAIN = /^-?\d+(\.\d+)?$/;

describe('money text', () => {
  test('writes the canonical decimal as PostgreSQL prints numeric(_, 2)', () => {
    expect([canonicalMoney(-1200), canonicalMoney(25_000_000), canonicalMoney(125_050), canonicalMoney(7)]).toEqual(['-12.00', '250000.00', '1250.50', '0.07']);
  });

  test.each<MoneyStyle>(['plain', 'styled', 'pound'])('%s amounts read back through the spec rule to the expected value', (style) => {
    const r = new Random(11);
    for (let i = 0; i < 3000; i += 1) {
      const pence = (r.between(1, 50_000_000) >> r.int(20)) * (r.chance(0.3) ? -1 : 1) || 1;
      const written = moneyText(r, pence, style);
      expect(parseAmount(written.text, pounds), written.text).toBe(written.expected);
      expect(written.expected).toBe(canonicalMoney(pence));
      expect(written.plain, written.text).toBe(PLAIN.test(written.text));
      expect(written.plain).toBe(style === 'plain');
      if (style === 'pound') expect(written.text).toContain('£');
    }
  });

  test('writes the legacy styles the customer uses', () => {
    const seen = new Set<string>();
    const r = new Random(3);
    for (let i = 0; i < 200; i += 1) {
      for (const pence of [125_050, 25_000_000, -1200]) seen.add(moneyText(r, pence, 'styled').text);
    }
    expect(seen).toEqual(new Set(['£1,250.50', '1,250.5', '£250,000', '£250,000.00', '250,000', '(12.00)', '£(12.00)', '-£12.00']));
  });
});
