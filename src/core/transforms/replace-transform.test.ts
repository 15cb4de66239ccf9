import { describe, expect, test } from 'vitest';
import { applyTransform } from './apply-transform.js';
import { replaceTransform } from './replace-transform.js';

const run = (input: string | null, options: unknown) => applyTransform(replaceTransform, input, options);

describe('replace', () => {
  test('replaces every match', () => {
    expect(run('a-b-c', { pattern: '-', with: ' ' })).toEqual({ ok: true, value: 'a b c' });
  });
  test('uses groups in the replacement', () => {
    expect(run('Smith John', { pattern: '^(\\w+) (\\w+)$', with: '$2 $1' })).toEqual({ ok: true, value: 'John Smith' });
  });
  test('deletes matches when with is left out, and a value left empty is blank', () => {
    expect([run('x1y2', { pattern: '[0-9]' }), run('123', { pattern: '[0-9]' })]).toEqual([
      { ok: true, value: 'xy' },
      { ok: true, value: null },
    ]);
  });
  test('ignores case when asked', () => {
    expect([run('TEST x', { pattern: 'test ', ignore_case: 'true' }), run('TEST x', { pattern: 'test ' })]).toEqual([
      { ok: true, value: 'x' },
      { ok: true, value: 'TEST x' },
    ]);
  });
  test('passes blank through', () => {
    expect(run(null, { pattern: 'x' })).toEqual({ ok: true, value: null });
  });
  test('refuses a pattern that does not compile, saying what to write', () => {
    expect(replaceTransform.options?.safeParse({ pattern: '(abc' }).error?.issues.map((issue) => [issue.path, issue.message])).toEqual([
      [['pattern'], '"(abc" is not a valid regular expression (Unterminated group); write a JavaScript regular expression such as "^0+" or "[^0-9]"'],
    ]);
  });
});
