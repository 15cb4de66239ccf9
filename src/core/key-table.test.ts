import { describe, expect, test } from 'vitest';
import { KeyTable } from './key-table.js';

describe('KeyTable', () => {
  test('keeps numbers and nulls by key, tells absent from null, and forgets', () => {
    const table = new KeyTable();
    table.set('P1', 1);
    table.set('P2', null);
    table.set('Zoë 李', 3);
    expect([table.get('P1'), table.get('P2'), table.get('Zoë 李'), table.get('P3'), table.has('P2'), table.size]).toEqual([1, null, 3, undefined, true, 3]);
    expect(table.delete('P1')).toBe(true);
    expect(table.delete('P1')).toBe(false);
    expect([table.get('P1'), table.size]).toEqual([undefined, 2]);
    table.set('P1', 7);
    table.set('P2', 8);
    expect([...table.entries()]).toEqual([['P2', 8], ['Zoë 李', 3], ['P1', 7]]);
  });

  test('keeps the first number set for a key and tells what it held', () => {
    const table = new KeyTable();
    expect([table.setFirst('P1', 10), table.setFirst('P2', null), table.setFirst('P1', 11), table.setFirst('P2', 12)]).toEqual([undefined, undefined, 10, null]);
    expect([table.get('P1'), table.get('P2'), table.size]).toEqual([10, null, 2]);
  });

  test('agrees with a Map over many keys set, overwritten and deleted, through every growth', () => {
    const table = new KeyTable();
    const model = new Map<string, number | null>();
    let seed = 7;
    const random = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    for (let i = 0; i < 60_000; i++) {
      const key = `K${Math.floor(random() * 20_000)}${random() < 0.01 ? '\u001fx' : ''}`;
      const action = random();
      if (action < 0.15) {
        expect(table.delete(key)).toBe(model.delete(key));
      } else {
        const value = action < 0.2 ? null : i;
        table.set(key, value);
        model.set(key, value);
      }
    }
    expect(table.size).toBe(model.size);
    for (let k = 0; k < 20_000; k++) {
      for (const key of [`K${k}`, `K${k}\u001fx`]) expect(table.get(key)).toBe(model.get(key));
    }
    expect(new Map(table.entries())).toEqual(model);
  });
});
