import { describe, expect, test } from 'vitest';
import { canonicalJson, specHash } from './spec-hash.js';
import type { EntitySpec } from './spec-model.js';

const at = (line: number) => ({ file: 'specs/x.yaml', line, column: 1 });

function person(line: number, values: Record<string, string>): EntitySpec {
  return {
    name: 'person',
    source: 'people.csv',
    key: ['PersonID'],
    table: 'person',
    generateId: true,
    exclude: [{ rule: 'tests', when: { column: 'S', equals: 'TEST', where: at(line) }, reason: 'r', where: at(line) }],
    reconcile: { money: [] },
    fields: [
      {
        name: 'title',
        from: 'Title',
        fromWhere: at(line + 1),
        required: false,
        rules: [{ name: 'map', options: { values, unmapped: 'keep' }, where: at(line + 2) }],
        where: at(line + 1),
      },
    ],
    parents: [],
    where: at(line),
    keyWhere: [at(line)],
  };
}

describe('canonicalJson', () => {
  test('sorts keys, drops undefined values, keeps list order', () => {
    expect(canonicalJson({ b: [2, 1], a: { z: null, y: undefined, x: 'text' } })).toBe('{"a":{"x":"text","z":null},"b":[2,1]}');
  });
});

describe('specHash', () => {
  test('is the sha256 of the canonical JSON', () => {
    expect(specHash({ version: 1, entities: [] })).toBe('50ee3b49ad480f6cb391bfa63387097a5f076783833b2f3379e4a24057cba912');
  });
  test('does not depend on positions', () => {
    expect(specHash({ version: 1, entities: [person(3, { Mr: 'Mr' })] })).toBe(specHash({ version: 1, entities: [person(30, { Mr: 'Mr' })] }));
  });
  test('does not depend on the order of entities', () => {
    const supplier: EntitySpec = { ...person(3, { Mr: 'Mr' }), name: 'supplier', source: 'suppliers.csv', table: 'supplier' };
    expect(specHash({ version: 1, entities: [supplier, person(3, { Mr: 'Mr' })] })).toBe(specHash({ version: 1, entities: [person(9, { Mr: 'Mr' }), supplier] }));
  });
  test('leaves the examples out, since they change no loaded row', () => {
    const example = { source: { Title: 'MR' }, parents: {}, expected: { outcome: 'mapped', target: { title: 'Mr' } }, where: at(9) } as const;
    expect(specHash({ version: 1, entities: [{ ...person(3, { MR: 'Mr' }), examples: [example] }] })).toBe(
      specHash({ version: 1, entities: [person(3, { MR: 'Mr' })] }),
    );
  });
  test('changes with a column alias', () => {
    const plain = person(3, { Mr: 'Mr' });
    const aliased: EntitySpec = { ...plain, fields: plain.fields.map((field) => ({ ...field, fromAliases: ['Salutation'] })) };
    expect(specHash({ version: 1, entities: [aliased] })).not.toBe(specHash({ version: 1, entities: [plain] }));
  });
  test('keeps option keys that look like positions', () => {
    expect(specHash({ version: 1, entities: [person(3, { where: 'x' })] })).not.toBe(
      specHash({ version: 1, entities: [person(3, { elsewhere: 'x' })] }),
    );
  });
});
