import { describe, expect, it } from 'vitest';
import { survivingValues } from './survivorship.js';

const fields = ['name', 'email', 'phone', 'seen', 'origin', 'notes'];
// the survivor first
const rows = [
  ['Ann Lee', 'ann@old.example', null, '2019-05-01', 'crm', null],
  ['Ann Leigh-Lee', 'ann@new.example', '07700 900123', '2023-01-09', 'web', 'has keys'],
  ['A Lee', null, null, null, 'crm', 'has keys'],
];

describe('survivingValues', () => {
  it("keeps the survivor's own values where no rule says otherwise, blanks too", () => {
    expect(survivingValues([], fields, rows)).toEqual(rows[0]);
  });

  it('takes the most recent, the longest, the most complete row\'s, a preferred source\'s, or all values', () => {
    const out = survivingValues(
      [
        { field: 'email', rule: 'most_recent', by: 'seen' },
        { field: 'name', rule: 'longest' },
        { field: 'seen', rule: 'most_complete' },
        { field: 'origin', rule: 'from', by: 'origin', value: 'web' },
        { field: 'notes', rule: 'all_of', by: 'email' },
      ],
      fields,
      rows,
    );
    expect(out).toEqual(['Ann Leigh-Lee', 'ann@new.example', null, '2023-01-09', 'web', 'ann@old.example; ann@new.example']);
  });

  it('keeps the default when no row has a value for the rule or the preferred source is missing', () => {
    const out = survivingValues([{ field: 'name', rule: 'from', by: 'origin', value: 'shop' }, { field: 'phone', rule: 'longest' }], fields, [rows[0]!, rows[2]!]);
    expect(out).toEqual(rows[0]);
  });

  it('gathers all values into a field that is blank in every row', () => {
    const out = survivingValues([{ field: 'notes', rule: 'all_of', by: 'email' }], fields, [rows[0]!, rows[0]!.map((v, i) => (i === 1 ? 'ann@new.example' : v))]);
    expect(out[5]).toBe('ann@old.example; ann@new.example');
  });
});
