import { describe, expect, test } from 'vitest';
import { entityColumns } from './entity-columns.js';
import { parseSpec } from './spec-parser.js';

describe('entityColumns', () => {
  test('lists every column the key, exclusions, conditions, fields and concat rules read, each once with its names', () => {
    const spec = parseSpec(
      `version: 1
entities:
  person:
    source: people.csv
    key: [[PersonID, Ref]]
    table: person
    exclude:
      - { rule: tests, when: { column: Surname, equals: TEST }, reason: test rows }
    fields:
      name: { rules: [{ concat: { columns: [[Forename, FirstName], Surname] } }] }
      email: { from: [Email, EmailAddress], when: { column: Kind, blank: false } }
      ref: { from: [PersonID, Ref] }
`,
      'specs/x.yaml',
    );
    expect(entityColumns(spec.entities[0] ?? { key: [], exclude: [], fields: [] })).toEqual([
      ['PersonID', 'Ref'],
      ['Surname'],
      ['Forename', 'FirstName'],
      ['Kind'],
      ['Email', 'EmailAddress'],
    ]);
  });
});
