import { describe, expect, test } from 'vitest';
import { SurvivorTable } from './survivor-table.js';

describe('SurvivorTable', () => {
  test('gives back the survivor kept for a merge key, a null id as null, and nothing for a key not kept', () => {
    const table = new SurvivorTable();
    table.set('ann@example.com', { id: 1, key: 'P1' });
    table.set('bob@example.com\u001fvendor', { id: null, key: 'P2\u001fvendor' });
    expect([table.get('ann@example.com'), table.get('bob@example.com\u001fvendor'), table.get('cy@example.com')]).toEqual([
      { id: 1, key: 'P1' },
      { id: null, key: 'P2\u001fvendor' },
      undefined,
    ]);
  });

  test('agrees with a Map through every growth', () => {
    const table = new SurvivorTable();
    const model = new Map<string, { id: number | null; key: string }>();
    for (let i = 0; i < 50_000; i++) {
      const survivor = { id: i % 7 === 0 ? null : i * 3, key: `P${i}` };
      table.set(`m${i}@example.com`, survivor);
      model.set(`m${i}@example.com`, survivor);
    }
    for (const [mergeKey, survivor] of model) expect(table.get(mergeKey)).toEqual(survivor);
  });
});
