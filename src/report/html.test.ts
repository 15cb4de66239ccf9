import { describe, expect, it } from 'vitest';
import { describeReadAs, escapeHtml, formatMoney } from './html.js';

describe('html helpers', () => {
  it('escape markup', () => {
    expect(escapeHtml(`<b>"Tom" & 'Jerry'</b>`)).toBe('&lt;b&gt;&quot;Tom&quot; &amp; &#39;Jerry&#39;&lt;/b&gt;');
  });
  it('format money without losing a digit', () => {
    expect([formatMoney('1234567.50'), formatMoney('-12.00'), formatMoney('0.10'), formatMoney('99999999999999999.99')]).toEqual([
      '1,234,567.50',
      '-12.00',
      '0.10',
      '99,999,999,999,999,999.99',
    ]);
  });
});

describe('describeReadAs', () => {
  it('says how a table was read, in words', () => {
    expect(describeReadAs({ format: 'csv', encoding: 'windows-1252', delimiter: ';', bom: 'false' })).toBe('csv, windows-1252, delimiter ";"');
    expect(describeReadAs({ format: 'csv', encoding: 'utf-16le', delimiter: '\t', bom: 'true' })).toBe('csv, utf-16le, delimiter tab, with BOM');
    expect(describeReadAs({ format: 'xlsx', sheet: 'Tenants' })).toBe('xlsx, sheet Tenants');
  });
});
