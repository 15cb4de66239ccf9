import { describe, expect, it } from 'vitest';
import { specFailure } from '../../test-support/spec-fixtures.js';
import { targetNameProblem } from './target-name.js';

const spec = (table: string, field: string) => `version: 1
entities:
  person:
    source: people.csv
    key: [PersonID]
    table: ${table}
    fields:
      ${field}: { from: Surname }
`;

describe('names of the new system\'s tables and columns', () => {
  it('passes ordinary names, and names wholly in another script', () => {
    for (const name of ['person', 'first_name', 'Zoë_notes', 'клиент', 'x'.repeat(63)]) expect(targetNameProblem(name)).toBeUndefined();
  });

  it('says which letter of a look-alike name is not Latin', () => {
    // the first letter is the Cyrillic "р", the rest Latin
    expect(targetNameProblem('\u0440erson')).toBe(
      'the name "\u0440erson" mixes Latin letters with the Cyrillic letter "\u0440" (U+0440), which looks like a Latin one but is not; type the name again in Latin letters',
    );
    expect(targetNameProblem('\u03bfrders')).toContain('the Greek letter "\u03bf" (U+03BF)');
    expect(targetNameProblem('per\u200bson')).toBe('the name "per\u200bson" holds an invisible character (U+200B); type the name again');
  });

  it('says a name longer than PostgreSQL keeps would be cut', () => {
    const long = 'previous_landlord_forwarding_address_including_county_and_country_code_for_mail';
    expect(targetNameProblem(long)).toBe(`the name "${long}" is ${long.length} bytes long, but PostgreSQL keeps only the first 63 of a name, so it would not match; choose a shorter name`);
  });

  it('points a spec at the table and the field with such names', () => {
    const message = specFailure(spec('\u0440erson', 'x'.repeat(86)), 'specs/x.yaml');
    expect(message).toContain('specs/x.yaml line 6 column 12: the table of entity "person": the name "\u0440erson" mixes Latin letters with the Cyrillic letter');
    expect(message).toContain(`specs/x.yaml line 8 column 7: field of entity "person": the name "${'x'.repeat(86)}" is 86 bytes long`);
  });
});
