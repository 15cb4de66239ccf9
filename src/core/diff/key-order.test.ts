import { describe, expect, it } from 'vitest';
import { compareKeys, keyBefore } from './key-order.js';

describe('compareKeys', () => {
  it('puts shorter keys first, then orders by code units: whole numbers and growing codes in numeric order', () => {
    expect(['10', '9', 'T1000000', 'T999999', '100', 'b', 'a', 'P1\u001fLL', 'P1\u001fAPP'].sort(compareKeys)).toEqual(['9', 'a', 'b', '10', '100', 'P1\u001fLL', 'P1\u001fAPP', 'T999999', 'T1000000']);
    expect([keyBefore('9', '10'), keyBefore('10', '9'), keyBefore('a', 'a'), keyBefore('a', 'b')]).toEqual([true, false, false, true]);
  });
});
