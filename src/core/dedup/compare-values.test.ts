import { describe, expect, it } from 'vitest';
import { compareValues } from './compare-values.js';
import type { ComparisonKind } from './dedup-spec.js';
import { soundKey } from './similarity.js';
import { valueKey } from './value-keys.js';

const level = (kind: ComparisonKind, a: string, b: string) => {
  const ka = valueKey(kind, a);
  const kb = valueKey(kind, b);
  const named = kind === 'name' || kind === 'sound';
  return ['blank', 'agree', 'close', 'differ'][compareValues(kind, ka, kb, named && ka ? soundKey(ka) : null, named && kb ? soundKey(kb) : null) + 1];
};

describe('compareValues', () => {
  it('names: a typo, an initial, a sound-alike or words in another order are close', () => {
    expect([
      level('name', 'Catherine', 'CATHERINE'),
      level('name', 'Catherine', 'Cahterine'),
      level('name', 'Catherine', 'Catherin'),
      level('name', 'J', 'John'),
      level('name', 'Smith', 'Smyth'),
      level('name', 'Mary Ann', 'Ann Mary'),
      level('name', 'Ewan', 'Ean'),
      level('name', 'Ian', 'Ina'),
      level('name', 'Ian', 'Ivan'),
      level('name', 'Ian', 'Bob'),
      level('name', 'Catherine', 'Robert'),
      level('name', 'Catherine', ''),
    ]).toEqual(['agree', 'close', 'close', 'close', 'close', 'close', 'close', 'close', 'close', 'differ', 'differ', 'blank']);
  });

  it('sounds agree on the Double Metaphone key only', () => {
    expect([level('sound', 'Smith', 'Smyth'), level('sound', 'Catherine', 'Kathryn'), level('sound', 'Smith', 'Jones')]).toEqual(['agree', 'agree', 'differ']);
  });

  it('phones agree in any format, are close with one digit wrong', () => {
    expect([level('phone', '07700 900123', '+44 7700 900123'), level('phone', '07700 900123', '07700 900124'), level('phone', '07700 900123', '0117 496 0000')]).toEqual(['agree', 'close', 'differ']);
  });

  it('e-mails: the same mailbox elsewhere, or a typo, is close', () => {
    expect([
      level('email', ' A.Lee@Example.com', 'a.lee@example.com'),
      level('email', 'a.lee@example.com', 'a.lee@mail.example.org'),
      level('email', 'annabel.lee@example.com', 'anabel.lee@example.com'),
      level('email', 'a.lee@example.com', 'bob@example.com'),
      level('email', 'john.smith12@example.com', 'john.smith21@example.com'),
    ]).toEqual(['agree', 'close', 'close', 'differ', 'differ']);
  });

  it('postcodes in one sector, dates with day and month swapped or one digit wrong, addresses sharing most words', () => {
    expect([
      level('postcode', 'bs1 4dj', 'BS14DJ'),
      level('postcode', 'BS1 4DJ', 'BS1 4DX'),
      level('postcode', 'BS1 4DJ', 'BS2 4DJ'),
      level('date', '03/02/1980', '1980-03-02'),
      level('date', '03/02/1980', '03/02/1981'),
      level('date', '03/02/1980', '03/02/1990'),
      level('date', '03/02/1980', '14/07/1962'),
      level('address', '12 High Street, Bristol', '12 High St Bristol'),
      level('address', '12 High Street, Bristol', 'Flat 2, 12 High Street'),
      level('address', '12 High Street, Bristol', '4 Mill Lane, Bath'),
    ]).toEqual(['agree', 'close', 'differ', 'close', 'close', 'close', 'differ', 'agree', 'close', 'differ']);
  });
});
