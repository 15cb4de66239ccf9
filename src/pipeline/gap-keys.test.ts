import { describe, expect, it } from 'vitest';
import type { GapChange } from '../store/gap-records.js';
import { EntityKeys } from './gap-keys.js';

const change = (action: GapChange['action'], sourceKey: string): GapChange => ({
  entity: 'diary_entry', seq: 1, action, sourceKey, line: 9, targetId: null, reason: null, field: null, value: null, message: null, survivorKey: null,
});

describe('the keys a gap holds', () => {
  it('keeps a key whose repeat was deleted: its own row is still loaded, and children still find it', () => {
    const keys = new EntityKeys();
    keys.ids.set('D1', 5);
    keys.applied(change('absent', 'D1'), null);
    expect([keys.lookup('D1'), keys.gone.has('D1')]).toEqual(['5', false]);
  });

  it('forgets a merged key deleted at the source, and a kept one', () => {
    const keys = new EntityKeys();
    keys.ids.set('P2', 7);
    keys.merged.add('P2');
    keys.ids.set('P3', 8);
    keys.applied(change('absent', 'P2'), null);
    keys.applied(change('kept', 'P3'), null);
    expect([keys.lookup('P2'), keys.lookup('P3'), [...keys.gone]]).toEqual([undefined, undefined, ['P2', 'P3']]);
  });
});
