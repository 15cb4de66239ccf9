import { describe, expect, it } from 'vitest';
import { createColumnProfiler, type ColumnProfile } from '../profile/index.js';
import type { TargetColumn } from './target-schema.js';
import { allowedValueFor, suggestRules } from './value-rules.js';

function profile(name: string, values: readonly (string | null)[]): ColumnProfile {
  const p = createColumnProfiler(name);
  for (const v of values) p.add(v);
  return p.result();
}
const text = (name: string, extra: Partial<TargetColumn> = {}): TargetColumn => ({ name, type: 'text', nullable: true, ...extra });

describe('suggestRules', () => {
  it('reads UK postcodes, dd/mm/yyyy dates, pound amounts and times from the values', () => {
    expect({
      postcode: suggestRules(profile('PC', ['LS1 1AA', 'sw1a 1aa', 'M1 1AE']), text('post_code')).rules,
      date: suggestRules(profile('Moved', ['05/11/2024', '31/12/2019', '2023-01-31']), { name: 'moved_on', type: 'date', nullable: true }).rules,
      money: suggestRules(profile('Rent', ['£1,234.50', '950.00']), { name: 'rent', type: 'numeric', nullable: true, scale: 2 }),
      pence: suggestRules(profile('Fee', ['12.345']), { name: 'fee', type: 'numeric', nullable: true, scale: 3 }).rules,
      time: suggestRules(profile('At', ['14:30', '09:00:15']), { name: 'at', type: 'time without time zone', nullable: true }).rules,
    }).toEqual({
      postcode: [{ name: 'uk_postcode' }],
      date: [{ name: 'trim' }, { name: 'date', options: { formats: ['dd/MM/yyyy', 'yyyy-MM-dd'] } }],
      money: { rules: [{ name: 'money', options: { currency: '£' } }], notes: ['amounts, some written with £'], todo: [] },
      pence: [{ name: 'money', options: { currency: '£', scale: '3' } }],
      time: [{ name: 'trim' }, { name: 'time', options: { formats: ['HH:mm', 'HH:mm:ss'] } }],
    });
  });

  it('maps a few codes onto the values the target allows, and says which it could not place', () => {
    const codes = profile('RoleCode', ['APP', 'app ', 'LL', 'TEN', 'VEN', 'XX']);
    expect(suggestRules(codes, text('role', { allowed: ['applicant', 'vendor', 'landlord', 'tenant'] }))).toEqual({
      rules: [{ name: 'trim' }, { name: 'map', options: { values: { APP: 'applicant', LL: 'landlord', TEN: 'tenant', VEN: 'vendor', XX: 'xx' }, ignore_case: true, unmapped: 'reject' } }],
      notes: ['5 values, mapped onto the 4 the target allows'],
      todo: ['no allowed value found for "XX"; the target allows applicant, vendor, landlord, tenant'],
    });
  });

  it('looks a foreign key up in the entity that feeds its table, or says why it cannot', () => {
    const key = profile('PersonID', ['P1', 'P2']);
    const column: TargetColumn = { name: 'person_id', type: 'bigint', nullable: false, references: 'person' };
    expect([suggestRules(key, column, { entity: 'person' }).rules, suggestRules(key, column, { problem: 'no source feeds person' }).todo]).toEqual([
      [{ name: 'trim' }, { name: 'lookup', options: 'person' }],
      ['no source feeds person'],
    ]);
  });

  it('leaves personal values out of maps', () => {
    expect(suggestRules(profile('Surname', ['Smith', 'Jones']), text('status')).rules).toEqual([{ name: 'trim' }]);
  });
});

describe('allowedValueFor', () => {
  it('finds the allowed value by its name, its start or its letters in order, and only when one fits', () => {
    expect(['For Sale', 'app', 'LL', 'x', 'l'].map((v) => allowedValueFor(v, ['for_sale', 'applicant', 'landlord', 'let']))).toEqual(['for_sale', 'applicant', 'landlord', undefined, undefined]);
  });
});
