import { describe, expect, it } from 'vitest';
import { parseContract } from './contract/contract-parser.js';
import { parseSpec } from './spec/spec-parser.js';
import { personalColumns } from './personal-columns.js';

const spec = parseSpec(
  `version: 1
entities:
  person:
    source: people.csv
    key: [PersonID]
    table: person
    fields:
      agent: { from: Handler, personal: full_name }
      reference: { from: Surname, personal: none }
      contact: { from: Contact }
      mobile: { from: Extra }
      status: { from: Status }
`,
  'specs/x.yaml',
);
const contract = parseContract(['version: 1', 'files:', '  people.csv:', '    columns:', '      Contact: { personal: email }', '      Surname: { personal: family_name }'].join('\n'), 'contract.yaml');

describe('personalColumns', () => {
  it('takes the spec, then the contract, then the names', () => {
    const kinds = personalColumns(spec, contract);
    expect(['agent', 'reference', 'contact', 'mobile', 'status'].map((f) => kinds.field('person', f))).toEqual(['full_name', 'none', 'email', 'phone', 'none']);
    expect([kinds.column('people.csv', 'Handler'), kinds.column('people.csv', 'Surname'), kinds.column('people.csv', 'Contact'), kinds.column('other.csv', 'Mobile'), kinds.column('x', 'Ref', 'email')]).toEqual([
      'full_name', 'none', 'email', 'phone', 'email',
    ]);
    expect([kinds.stated('people.csv', 'Handler'), kinds.stated('people.csv', 'Contact'), kinds.stated('people.csv', 'Extra')]).toEqual([true, true, false]);
  });

  it('classifies by name alone without a spec or contract', () => {
    expect(personalColumns().field('person', 'email')).toBe('email');
  });
});
