import { describe, expect, test } from 'vitest';
import { specFailure } from '../../test-support/spec-fixtures.js';
import { parseSpec } from './spec-parser.js';
import { specHash } from './spec-hash.js';

const FILE = 'specs/x.yaml';

/** A one-entity spec whose dedup section is `dedup` (indented by six spaces). */
function withDedup(dedup: string): string {
  return `version: 1
entities:
  person:
    source: people.csv
    key: [PersonID]
    table: person
    dedup:
${dedup}    fields:
      last_name: { from: Surname }
`;
}

const SECTION = `      compare:
        surname: { column: Surname, as: name }
        email: { column: Email, as: email, m: [0.9, 0.05, 0.05], u: [0.0001, 0.001, 0.9989] }
        phone: { column: Phone, as: phone, weights: [12, 3, -2.5] }
      block: [email, [surname, phone]]
      merge_at: 0.95
      review_at: 0.7
`;

describe('the dedup section of an entity', () => {
  test('is read into comparisons, blocking rules and thresholds, with defaults for the rest', () => {
    const dedup = parseSpec(withDedup(SECTION), FILE).entities[0]!.dedup!;
    expect(dedup).toEqual({
      compare: [
        { name: 'surname', column: 'Surname', kind: 'name', where: { file: FILE, line: 9, column: 28 } },
        { name: 'email', column: 'Email', kind: 'email', m: [0.9, 0.05, 0.05], u: [0.0001, 0.001, 0.9989], where: { file: FILE, line: 10, column: 26 } },
        { name: 'phone', column: 'Phone', kind: 'phone', weights: [12, 3, -2.5], where: { file: FILE, line: 11, column: 26 } },
      ],
      block: [['email'], ['surname', 'phone']],
      mergeAt: 0.95,
      reviewAt: 0.7,
      maxBlock: 2000,
      prior: 0.0001,
      where: { file: FILE, line: 8, column: 7 },
    });
  });

  test('changes the spec hash, and its layout does not', () => {
    const without = parseSpec(withDedup(SECTION).replace(/    dedup:\n[\s\S]*?(?=    fields:)/, ''), FILE);
    const one = parseSpec(withDedup(SECTION), FILE);
    const moved = parseSpec(`\n\n${withDedup(SECTION.replace('merge_at: 0.95', 'merge_at:   0.95'))}`, FILE);
    expect(specHash(one)).not.toBe(specHash(without));
    expect(specHash(moved)).toBe(specHash(one));
  });

  test('refuses thresholds in the wrong order, naming both', () => {
    expect(specFailure(withDedup(SECTION.replace('review_at: 0.7', 'review_at: 0.97')), FILE)).toBe(
      `${FILE} line 14 column 18: the dedup section of entity "person" sends pairs to review from 0.97 but merges them from 0.95: review_at must not be above merge_at; write for example merge_at: 0.95 and review_at: 0.7`,
    );
  });

  test('refuses a kind it does not know and a threshold out of range, each at its line', () => {
    const lines = specFailure(withDedup(SECTION.replace('as: phone', 'as: telephone').replace('merge_at: 0.95', 'merge_at: 1.5')), FILE).split('\n');
    expect(lines.map((l) => l.replace(/ column \d+/, ''))).toEqual([
      'specs/x.yaml line 11: "as" in comparison "phone" of the dedup section of entity "person" must be name or sound or email or phone or postcode or date or address or exact, not "telephone"; write as: KIND, one of name, sound, email, phone, postcode, date, address, exact',
      'specs/x.yaml line 13: merge_at must lie between 0 and 1, such as 0.9',
    ]);
  });

  test('refuses a blocking rule that names no comparison, with the closest name', () => {
    expect(specFailure(withDedup(SECTION.replace('[surname, phone]', '[surnam, phone]')), FILE)).toBe(
      `${FILE} line 12 column 23: the blocking rule [surnam, phone] of the dedup section of entity "person" names "surnam", which is not one of its comparisons. Did you mean "surname"? Its comparisons are: surname, email, phone`,
    );
  });

  test('reads survive rules per field, and refuses an unknown field or rule with what to write', () => {
    const spec = (survive: string) =>
      withDedup(`${SECTION}      survive:\n${survive}`).replace('      last_name: { from: Surname }\n', '      last_name: { from: Surname }\n      email: { from: Email }\n      seen: { from: Seen }\n      origin: { from: Origin }\n      notes: { from: Notes }\n');
    const dedup = parseSpec(
      spec('        email: { most_recent: seen }\n        last_name: longest\n        seen: most_complete\n        origin: { from: { by: origin, value: crm } }\n        notes: { all_of: email }\n'),
      FILE,
    ).entities[0]!.dedup!;
    expect(dedup.survive).toEqual([
      { field: 'email', rule: 'most_recent', by: 'seen' },
      { field: 'last_name', rule: 'longest' },
      { field: 'seen', rule: 'most_complete' },
      { field: 'origin', rule: 'from', by: 'origin', value: 'crm' },
      { field: 'notes', rule: 'all_of', by: 'email' },
    ]);
    expect(specFailure(spec('        emial: longest\n        notes: { all_of: phone }\n'), FILE).split('\n')).toEqual([
      `${FILE} line 16 column 9: the survive rule for "emial" of the dedup section of entity "person" names field "emial", which the entity does not have. Did you mean "email"? Its fields are: last_name, email, seen, origin, notes`,
      `${FILE} line 17 column 9: the survive rule for "notes" of the dedup section of entity "person" names field "phone", which the entity does not have. Its fields are: last_name, email, seen, origin, notes`,
    ]);
    expect(specFailure(spec('        email: newest\n'), FILE)).toBe(
      `${FILE} line 16 column 9: the survive rule for "email" of the dedup section of entity "person" is not one Cutover knows; write one of: most_recent: { by: FIELD } (the row latest by a date field), most_complete (the row with most fields filled in), longest, from: { by: FIELD, value: VALUE } (the row whose field holds a preferred source), all_of: FIELD (every distinct value, for a notes field)`,
    );
  });
});
