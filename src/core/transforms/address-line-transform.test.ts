import { describe, expect, test } from 'vitest';
import { addressLines, addressLineTransform } from './address-line-transform.js';
import { applyTransform } from './apply-transform.js';

const lines = (input: string | null) => [1, 2, 3, 4].map((line) => {
  const result = applyTransform(addressLineTransform, input, { line });
  return result.ok ? result.value : result.message;
});

describe('address_line', () => {
  test('splits at commas', () => {
    expect(lines('12 High Street, Coleford , Gloucestershire')).toEqual(['12 High Street', 'Coleford', 'Gloucestershire', null]);
  });
  test('splits at line breaks and leaves commas inside a line alone', () => {
    expect(lines('Flat 3, 12 High St,\r\nColeford\n\nGloucestershire\r')).toEqual(['Flat 3, 12 High St', 'Coleford', 'Gloucestershire', null]);
  });
  test('keeps everything past line 4 on line 4', () => {
    expect(lines('Rose Cottage, Mill Lane, Upton, Coleford, Glos')).toEqual(['Rose Cottage', 'Mill Lane', 'Upton', 'Coleford, Glos']);
  });
  test('gives blank for lines that are not there, and for a blank address', () => {
    expect([...lines('1 Mill Lane'), ...lines(' , ')]).toEqual(['1 Mill Lane', null, null, null, null, null, null, null]);
  });
  test('reads the line number written as text, as YAML gives it', () => {
    expect(addressLineTransform.options?.parse({ line: '3' })).toEqual({ line: 3 });
    expect(addressLineTransform.options?.safeParse({ line: '5' }).error?.issues.map((issue) => issue.path)).toEqual([['line']]);
  });
  test('addressLines drops blank lines', () => {
    expect(addressLines('a,,b, ')).toEqual(['a', 'b']);
  });
});
