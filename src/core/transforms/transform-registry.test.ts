import { describe, expect, test } from 'vitest';
import { applyTransform } from './apply-transform.js';
import { listTransforms, transformRegistry } from './transform-registry.js';

describe('transformRegistry', () => {
  test('lists the transforms in display order', () => {
    expect(listTransforms().map((transform) => transform.name)).toEqual([
      'trim',
      'upper',
      'lower',
      'title_case',
      'collapse_spaces',
      'replace',
      'pad',
      'truncate',
      'split_name',
      'address_line',
      'concat',
      'date',
      'time',
      'datetime',
      'money',
      'email',
      'uk_postcode',
      'uk_phone',
      'map',
      'lookup',
      'default',
      'constant',
    ]);
  });

  test('files each transform under its own name', () => {
    for (const [name, transform] of transformRegistry) expect(transform.name).toBe(name);
  });

  // the examples are what `cutover transforms` shows, so they must stay true
  test.each(listTransforms().flatMap((transform) => transform.examples.map((example) => [transform.name, example] as const)))(
    '%s example %j',
    (name, example) => {
      const transform = transformRegistry.get(name);
      if (transform === undefined) throw new Error(name);
      expect(applyTransform(transform, example.input, example.options, undefined, example.columns)).toEqual({ ok: true, value: example.output });
    },
  );

  test('shows how a rule reading its own columns gets its values', () => {
    for (const transform of listTransforms()) {
      for (const example of transform.examples) {
        if (example.columns === undefined) continue;
        expect(example.input).toBe(example.columns.map((value) => (value === null || value.trim() === '' ? '(blank)' : value.trim())).join(' | '));
      }
    }
  });

  test('gives every transform a one-sentence summary', () => {
    for (const transform of listTransforms()) expect(transform.summary).toMatch(/^[A-Z][^.]*(\.[^ .][^.]*)*\.$/);
  });
});
