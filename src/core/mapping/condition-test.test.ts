import { describe, expect, test } from 'vitest';
import type { Condition } from '../spec/spec-model.js';
import { compileCondition } from './condition-test.js';

const where = { file: 'specs/x.yaml', line: 1, column: 1 };
const check = (condition: Omit<Condition, 'column' | 'where'>, values: readonly (string | null)[]) =>
  values.map((value) => compileCondition({ column: 'C', where, ...condition }, 0)([value]));

describe('compileCondition', () => {
  test('equals compares without surrounding spaces', () => {
    expect(check({ equals: 'TEST' }, ['TEST', ' TEST ', 'test', '', null])).toEqual([true, true, false, false, false]);
  });
  test('equals can ignore case', () => {
    expect(check({ equals: 'TEST', ignore_case: true }, ['test', 'Tester'])).toEqual([true, false]);
  });
  test('in tests membership', () => {
    expect(check({ in: ['A', 'B'] }, ['A', 'b', 'C'])).toEqual([true, false, false]);
    expect(check({ in: ['A', 'B'], ignore_case: true }, ['a', 'b', 'c'])).toEqual([true, true, false]);
  });
  test('matches tests a regular expression', () => {
    expect(check({ matches: '^ZZ' }, ['ZZ001', 'zz001', 'AZZ'])).toEqual([true, false, false]);
    expect(check({ matches: '^ZZ', ignore_case: true }, ['zz001'])).toEqual([true]);
  });
  test('blank tests for an empty value', () => {
    expect(check({ blank: true }, ['', '  ', null, 'x'])).toEqual([true, true, true, false]);
    expect(check({ blank: false }, ['', 'x'])).toEqual([false, true]);
  });
  test('before and after compare a date read with the given formats, exclusive; a blank or unreadable date is neither', () => {
    const formats = ['dd/MM/yyyy', 'yyyy-MM-dd'];
    expect(check({ before: '2015-01-01', formats }, ['31/12/2014', '2015-01-01', '02/01/2015', '', '31/02/2014', 'soon'])).toEqual([true, false, false, false, false, false]);
    expect(check({ after: '2015-01-01', before: '2016-01-01', formats }, ['01/01/2015', '02/01/2015', '2015-12-31', '2016-01-01'])).toEqual([false, true, true, false]);
  });
  test('reads a column past the end of a short row as blank', () => {
    expect(compileCondition({ column: 'C', blank: true, where }, 3)(['a'])).toBe(true);
  });
});
