import { describe, expect, test } from 'vitest';
import { SpecError } from '../spec/spec-error.js';
import type { ChecklistItem } from '../spec/spec-model.js';
import { compileChecklistFilter, describeFilter } from './checklist-filter.js';

const at = { file: 'specs/x.yaml', line: 3, column: 5 };
const item = (filter: ChecklistItem['filter']): ChecklistItem => ({ label: 'Lets', entity: 'property', filter, where: at });
const columns = ['PropertyID', 'Status', 'Type'];

describe('checklist filters', () => {
  test('count a row when every column holds one of its values, spaces aside', () => {
    const test = compileChecklistFilter(item([{ column: 'Status', values: ['Let', 'To Let'], where: at }, { column: 'Type', values: ['Flat'], where: at }]), columns, 'properties.csv');
    expect([['P1', ' Let ', 'Flat'], ['P2', 'To Let', 'Flat'], ['P3', 'Let', 'House'], ['P4', 'let', 'Flat'], ['P5', null, 'Flat']].map((row) => test(row))).toEqual([true, true, false, false, false]);
    expect(compileChecklistFilter(item([]), columns, 'properties.csv')(['P1', null, null])).toBe(true);
  });

  test('name a column the file lacks at its spec line', () => {
    expect(() => compileChecklistFilter(item([{ column: 'Staus', values: ['Let'], where: at }]), columns, 'properties.csv')).toThrow(SpecError);
    expect(() => compileChecklistFilter(item([{ column: 'Staus', values: ['Let'], where: at }]), columns, 'properties.csv')).toThrow(
      'specs/x.yaml line 3 column 5: column "Staus" is not in properties.csv (its columns are: PropertyID, Status, Type). Did you mean "Status"?',
    );
  });

  test('read in words', () => {
    expect(describeFilter(item([]))).toBe('every row');
    expect(describeFilter(item([{ column: 'Status', values: ['Let', 'To Let'], where: at }, { column: 'Type', values: ['Flat'], where: at }]))).toBe('Status is Let or To Let, and Type is Flat');
  });
});
