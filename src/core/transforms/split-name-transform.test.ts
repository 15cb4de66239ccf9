import { describe, expect, test } from 'vitest';
import { applyTransform } from './apply-transform.js';
import { splitNameTransform } from './split-name-transform.js';

const parts = (input: string | null) =>
  ['title', 'first', 'middle', 'last'].map((part) => applyTransform(splitNameTransform, input, { part }));

describe('split_name', () => {
  test('gives each part of a name', () => {
    expect(parts('Mr John A. Smith')).toEqual([
      { ok: true, value: 'Mr' },
      { ok: true, value: 'John' },
      { ok: true, value: 'A.' },
      { ok: true, value: 'Smith' },
    ]);
  });
  test('gives blank for a part that is not written, and for a blank name', () => {
    expect([...parts('Smith, John'), ...parts(null)].map((result) => (result.ok ? result.value : result.message))).toEqual([
      null, 'John', null, 'Smith', null, null, null, null,
    ]);
  });
  test('needs a known part', () => {
    expect(splitNameTransform.options?.safeParse({ part: 'surname' }).error?.issues.map((issue) => issue.path)).toEqual([['part']]);
  });
});
