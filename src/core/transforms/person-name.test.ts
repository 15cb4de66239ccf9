import { describe, expect, test } from 'vitest';
import { splitName } from './person-name.js';

const name = (title: string | null, first: string | null, middle: string | null, last: string | null) => ({ title, first, middle, last });

describe('splitName', () => {
  test.each([
    ['Mr John A. Smith', name('Mr', 'John', 'A.', 'Smith')],
    ['John Smith', name(null, 'John', null, 'Smith')],
    ['  john   smith ', name(null, 'john', null, 'smith')],
    ['Smith, John', name(null, 'John', null, 'Smith')],
    ['Smith, Mr John Andrew', name('Mr', 'John', 'Andrew', 'Smith')],
    ['MRS. Mary Ann Jones', name('MRS', 'Mary', 'Ann', 'Jones')],
    ['Prof. Sir Tim Berners-Lee', name('Prof Sir', 'Tim', null, 'Berners-Lee')],
    ['Dr Jane van der Berg', name('Dr', 'Jane', null, 'van der Berg')],
    ['Maria de la Cruz', name(null, 'Maria', null, 'de la Cruz')],
    ["Sean O'Brien Jr", name(null, 'Sean', null, "O'Brien Jr")],
    ['John Smith, Jr.', name(null, 'John', null, 'Smith Jr.')],
    ['Smith', name(null, null, null, 'Smith')],
    ['Mr Smith', name('Mr', null, null, 'Smith')],
    ['Mr', name('Mr', null, null, null)],
    ['John Lord', name(null, 'John', null, 'Lord')],
    ['', name(null, null, null, null)],
  ])('%s', (input, parts) => {
    expect(splitName(input)).toEqual(parts);
  });
});
