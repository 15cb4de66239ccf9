import { describe, expect, test } from 'vitest';
import { specFailure } from '../../test-support/spec-fixtures.js';
import { parseSpec } from './spec-parser.js';
import { specHash } from './spec-hash.js';

const FILE = 'specs/x.yaml';

/** A one-entity spec with an `on_delete` line (or none). */
function propertySpec(onDelete: string): string {
  return `version: 1
entities:
  property:
    source: properties.csv
    key: [PropertyID]
    table: property
${onDelete}    fields:
      status: { from: Status }
      town: { from: Town }
`;
}

describe('on_delete', () => {
  test('reads keep, delete and a mark; written nowhere, it is absent and the hash is as before', () => {
    const entity = (text: string) => parseSpec(text, FILE).entities[0]!;
    expect(entity(propertySpec('')).onDelete).toBeUndefined();
    expect(entity(propertySpec('    on_delete: keep\n')).onDelete).toEqual({ kind: 'keep' });
    expect(entity(propertySpec('    on_delete: delete\n')).onDelete).toEqual({ kind: 'delete' });
    expect(entity(propertySpec('    on_delete: { mark: status, value: withdrawn }\n')).onDelete).toEqual({ kind: 'mark', column: 'status', value: 'withdrawn' });
    const plain = parseSpec(propertySpec(''), FILE);
    expect(plain.hash).toBe(specHash({ version: 1, entities: plain.entities }));
    expect(parseSpec(propertySpec('    on_delete: delete\n'), FILE).hash).not.toBe(plain.hash);
  });

  test('refuses another word, naming what to write', () => {
    expect(specFailure(propertySpec('    on_delete: remove\n'), FILE)).toBe(
      'specs/x.yaml line 7 column 16: "on_delete" in entity "property" must be keep or delete, not "remove"; ' +
        'write on_delete: keep (rows deleted in the legacy system stay in the new system), on_delete: delete, or on_delete: { mark: COLUMN, value: VALUE } to set a column of the row instead',
    );
  });

  test('refuses a mark without a value, or on a column that is not a field of the entity', () => {
    expect(specFailure(propertySpec('    on_delete: { mark: status }\n'), FILE)).toBe(
      'specs/x.yaml line 7 column 16: the on_delete mark of entity "property" has no "value"; write value: VALUE, what the column is set to, for example value: withdrawn',
    );
    expect(specFailure(propertySpec('    on_delete: { mark: stauts, value: withdrawn }\n'), FILE)).toBe(
      'specs/x.yaml line 7 column 24: the on_delete mark of entity "property" names "stauts", which is not a field of this entity. Did you mean "status"? Its fields are: status, town',
    );
  });

  test('refuses deleting or marking rows of an entity without ids', () => {
    const text = propertySpec('    generate_id: false\n    on_delete: delete\n');
    expect(specFailure(text, FILE)).toBe(
      'specs/x.yaml line 8 column 16: on_delete of entity "property" needs the rows\' own ids to find them again, and the entity has generate_id: false; write on_delete: keep, or leave it out',
    );
    expect(parseSpec(propertySpec('    generate_id: false\n    on_delete: keep\n'), FILE).entities[0]!.onDelete).toEqual({ kind: 'keep' });
  });
});
