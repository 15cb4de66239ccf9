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

describe('suggestRules on a legacy database it has never seen', () => {
  it('proposes uk_postcode only when the values really are UK postcodes; international ones stay text with a TODO', () => {
    const world = profile('PostalCode', ['12227-000', '70174', 'H2G 1A7', 'SW1A 1AA', 'T6G 2C7', '2010', '00-358', 'WC2N 5DU', '10779', '560001']);
    const loose = profile('PostalCode', ['AB1 2CD', 'QQ9 9QQ', 'ZZ1 1ZZ', 'SW1A 1AA']);
    const intl = suggestRules(world, text('postcode'));
    expect({
      intl: intl.rules, intlTodo: intl.todo.some((t) => /not UK postcodes/.test(t)),
      loose: suggestRules(loose, text('postcode')).rules,
      uk: suggestRules(profile('PC', ['LS1 1AA', 'sw1a 1aa', 'M1 1AE', 'GL16 1NZ']), text('postcode')).rules,
    }).toEqual({ intl: [{ name: 'trim' }], intlTodo: true, loose: [{ name: 'trim' }], uk: [{ name: 'uk_postcode' }] });
  });

  it('reads a date written with its time, with or without fractions', () => {
    const stamp = profile('InvoiceDate', ['2021-01-01 00:00:00', '2021-01-02 13:45:07', '2013-12-22 00:00:00']);
    const fraction = profile('Created', ['2021-01-01 00:00:00.000', '2021-01-02 13:45:07.123']);
    const column = { name: 'invoice_date', type: 'date', nullable: true };
    expect([suggestRules(stamp, column).rules, suggestRules(fraction, column).rules]).toEqual([
      [{ name: 'trim' }, { name: 'date', options: { formats: ['yyyy-MM-dd HH:mm:ss'] } }],
      [{ name: 'trim' }, { name: 'date', options: { formats: ['yyyy-MM-dd HH:mm:ss.S'] } }],
    ]);
  });

  it('leaves mixed-case place names and names as typed, and short codes in their case', () => {
    const towns = profile('City', ['Rio de Janeiro', 'São Paulo', 'Saint-Louis', 'New York', 'Frankfurt am Main']);
    const surnames = profile('LastName', ['McDonald', 'van der Berg', 'Smith']);
    const shouting = profile('Town', ['LEEDS', 'YORK', 'HULL']);
    const states = profile('State', ['SP', 'RJ', 'CA', 'SP', 'NY', 'CA']);
    const countries = profile('Country', ['br', 'us', 'ca']);
    expect({
      towns: suggestRules(towns, text('town')).rules,
      surnames: suggestRules(surnames, text('last_name')).rules,
      shouting: suggestRules(shouting, text('town')).rules,
      states: suggestRules(states, text('state')).rules,
      countries: suggestRules(countries, text('country_code')).rules,
    }).toEqual({
      towns: [{ name: 'trim' }], surnames: [{ name: 'trim' }], shouting: [{ name: 'trim' }, { name: 'title_case' }],
      states: [{ name: 'trim' }], countries: [{ name: 'trim' }],
    });
  });
});

describe('allowedValueFor', () => {
  it('finds the allowed value by its name, its start or its letters in order, and only when one fits', () => {
    expect(['For Sale', 'app', 'LL', 'x', 'l'].map((v) => allowedValueFor(v, ['for_sale', 'applicant', 'landlord', 'let']))).toEqual(['for_sale', 'applicant', 'landlord', undefined, undefined]);
  });
});
