import { sampleSpecText } from '../../test-support/spec-fixtures.js';
import { describe, expect, test } from 'vitest';
import { loadOrder } from './load-order.js';
import { SpecError } from './spec-error.js';
import type { EntitySpec, Spec } from './spec-model.js';
import { parseSpec } from './spec-parser.js';

const SAMPLE = sampleSpecText;
const at = (line: number) => ({ file: 'specs/x.yaml', line, column: 5 });

/** A bare entity that looks up `parents`, each from a rule on line `line + 1`, `line + 2`, ... */
function entity(name: string, line: number, parents: readonly string[] = []): EntitySpec {
  return {
    name,
    source: `${name}.csv`,
    key: ['ID'],
    table: name,
    generateId: true,
    exclude: [],
    reconcile: { money: [] },
    fields: parents.map((parent, index) => ({
      name: `${parent}_id`,
      from: 'X',
      required: false,
      rules: [{ name: 'lookup', options: parent, where: at(line + index + 1) }],
      where: at(line + index + 1),
    })),
    parents,
    where: at(line),
    keyWhere: [at(line)],
  };
}

const spec = (entities: readonly EntitySpec[]): Spec => ({ file: 'specs/x.yaml', hash: '', version: 1, entities });

describe('loadOrder', () => {
  test('keeps the sample spec in file order, which already loads parents first', () => {
    expect(loadOrder(parseSpec(SAMPLE, 'specs/estate-agency.yaml')).map((e) => e.name)).toEqual([
      'person',
      'person_role',
      'supplier',
      'property',
      'tenancy',
      'diary_entry',
      'opening_balance',
    ]);
  });

  test('moves parents ahead of the entities that look them up, and keeps the rest in file order', () => {
    const order = loadOrder(spec([entity('tenancy', 1, ['property', 'person']), entity('supplier', 10), entity('property', 20, ['person']), entity('person', 30)]));
    expect(order.map((e) => e.name)).toEqual(['supplier', 'person', 'property', 'tenancy']);
  });

  test('loads an entity that looks itself up where its other parents allow', () => {
    const order = loadOrder(spec([entity('staff', 1, ['staff', 'branch']), entity('branch', 10)]));
    expect(order.map((e) => e.name)).toEqual(['branch', 'staff']);
  });

  test('ignores lookups to entities outside the spec, which the parser reports', () => {
    expect(loadOrder(spec([entity('a', 1, ['ghost'])])).map((e) => e.name)).toEqual(['a']);
  });

  test('names the entities of a cycle and the lines of its lookups', () => {
    let caught: unknown;
    try {
      loadOrder(spec([entity('x', 1), entity('a', 10, ['c']), entity('b', 20, ['a']), entity('c', 30, ['b'])]));
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(SpecError);
    expect((caught as SpecError).problems).toEqual([
      {
        code: 'lookup_cycle',
        file: 'specs/x.yaml',
        line: 11,
        column: 5,
        message:
          'the lookups go round in a circle: a looks up c (line 11), c looks up b (line 31), b looks up a (line 21); ' +
          'a parent must be loaded before the rows that look it up, so remove one of these lookups',
      },
    ]);
  });
});
