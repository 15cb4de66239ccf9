import { describe, expect, it } from 'vitest';
import { compareNames, nameWords } from './column-names.js';

describe('nameWords', () => {
  it('splits every naming style into the same singular words', () => {
    const names = ['LandlordID', 'landlord_id', 'RentPCM', 'Address1', 'address_line1', 'people.csv', 'tenancies', 'Status', 'Notes', 'DOB'];
    expect(Object.fromEntries(names.map((n) => [n, nameWords(n).words.join(' ')]))).toEqual({
      LandlordID: 'landlord id', landlord_id: 'landlord id', RentPCM: 'rent pcm', Address1: 'address 1', address_line1: 'address line 1',
      'people.csv': 'person', tenancies: 'tenancy', Status: 'status', Notes: 'note', DOB: 'birth date',
    });
  });

  it('reads synonyms as one word for one idea', () => {
    const pairs = [['Forename', 'first_name'], ['Surname', 'last_name'], ['Post_Code', 'postcode'], ['Tel', 'phone'], ['TelephoneNumber', 'phone'], ['E-mail', 'email'], ['Kind', 'type'], ['Salutation', 'title']];
    expect(pairs.map(([a, b]) => compareNames(nameWords(a!), nameWords(b!)))).toEqual(pairs.map(() => ({ score: 1, match: 'synonyms' })));
  });
});

describe('compareNames', () => {
  it('scores alike names high and names that share only an id low', () => {
    const score = (a: string, b: string, table: string[] = []) => Math.round(100 * compareNames(nameWords(a), nameWords(b), table).score);
    expect({
      same: score('LandlordID', 'landlord_id'),
      tablePrefix: score('Type', 'property_type', ['property']),
      dropsOn: score('Created', 'created_on'),
      partial: score('Rent', 'rent_pcm'),
      lineNumber: score('Address1', 'address_line1'),
      otherLine: score('Address1', 'address_line2'),
      onlyId: score('HolderID', 'landlord_id'),
      unrelated: score('Town', 'status'),
    }).toEqual({ same: 100, tablePrefix: 95, dropsOn: 87, partial: 67, lineNumber: 80, otherLine: 40, onlyId: 23, unrelated: 0 });
  });
});
