import { describe, expect, it } from 'vitest';
import { addressKey, emailKey, nameKey, postcodeKey, valueKey } from './value-keys.js';

describe('value keys', () => {
  it('names: letters in lower case, accents and apostrophes gone, words single-spaced', () => {
    expect(['  Zoë ', "O'Brien", 'SMITH-JONES', 'Łucja', 'mary  ann', ' - '].map(nameKey)).toEqual(['zoe', 'obrien', 'smith jones', 'lucja', 'mary ann', null]);
  });

  it('postcodes: any case and spacing, null when not a UK postcode', () => {
    expect(['bs1 4dj', 'BS14DJ', ' sw1a 1aa ', 'EC1A1BB', 'ABC', ''].map(postcodeKey)).toEqual(['BS1 4DJ', 'BS1 4DJ', 'SW1A 1AA', 'EC1A 1BB', null, null]);
  });

  it('e-mails trimmed and in lower case', () => {
    expect([' Mary.OBrien@Example.com ', 'no-at-sign', ''].map(emailKey)).toEqual(['mary.obrien@example.com', null, null]);
  });

  it('addresses: words sorted, street words shortened', () => {
    expect(addressKey('12 High Street, Bristol')).toBe('12 bristol high st');
    expect(addressKey('12, high st.  BRISTOL')).toBe('12 bristol high st');
  });

  it('dates read as the profile reads them', () => {
    expect(['03/02/1980', '1980-02-03', '3 Feb 1980', '31/02/1980'].map((d) => valueKey('date', d))).toEqual(['1980-02-03', '1980-02-03', '1980-02-03', null]);
  });
});
