import { describe, expect, test } from 'vitest';
import { applyTransform } from './apply-transform.js';
import { padTransform } from './pad-transform.js';

const run = (input: string | null, options: unknown) => applyTransform(padTransform, input, options);

describe('pad', () => {
  test('fills on the left by default and on the right when asked', () => {
    expect([run('42', { length: '5', with: '0' }), run('42', { length: 5, with: ' ', side: 'right' })]).toEqual([
      { ok: true, value: '00042' },
      { ok: true, value: '42   ' },
    ]);
  });
  test('leaves values of the length or longer, and blank, as they are', () => {
    expect([run('12345', { length: 3, with: '0' }), run(null, { length: 3, with: '0' })]).toEqual([
      { ok: true, value: '12345' },
      { ok: true, value: null },
    ]);
  });
  test('needs one fill character and a length from 1 to 9999', () => {
    expect(padTransform.options?.safeParse({ length: '0', with: '00' }).error?.issues.map((issue) => [issue.path, issue.message])).toEqual([
      [['length'], 'must be a whole number from 1 to 9999, such as 50'],
      [['with'], 'must be one character, such as "0" or " "'],
    ]);
  });
});
