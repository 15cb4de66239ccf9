import { describe, expect, it } from 'vitest';
import { columnRole, emailText, looksLikePostcode, nameText, nameTokens, postcodeText, similarEnough, wordGrams, wordSimilarity } from './record-terms.js';

describe('record terms', () => {
  it('reads names as words without case, accents or punctuation', () => {
    expect(nameText("  Zoë O'BRIEN-Smith ")).toBe('zoe o brien smith');
    expect(nameTokens('<script>alert(1)</script>')).toEqual(['script', 'alert', 'script']);
    expect(nameTokens('J. Lee')).toEqual(['lee']);
  });

  it('compares postcodes without spaces or case, and e-mails without case', () => {
    expect(postcodeText(' ls1  1aa ')).toBe('LS11AA');
    expect(emailText(' Mary.OBrien@Example.COM ')).toBe('mary.obrien@example.com');
    expect(['LS1 1AA', 'ls1', 'sw1a 2aa', 'RG3 3', 'EC1'].map(looksLikePostcode)).toEqual([true, true, true, true, true]);
    expect(['Smith', 'P0001', '12345', 'L'].map(looksLikePostcode)).toEqual([false, false, false, false]);
  });

  it('finds misspelt words alike, allowing more slips in longer words', () => {
    expect(wordSimilarity('smith', 'smyth')).toBe(0.8);
    expect(wordSimilarity('lee', 'lee')).toBe(1);
    expect(similarEnough('lee', 'lea')).toBe(true);
    expect(similarEnough('lee', 'lay')).toBe(false);
    expect(similarEnough('caxter', 'carter')).toBe(true);
    expect(similarEnough('wiliamson', 'williamsen')).toBe(true);
    expect(similarEnough('carter', 'baxendale')).toBe(false);
  });

  it('cuts a word into padded three-letter pieces, each once', () => {
    expect(wordGrams('lee')).toEqual(['  l', ' le', 'lee', 'ee ']);
    expect(wordGrams('aaa')).toEqual(['  a', ' aa', 'aaa', 'aa ']);
  });

  it('tells a column\'s role from its name and the field it feeds', () => {
    expect([
      columnRole('Surname', 'last_name'), columnRole('Forename', 'first_name'), columnRole('Name', 'name'), columnRole('CompanyName', undefined),
      columnRole('Postcode', 'postcode'), columnRole('Email', 'email'), columnRole('E-mail', undefined), columnRole('Address1', 'address_line1'),
      columnRole('UserName', undefined), columnRole('Town', 'town'), columnRole('Title', 'title'), columnRole('PersonID', undefined),
    ]).toEqual(['name', 'name', 'name', 'name', 'postcode', 'email', 'email', 'address', null, null, null, null]);
  });
});
