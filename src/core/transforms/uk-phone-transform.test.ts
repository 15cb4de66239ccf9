import { describe, expect, test } from 'vitest';
import { applyTransform } from './apply-transform.js';
import { ukPhoneTransform } from './uk-phone-transform.js';

const run = (input: string | null, options?: unknown) => applyTransform(ukPhoneTransform, input, options);
const EXAMPLE = 'as in 01234 567890 or +44 1234 567890';

describe('uk_phone', () => {
  test.each([
    ['01234 567890', '+441234567890'],
    ['(01234) 567 890', '+441234567890'],
    ['+44 (0)1234 567890', '+441234567890'],
    ['+44 1234 567890', '+441234567890'],
    ['0044 1234 567890', '+441234567890'],
    ['+4401234567890', '+441234567890'],
    ['07700 900123', '+447700900123'],
    ['07700-900-123', '+447700900123'],
    ['0161-496-0000', '+441614960000'],
    ['020 7946 0018', '+442079460018'],
    ['0800 123 456', '+44800123456'],
    [' 01632.960.001 ', '+441632960001'],
  ])('%s -> %s', (input, output) => {
    expect(run(input)).toEqual({ ok: true, value: output });
  });

  test.each([
    ['+441234567890', '01234 567890'],
    ['07700900123', '07700 900123'],
    ['02079460018', '020 7946 0018'],
    ['01614960000', '0161 496 0000'],
    ['01174960123', '0117 496 0123'],
    ['03001234567', '0300 123 4567'],
    ['08001234567', '0800 123 4567'],
    ['0800123456', '0800 123 456'],
    ['016977 4567', '01697 74567'],
  ])('%s -> %s in the national format', (input, output) => {
    expect(run(input, { format: 'national' })).toEqual({ ok: true, value: output });
  });

  test('writes E.164 by default and when asked', () => {
    expect([run('01234 567890', {}), run('01234 567890', { format: 'e164' })]).toEqual([
      { ok: true, value: '+441234567890' },
      { ok: true, value: '+441234567890' },
    ]);
  });

  test.each([
    ['0123 4567', `it is too short: it has 8 digits counting the leading 0, and a UK number has 10 or 11 digits, ${EXAMPLE}`],
    ['07700 90012', `it is too short: it has 10 digits counting the leading 0, and a UK number has 11 digits, ${EXAMPLE}`],
    ['01234 5678901', `it is too long: it has 12 digits counting the leading 0, and a UK number has 10 or 11 digits, ${EXAMPLE}`],
    ['+44 7700 9001234', `it is too long: it has 12 digits counting the leading 0, and a UK number has 11 digits, ${EXAMPLE}`],
    ['7700900123', `a UK number starts with 0 or +44, ${EXAMPLE}`],
    ['+33 1 23 45 67 89', 'it is not a UK number, which starts +44'],
    ['01234 567890 ext 12', 'it contains letters; write the number only'],
    ['01234 567890#', '"#" has no place in a phone number'],
    ['01234+567890', 'a "+" belongs only at the start'],
    ['04123 456789', 'no UK number starts 04'],
  ])('%s is refused', (input, reason) => {
    expect(run(input)).toEqual({ ok: false, code: 'invalid_value', message: `"${input}" is not a UK phone number: ${reason}` });
  });

  test('passes blank through', () => {
    expect([run(null), run(' ')]).toEqual([
      { ok: true, value: null },
      { ok: true, value: null },
    ]);
  });

  test('refuses an unknown format', () => {
    expect(ukPhoneTransform.options?.safeParse({ format: 'local' }).error?.issues.map((issue) => issue.path)).toEqual([['format']]);
  });
});
