import { specFailure } from '../../test-support/spec-fixtures.js';
import { describe, expect, test } from 'vitest';
import { parseSpec } from './spec-parser.js';

const FILE = 'specs/x.yaml';

/** A person and a role that looks it up, with `examples` (indented by six spaces) on the role. */
function spec(examples: string): string {
  return `version: 1
entities:
  person:
    source: people.csv
    key: [PersonID]
    table: person
    fields:
      name: { from: Name }
  role:
    source: roles.csv
    key: [PersonID, Code]
    table: role
    exclude:
      - { rule: old, when: { column: Code, equals: OLD }, reason: old roles stay behind }
    fields:
      person_id: { from: PersonID, rules: [{ lookup: person }] }
      code: { from: [Code, RoleCode], rules: [lower] }
    examples:
${examples}`;
}

/** The message of the SpecError that parsing `text` throws. */
const failure = (text: string): string => specFailure(text, FILE);

const at = (line: number, column: number) => ({ file: FILE, line, column });

describe('examples in a spec', () => {
  test('reads rows that load and rows that must not', () => {
    const parsed = parseSpec(
      spec(`      - source: { PersonID: P1, RoleCode: APP }
        parents: { person: { P1: "7" } }
        target: { person_id: "7", code: app }
      - source:
          PersonID: P2
          Code: OLD
          Extra: ~
        outcome: excluded
        reason: old roles stay behind
      - source: { PersonID: P3, Code: X }
        outcome: rejected
        reason: 'person_id: no person with key "P3" was loaded'
`),
      FILE,
    );
    expect(parsed.entities[0]?.examples).toEqual([]);
    expect(parsed.entities[1]?.examples).toEqual([
      {
        source: { PersonID: 'P1', RoleCode: 'APP' },
        parents: { person: { P1: '7' } },
        expected: { outcome: 'mapped', target: { person_id: '7', code: 'app' } },
        where: at(19, 9),
      },
      {
        source: { PersonID: 'P2', Code: 'OLD', Extra: null },
        parents: {},
        expected: { outcome: 'excluded', reason: 'old roles stay behind' },
        where: at(22, 9),
      },
      {
        source: { PersonID: 'P3', Code: 'X' },
        parents: {},
        expected: { outcome: 'rejected', reason: 'person_id: no person with key "P3" was loaded' },
        where: at(28, 9),
      },
    ]);
  });

  test('says what to write when target, outcome and reason do not go together', () => {
    expect(
      failure(
        spec(`      - source: { PersonID: P1 }
      - source: { PersonID: P1 }
        outcome: rejected
      - source: { PersonID: P1 }
        outcome: excluded
        target: { code: x }
        reason: old
      - source: { PersonID: P1 }
        target: { code: x }
        reason: why
`),
      ),
    ).toBe(
      [
        'specs/x.yaml line 19 column 9: example 1 of entity "role" has no "target"; write target: { FIELD: VALUE } with what the row loads as, ' +
          'or outcome: rejected or outcome: excluded with reason: TEXT for a row that must not load',
        'specs/x.yaml line 20 column 9: example 2 of entity "role" has no "reason"; write reason: TEXT, the whole message the row is rejected with, ' +
          'as the list of rows not loaded shows it',
        'specs/x.yaml line 24 column 9: example 3 of entity "role" is excluded, so it takes no "target"; remove target:, or write outcome: mapped',
        'specs/x.yaml line 28 column 9: example 4 of entity "role" loads, so it takes no "reason"; remove reason:, or write outcome: rejected or outcome: excluded',
      ].join('\n'),
    );
  });

  test('names target fields and parents the entity does not have', () => {
    expect(
      failure(
        spec(`      - source: { PersonID: P1, Kode: APP }
        parents: { persn: { P1: "7" } }
        target: { person_id: "7", kode: app }
`),
      ),
    ).toBe(
      [
        'specs/x.yaml line 20 column 20: the parents of example 1 of entity "role" name entity "persn", which this entity does not look up. ' +
          'Did you mean "person"? It looks up: person',
        'specs/x.yaml line 21 column 35: the target of example 1 of entity "role" names "kode", which is not a field of this entity. ' +
          'Did you mean "code"? Its fields are: person_id, code',
      ].join('\n'),
    );
  });

  test('checks the shape of each example', () => {
    expect(
      failure(
        spec(`      - source: { PersonID: [P1] }
        outcome: loaded
        expect: { code: x }
      - just a row
`),
      ),
    ).toBe(
      [
        'specs/x.yaml line 19 column 29: "PersonID" of "source" in example 1 of entity "role" must be text, not a list; ' +
          'write source: { COLUMN: VALUE }, the row as the file gives it; a column left out is blank',
        'specs/x.yaml line 20 column 18: "outcome" in example 1 of entity "role" must be mapped or rejected or excluded, not "loaded"; ' +
          'write outcome: rejected or outcome: excluded, with reason: TEXT, for a row that must not load',
        'specs/x.yaml line 21 column 9: unknown key "expect" in example 1 of entity "role". Known keys: source, target, outcome, reason, parents',
        'specs/x.yaml line 22 column 9: example 2 of entity "role" must be a map, not "just a row"; ' +
          'write each example as - { source: { COLUMN: VALUE }, target: { FIELD: VALUE } }',
      ].join('\n'),
    );
  });

  test('checks the shape of examples even when the entity has other problems, but not their names', () => {
    expect(
      failure(
        spec(`      - source: { PersonID: P1 }
        target: { kode: x }
      - source: { PersonID: P1 }
`).replace('rules: [lower]', 'rules: [lowr]'),
      ),
    ).toBe(
      [
        'specs/x.yaml line 17 column 47: unknown transform "lowr". Did you mean "lower"? Known transforms: trim, upper, lower, title_case, ' +
          'collapse_spaces, replace, pad, truncate, split_name, address_line, concat, date, time, datetime, money, email, uk_postcode, uk_phone, map, lookup, default, constant',
        'specs/x.yaml line 21 column 9: example 2 of entity "role" has no "target"; write target: { FIELD: VALUE } with what the row loads as, ' +
          'or outcome: rejected or outcome: excluded with reason: TEXT for a row that must not load',
      ].join('\n'),
    );
  });

  test('refuses parents for an entity that looks nothing up', () => {
    const text = spec('      - { source: { PersonID: P1 }, target: {} }\n').replace(
      '    fields:\n      name: { from: Name }\n',
      '    fields:\n      name: { from: Name }\n    examples:\n      - { source: { Name: Ann }, parents: { role: { X: "1" } }, target: { name: Ann } }\n',
    );
    expect(failure(text)).toBe(
      'specs/x.yaml line 10 column 45: the parents of example 1 of entity "person" name entity "role", which this entity does not look up. ' +
        'It looks up no entity, so remove parents:',
    );
  });
});
