import { describe, expect, test } from 'vitest';
import { applyTransform } from './apply-transform.js';
import { lookupTransform } from './lookup-transform.js';
import type { LookupContext } from './transform.js';

const loaded: LookupContext = {
  lookup: (entity, key) => (entity === 'person' && key === 'P000001' ? '17' : undefined),
};

describe('lookup', () => {
  test("replaces a parent's source key with its target id", () => {
    expect(applyTransform(lookupTransform, 'P000001', 'person', loaded)).toEqual({ ok: true, value: '17' });
  });
  test('reports an orphan when the parent was not loaded', () => {
    expect(applyTransform(lookupTransform, 'P001234', 'person', loaded)).toEqual({
      ok: false,
      code: 'orphan',
      message: 'no person with key "P001234" was loaded',
    });
  });
  test('says why the parent was not loaded when the run knows', () => {
    const told: LookupContext = { ...loaded, missing: (entity, key) => `its ${entity} "${key}", line 12, was not imported: the e-mail could not be read` };
    expect(applyTransform(lookupTransform, 'P001234', 'person', told)).toEqual({
      ok: false,
      code: 'orphan',
      message: 'its person "P001234", line 12, was not imported: the e-mail could not be read',
    });
  });
  test('passes blank through', () => {
    expect(applyTransform(lookupTransform, null, 'person', loaded)).toEqual({ ok: true, value: null });
  });
  test('names its parent entity', () => {
    expect(lookupTransform.parentOf?.('person')).toBe('person');
  });
});
