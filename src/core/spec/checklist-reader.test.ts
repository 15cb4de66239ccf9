import { sampleSpecText } from '../../test-support/spec-fixtures.js';
import { describe, expect, test } from 'vitest';
import { SpecError } from './spec-error.js';
import { parseSpec } from './spec-parser.js';

const SAMPLE = sampleSpecText;

const head = `version: 1
entities:
  person:
    source: people.csv
    key: [PersonID]
    table: person
    fields:
      last_name: { from: Surname }
      balance: { from: Balance, rules: [{ money: { currency: "£" } }] }
  role:
    source: roles.csv
    key: [PersonID, Role]
    table: person_role
    generate_id: false
    fields:
      role: { from: Role }
`;

function problems(checklist: string): string {
  try {
    parseSpec(`${head}checklist:\n${checklist}`, 'specs/x.yaml');
  } catch (error) {
    if (error instanceof SpecError) return error.message;
    throw error;
  }
  throw new Error('the spec parsed');
}

describe('the checklist section of a spec', () => {
  test('reads the sample checklist: labels, entities, filters and totals', () => {
    const spec = parseSpec(SAMPLE, 'specs/estate-agency.yaml');
    const lines = spec.checklist!.map((i) => [i.label, i.entity, i.filter.map((f) => `${f.column}=${f.values.join('|')}`).join(','), i.total ?? '', i.by ?? '']);
    expect(lines).toContainEqual(['Contacts', 'person', '', '', '']);
    expect(lines).toContainEqual(['Tenancies with status Current', 'tenancy', 'Status=Current', '', '']);
    expect(lines).toContainEqual(['Client account balance', 'opening_balance', 'Account=Client', 'amount', '']);
    expect(lines).toContainEqual(['Opening balances per landlord', 'opening_balance', 'HolderType=Landlord', 'amount', 'HolderID']);
    expect(spec.checklist!.length).toBe(18);
  });

  test('keeps the spec hash: a checklist counts rows and changes none', () => {
    const without = SAMPLE.slice(0, SAMPLE.indexOf('\n# The pre-migration checklist'));
    expect(parseSpec(SAMPLE, 'a.yaml').hash).toBe(parseSpec(without, 'a.yaml').hash);
    expect(parseSpec(without, 'a.yaml').checklist).toEqual([]);
  });

  test('takes one value or a list of values per column, with the line of each column', () => {
    const spec = parseSpec(`${head}checklist:\n  - { label: Smiths, entity: person, where: { Surname: [Smith, SMITH] } }\n`, 'specs/x.yaml');
    expect(spec.checklist).toEqual([
      { label: 'Smiths', entity: 'person', filter: [{ column: 'Surname', values: ['Smith', 'SMITH'], where: { file: 'specs/x.yaml', line: 18, column: 47 } }], where: { file: 'specs/x.yaml', line: 18, column: 5 } },
    ]);
  });

  test('names every problem with its line: unknown entity, field, key, a repeated label, by without total', () => {
    expect(
      problems(`  - { label: People, entity: persn }
  - { label: Money, entity: person, total: balanse }
  - { label: People, entity: person, colour: red }
  - { label: Split, entity: person, by: Surname }
  - { label: Roles, entity: role }
  - { entity: person }
  - { label: People, entity: person }
  - { label: Split, entity: person }
`),
    ).toBe(
      [
        'specs/x.yaml line 18 column 30: checklist line "People" counts entity "persn", which is not in this spec. Did you mean "person"? Its entities are: person, role',
        'specs/x.yaml line 19 column 44: checklist line "Money" adds up "balanse", which is not a field of entity "person". Did you mean "balance"?',
        'specs/x.yaml line 20 column 38: unknown key "colour" in checklist line "People". Known keys: label, entity, where, total, by',
        'specs/x.yaml line 21 column 41: checklist line "Split" has by: but no total:; by: splits a money total, write total: FIELD too',
        'specs/x.yaml line 22 column 29: checklist line "Roles" counts entity "role", whose rows have no id of their own in the new system (generate_id: false), so they cannot be followed into it; count a parent entity instead',
        'specs/x.yaml line 23 column 5: checklist line 6 has no "label"; write label: TEXT, the line as the customer reads it, for example label: Tenancies with status Current',
        'specs/x.yaml line 24 column 5: checklist line "People" is written twice (first on line 18); give each checklist line its own label',
        'specs/x.yaml line 25 column 5: checklist line "Split" is written twice (first on line 21); give each checklist line its own label',
      ].join('\n'),
    );
  });
});
