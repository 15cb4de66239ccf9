import { describe, expect, it } from 'vitest';
import { parseSpec } from '../spec/spec-parser.js';
import { specLeftovers } from './spec-leftovers.js';

const spec = parseSpec(`version: 1
entities:
  person:
    source: people.csv
    key: [[PersonID, Ref]]
    table: person
    exclude:
      - { rule: tests, when: { column: Surname, equals: TEST }, reason: test record }
    fields:
      full_name: { rules: [{ concat: { columns: [Title, [Forename, FirstName]] } }] }
      email: { from: [Email, EmailAddress] }
      active: { when: { column: Archived, equals: 'N' }, rules: [{ constant: 'yes' }] }
`, 'specs/x.yaml');

describe('specLeftovers', () => {
  it('names the tables no entity reads, and the columns no key, rule or condition reads under any of their names', () => {
    const delivered = [
      { name: 'people.csv', columns: ['Ref', 'Title', 'FirstName', 'Surname', 'EmailAddress', 'Archived', 'Fax', 'Notes'], rows: 12 },
      { name: 'branches.csv', columns: ['Code', 'Name'], rows: 3 },
    ];
    expect(specLeftovers(spec, delivered)).toEqual({
      tables: [{ name: 'branches.csv', columns: ['Code', 'Name'], rows: 3 }],
      columns: [{ table: 'people.csv', rows: 12, columns: ['Fax', 'Notes'] }],
    });
  });

  it('has nothing to say when everything is read', () => {
    const delivered = [{ name: 'people.csv', columns: ['PersonID', 'Title', 'Forename', 'Surname', 'Email', 'Archived'], rows: 2 }];
    expect(specLeftovers(spec, delivered)).toEqual({ tables: [], columns: [] });
  });
});
