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

describe('lookup of a value from reference data', () => {
  const data: LookupContext = {
    lookup: () => undefined,
    take: (entity, field, key) => (entity === 'customer' && field === 'email' && key === 'C1' ? 'ann@example.com' : entity === 'customer' && key === 'C2' ? null : undefined),
    reference: (table, key, take, value) => (table === 'tracks.csv' && key === 'TrackId' && take === 'Name' && value === '7' ? 'Balls to the Wall' : undefined),
    missing: (entity, key) => `there is no ${entity} "${key}" in customers.csv`,
  };
  const fromParent = { entity: 'customer', take: 'email' };
  const fromTable = { table: 'tracks.csv', key: 'TrackId', take: 'Name' };

  test("takes a mapped field of a migrated parent, not its id; a blank one stays blank", () => {
    expect(applyTransform(lookupTransform, 'C1', fromParent, data)).toEqual({ ok: true, value: 'ann@example.com' });
    expect(applyTransform(lookupTransform, 'C2', fromParent, data)).toEqual({ ok: true, value: null });
    expect(applyTransform(lookupTransform, 'C9', fromParent, data)).toEqual({ ok: false, code: 'orphan', message: 'there is no customer "C9" in customers.csv' });
  });

  test('takes a column of a table of the snapshot that is not migrated', () => {
    expect(applyTransform(lookupTransform, '7', fromTable, data)).toEqual({ ok: true, value: 'Balls to the Wall' });
    expect(applyTransform(lookupTransform, '8', fromTable, data)).toEqual({ ok: false, code: 'orphan', message: 'there is no row with TrackId "8" in tracks.csv' });
  });

  test('describes each form, and names a parent only for the first two', () => {
    expect([lookupTransform.describe(fromParent), lookupTransform.describe(fromTable)]).toEqual([
      'take the email of the customer with this reference; none loaded: reject the row',
      'take the Name of the row of tracks.csv whose TrackId is this value; none there: reject the row',
    ]);
    expect([lookupTransform.parentOf?.(fromParent), lookupTransform.parentOf?.(fromTable)]).toEqual(['customer', undefined]);
  });
});
