import { describe, expect, it } from 'vitest';
import { e164 } from './phone-number.js';

describe('e164', () => {
  it('reads a UK number the many ways people type it', () => {
    const written = ['07700 900123', '07700900123', '+44 7700 900123', '+447700900123', '0044 7700 900123', '(07700) 900-123', '+44 (0)7700 900123', '447700900123', '7700900123', '+44 07700 900123'];
    expect(written.map((w) => e164(w))).toEqual(written.map(() => '+447700900123'));
  });

  it('reads landlines with area codes and brackets', () => {
    expect(e164('(01632) 960123')).toBe('+441632960123');
    expect(e164('0117 496 0123')).toBe('+441174960123');
    expect(e164('+44 (0)20 7946 0123')).toBe('+442079460123');
    expect(e164('0161-496-0123')).toBe('+441614960123');
    expect(e164('0161 496 0123 ext. 12')).toBe('+441614960123');
  });

  it('keeps other countries as written after their +', () => {
    expect(e164('+33 1 42 68 53 00')).toBe('+33142685300');
    expect(e164('00353 1 234 5678')).toBe('+35312345678');
  });

  it('gives null for what is not a phone number', () => {
    expect(['', '   ', 'none', 'n/a', '12345', '0770090', '+44 1234', 'call after 6'].map((w) => e164(w))).toEqual([null, null, null, null, null, null, null, null]);
  });
});
