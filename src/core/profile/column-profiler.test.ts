import { describe, expect, it } from 'vitest';
import { createColumnProfiler, defaultProfilerLimits, type ColumnProfile } from './column-profiler.js';

function profile(name: string, values: readonly (string | null)[], limits?: Parameters<typeof createColumnProfiler>[1]): ColumnProfile {
  const p = createColumnProfiler(name, limits);
  for (const v of values) p.add(v);
  return p.result();
}

describe('createColumnProfiler', () => {
  it('profiles a money column: numbers compared as decimals, not text or floats', () => {
    expect(profile('Rent', ['£1,250.00', '950.00', null, '  ', '(12.00)', '950.00', '10000000000000000.01', ''])).toEqual({
      name: 'Rent', rows: 8, nulls: 1, blanks: 2,
      distinct: { count: 4, exact: true },
      top: { values: [{ value: '950.00', count: 2 }, { value: '(12.00)', count: 1 }, { value: '10000000000000000.01', count: 1 }, { value: '£1,250.00', count: 1 }], exact: true },
      patterns: { values: [{ value: '999.99', count: 2 }, { value: '(99.99)', count: 1 }, { value: '99999999999999999.99', count: 1 }, { value: '£9,999.99', count: 1 }], exact: true },
      type: 'money', typed: 5,
      range: { as: 'number', min: '(12.00)', max: '10000000000000000.01' },
      length: { min: 0, max: 20 },
      samples: ['£1,250.00', '950.00', '(12.00)', '10000000000000000.01'],
      personal: false,
      personalKind: 'none',
    });
  });

  it('profiles a date column in mixed formats, with the odd value kept in the books', () => {
    expect(profile('MoveIn', ['05/11/2024', '2023-01-31', '7 Feb 2025', '05/11/2024', '2024-01-01', '01/02/2022', '2020-12-31', '31/12/2019', '3 Mar 2021', 'unknown'])).toMatchObject({
      distinct: { count: 9, exact: true },
      type: 'date', typed: 9,
      // one value is not a date, so min/max fall back to text
      range: { as: 'text', min: '01/02/2022', max: 'unknown' },
    });
    expect(profile('MoveIn', ['05/11/2024', '2023-01-31', '7 Feb 2025']).range).toEqual({ as: 'date', min: '2023-01-31', max: '7 Feb 2025' });
  });

  it('counts names typed in capitals, in small letters, and with a small word beside a capitalised one', () => {
    const towns = profile('City', ['LEEDS', 'leeds', 'Rio de Janeiro', 'van der Berg', 'McDonald', 'Leeds', 'A.', 'aJmes', 'NW1', '']);
    expect(towns.letterCase).toEqual({ upper: 1, lower: 1, smallWords: 2 });
    expect(profile('Town', ['Leeds', 'York']).letterCase).toBeUndefined();
  });

  it('masks personal columns: top values, samples and range', () => {
    expect(profile('Email', ['jo@example.com', 'ann@mail.org', 'jo@example.com'])).toEqual({
      name: 'Email', rows: 3, nulls: 0, blanks: 0,
      distinct: { count: 2, exact: true },
      top: { values: [{ value: 'j*@e******.com', count: 2 }, { value: 'a**@m***.org', count: 1 }], exact: true },
      patterns: { values: [{ value: 'aa@aaaaaaa.aaa', count: 2 }, { value: 'aaa@aaaa.aaa', count: 1 }], exact: true },
      type: 'email', typed: 3,
      range: { as: 'text', min: 'a**@m***.org', max: 'j*@e******.com' },
      length: { min: 12, max: 14 },
      samples: ['j*@e******.com', 'a**@m***.org'],
      personal: true,
      personalKind: 'email',
    });
    expect(profile('Surname', ['Smith', 'Jones']).top.values.map((t) => t.value)).toEqual(['J****', 'S****']);
    expect(profile('Notes', ['Call Ann after 5']).samples).toEqual(['C*** A** a**** 5']);
  });

  it('takes the kind of personal data the spec or contract states over its own guess', () => {
    const stated = (name: string, kind: 'none' | 'full_name', values: string[]) => {
      const p = createColumnProfiler(name, defaultProfilerLimits, { stated: kind });
      for (const v of values) p.add(v);
      return p.result();
    };
    expect([stated('Surname', 'none', ['Smith']), stated('Agent', 'full_name', ['Ann Lee'])].map((p) => [p.personalKind, p.personal, p.samples])).toEqual([
      ['none', false, ['Smith']],
      ['full_name', true, ['A** L**']],
    ]);
    const shown = createColumnProfiler('Surname', defaultProfilerLimits, { mask: false });
    shown.add('Smith');
    expect([shown.result().personal, shown.result().samples]).toEqual([true, ['Smith']]);
  });

  it('counts long values that differ only past their shown start as different values', () => {
    const start = 'n'.repeat(300);
    const p = profile('Details', [`${start}1`, `${start}2`, `${start}1`, 'short']);
    expect({ distinct: p.distinct, top: p.top.values, samples: p.samples, range: p.range }).toEqual({
      distinct: { count: 3, exact: true },
      top: [{ value: `${'n'.repeat(200)}…`, count: 2 }, { value: `${'n'.repeat(200)}…`, count: 1 }, { value: 'short', count: 1 }],
      samples: [`${'n'.repeat(200)}…`, 'short'],
      range: { as: 'text', min: `${'n'.repeat(200)}…`, max: 'short' },
    });
  });

  it('never estimates more distinct values than it saw', () => {
    const refs = Array.from({ length: 70_000 }, (_, i) => `A${String(i + 1).padStart(6, '0')}`);
    expect(profile('AccountRef', refs, { exactDistinct: 1_000, topValues: 1, patterns: 1, samples: 1 }).distinct).toEqual({ count: 70_000, exact: false });
  });

  it('says empty for a column of nulls and blanks', () => {
    expect(profile('Fax', [null, '', ' '])).toEqual({
      name: 'Fax', rows: 3, nulls: 1, blanks: 2, distinct: { count: 0, exact: true }, top: { values: [], exact: true }, patterns: { values: [], exact: true },
      type: 'empty', typed: 0, range: null, length: { min: 0, max: 1 }, samples: [], personal: true, personalKind: 'phone',
    });
  });

  it('estimates distinct values beyond its bound and says so', () => {
    const values = Array.from({ length: 50_000 }, (_, i) => (i % 5 === 0 ? 'Let' : `${i}`));
    const p = profile('Ref', values, { exactDistinct: 1_000, topValues: 1, patterns: 2, samples: 2 });
    expect({ ...p, distinct: { exact: p.distinct.exact, close: Math.abs(p.distinct.count - 40_001) / 40_001 < 0.03 } }).toEqual({
      name: 'Ref', rows: 50_000, nulls: 0, blanks: 0,
      distinct: { exact: false, close: true },
      top: { values: [{ value: 'Let', count: p.top.values[0]!.count }], exact: false },
      patterns: { values: [{ value: '99999', count: 32_000 }, { value: 'Aaa', count: 10_000 }], exact: true },
      // 80% integers is under the 90% a type needs
      type: 'text', typed: 50_000,
      range: { as: 'text', min: '1', max: 'Let' },
      length: { min: 1, max: 5 },
      samples: ['Let', '1'],
      personal: false,
      personalKind: 'none',
      // a key-like name keeps the smallest hashes of its values, in order
      keySketch: [...p.keySketch!].sort((a, b) => a - b),
    });
    expect(p.keySketch).toHaveLength(64);
  });

  it('keeps every value of a small key column in its sketch, and none for a column not named like a key', () => {
    expect([profile('CustomerId', ['1', '2', '3', '2', ' 3']).keySketch?.length, profile('Total', ['1', '2']).keySketch]).toEqual([3, undefined]);
  });
});
