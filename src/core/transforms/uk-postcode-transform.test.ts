import { describe, expect, test } from 'vitest';
import { applyTransform } from './apply-transform.js';
import { ukPostcodeTransform } from './uk-postcode-transform.js';

const run = (input: string | null) => applyTransform(ukPostcodeTransform, input);

describe('uk_postcode', () => {
  test.each([
    ['gl16 1nz', 'GL16 1NZ'],
    ['M1 1AE', 'M1 1AE'],
    ['B33 8TH', 'B33 8TH'],
    ['cr2 6xh', 'CR2 6XH'],
    ['DN55 1PT', 'DN55 1PT'],
    ['W1A 0AX', 'W1A 0AX'],
    ['EC1A 1BB', 'EC1A 1BB'],
    ['sw1a1aa', 'SW1A 1AA'],
    [' BS7  8QD ', 'BS7 8QD'],
    ['LS1\u00a01AA', 'LS1 1AA'],
    ['GIR 0AA', 'GIR 0AA'],
    ['gir0aa', 'GIR 0AA'],
  ])('%s -> %s', (input, output) => {
    expect(run(input)).toEqual({ ok: true, value: output });
  });

  test.each(['SW1A 1A', 'GL16', '12345', 'QA1 1AA', 'GL16 1NC', 'GL16 NZ1', 'SW1A 1AAA', 'BS7-8QD', 'GIR 0AB', 'V1 1AA'])(
    '%s is not a postcode',
    (input) => {
      expect(run(input)).toEqual({
        ok: false,
        code: 'invalid_value',
        message: `"${input}" is not a UK postcode (expected a form such as GL16 1NZ, SW1A 1AA or M1 1AE)`,
      });
    },
  );

  test('passes blank through', () => {
    expect([run(null), run('  ')]).toEqual([
      { ok: true, value: null },
      { ok: true, value: null },
    ]);
  });
});
