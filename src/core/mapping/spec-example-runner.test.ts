import { sampleSpecText } from '../../test-support/spec-fixtures.js';
import { describe, expect, test } from 'vitest';
import { parseSpec } from '../spec/spec-parser.js';
import { runSpecExamples } from './spec-example-runner.js';

const SAMPLE = sampleSpecText;
const FILE = 'specs/x.yaml';

/** A person entity with aliases and a concat field, and `examples` indented by six spaces. */
function spec(examples: string): string {
  return `version: 1
entities:
  person:
    source: people.csv
    key: [[PersonID, Ref]]
    table: person
    exclude:
      - { rule: tests, when: { column: [Surname, LastName], equals: TEST }, reason: test record }
    fields:
      full_name: { rules: [{ concat: { columns: [Title, [Forename, FirstName], [Surname, LastName]] } }] }
      email: { from: [Email, EmailAddress], rules: [email] }
      phone: { from: Phone, rules: [{ uk_phone: { format: national } }] }
      branch: { from: BranchID, rules: [{ lookup: branch }] }
    examples:
${examples}
  branch:
    source: branches.csv
    key: [BranchID]
    table: branch
    fields:
      name: { from: Name }
`;
}

const at = (line: number) => ({ file: FILE, line, column: 9 });

describe('runSpecExamples', () => {
  test('passes every example of the sample spec', () => {
    const results = runSpecExamples(parseSpec(SAMPLE, 'specs/estate-agency.yaml'));
    expect(results.filter((result) => !result.passed)).toEqual([]);
    expect(results.map((result) => `${result.entity} ${result.example}`)).toEqual([
      'person 1', 'person 2', 'person 3', 'person 4',
      'person_role 1', 'person_role 2', 'person_role 3',
      'supplier 1', 'supplier 2',
      'property 1', 'property 2', 'property 3',
      'tenancy 1', 'tenancy 2',
      'diary_entry 1', 'diary_entry 2',
      'opening_balance 1', 'opening_balance 2', 'opening_balance 3',
    ]);
  });

  test('maps through aliases, concat and lookups, with columns left out read as blank', () => {
    const results = runSpecExamples(
      parseSpec(
        spec(`      - source: { Ref: P1, Title: Mr, FirstName: john, LastName: Smith, EmailAddress: John@Example.COM, Phone: "+44 1234 567890", BranchID: B1 }
        parents: { branch: { B1: "3" } }
        target: { full_name: Mr john Smith, email: John@example.com, phone: 01234 567890, branch: "3" }
      - source: { PersonID: P2, Surname: Lee }
        target: { full_name: Lee }
      - source: { PersonID: P3, LastName: TEST, Email: not-an-address }
        outcome: excluded
        reason: test record`),
        FILE,
      ),
    );
    expect(results).toEqual([
      { entity: 'person', example: 1, where: at(15), passed: true, differences: [], message: 'example 1 of entity "person" passes' },
      { entity: 'person', example: 2, where: at(18), passed: true, differences: [], message: 'example 2 of entity "person" passes' },
      { entity: 'person', example: 3, where: at(20), passed: true, differences: [], message: 'example 3 of entity "person" passes' },
    ]);
  });

  test('names each field that differs, with what it should be and what it is', () => {
    const [result] = runSpecExamples(
      parseSpec(spec(`      - source: { PersonID: P1, Forename: Ann, Surname: Lee, Email: " Ann@Example.com " }\n        target: { full_name: Ann Lee, email: ann@example.com, phone: "0" }`), FILE),
    );
    expect(result).toEqual({
      entity: 'person',
      example: 1,
      where: at(15),
      passed: false,
      differences: [
        { kind: 'field', field: 'email', expected: 'ann@example.com', actual: 'Ann@example.com' },
        { kind: 'field', field: 'phone', expected: '0', actual: null },
      ],
      message: 'example 1 of entity "person" fails: email should be "ann@example.com" but is "Ann@example.com"; phone should be "0" but is blank',
    });
  });

  test('says when a row comes out rejected, excluded or loaded against the example, and with which message', () => {
    const results = runSpecExamples(
      parseSpec(
        spec(`      - source: { PersonID: P1, Surname: Lee, Phone: "0123" }
        target: { full_name: Lee }
      - source: { PersonID: P2, Surname: Lee, BranchID: B9 }
        outcome: rejected
        reason: 'branch: no branch with key "B1" was loaded'
      - source: { PersonID: P3, Surname: Lee }
        outcome: excluded
        reason: test record`),
        FILE,
      ),
    );
    const phone =
      'phone: "0123" is not a UK phone number: it is too short: it has 4 digits counting the leading 0, ' +
      'and a UK number has 10 or 11 digits, as in 01234 567890 or +44 1234 567890';
    expect(results.map(({ differences, message }) => ({ differences, message }))).toEqual([
      {
        differences: [{ kind: 'outcome', expected: 'mapped', actual: 'rejected', message: phone }],
        message: `example 1 of entity "person" fails: the row should load but is rejected (${phone})`,
      },
      {
        differences: [{ kind: 'reason', outcome: 'rejected', expected: 'branch: no branch with key "B1" was loaded', actual: 'branch: no branch with key "B9" was loaded' }],
        message:
          'example 2 of entity "person" fails: the row is rejected as it should be, ' +
          'but with "branch: no branch with key \\"B9\\" was loaded" instead of "branch: no branch with key \\"B1\\" was loaded"',
      },
      {
        differences: [{ kind: 'outcome', expected: 'excluded', actual: 'mapped', message: null }],
        message: 'example 3 of entity "person" fails: the row should be excluded but loads',
      },
    ]);
  });

  test('names a column the example gives but no rule reads, as when a rule has a typo', () => {
    const [result] = runSpecExamples(
      parseSpec(spec('      - source: { PersonID: P1, Surname: Lee, Phone: "01234 567890" }\n        target: { full_name: Lee, phone: 01234 567890 }').replace('from: Phone', 'from: Phoen'), FILE),
    );
    expect(result?.differences).toEqual([
      { kind: 'column', column: 'Phone' },
      { kind: 'field', field: 'phone', expected: '01234 567890', actual: null },
    ]);
    expect(result?.message).toBe(
      'example 1 of entity "person" fails: it gives column "Phone", which no rule of this entity reads; phone should be "01234 567890" but is blank',
    );
  });

  test('gives no results for a spec without examples', () => {
    expect(runSpecExamples(parseSpec(spec('      []').replace('    examples:\n      []\n', ''), FILE))).toEqual([]);
  });
});
