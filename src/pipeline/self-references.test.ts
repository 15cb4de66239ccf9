import { describe, expect, it } from 'vitest';
import { KeyTable } from '../core/key-table.js';
import { NotLoadedRows } from './not-loaded-rows.js';
import { PackedTexts } from './packed-texts.js';
import { SelfReferences } from './self-references.js';
import { TakenValues } from './taken-values.js';

describe('SelfReferences', () => {
  it('fills in what points ahead, and takes out every row below one that was not loaded, whatever their order', () => {
    const keyMap = new KeyTable();
    const notes = new NotLoadedRows();
    const refs = new SelfReferences('staff', 'staff.csv', ['reports_to']);
    // line 2 points down the file at 3; 4 points at 5, which comes after it and points at 6, rejected
    const rows: [string, number, string | null, boolean][] = [['1', 2, '3', false], ['3', 3, null, false], ['4', 4, '5', false], ['5', 5, '6', false], ['7', 7, '7', false], ['8', 8, '1', true]];
    rows.forEach(([key], i) => keyMap.set(key, 100 + i));
    notes.note('6', 6, 'email: "x" is not an e-mail address');
    for (const [key, line, ref, filled] of rows) refs.add(key, line, [ref], [filled]);
    const { resolution, ledger } = refs.resolve(keyMap, notes);
    expect(resolution.updates).toEqual([{ ids: [100, 104], refs: [101, 104] }]);
    expect(resolution.orphans).toEqual({ ids: [102, 103], keys: ['4', '5'], lines: [4, 5] });
    expect(ledger.map((e) => [e.line, e.reason, e.message])).toEqual([
      [4, 'orphan', 'reports_to: its staff "5", line 5, was not imported: reports_to: its staff "6", line 6, was not imported: email: "x" is not an e-mail address'],
      [5, 'orphan', 'reports_to: its staff "6", line 6, was not imported: email: "x" is not an e-mail address'],
    ]);
    expect(['4', '5', '1'].map((k) => keyMap.get(k))).toEqual([undefined, undefined, 100]);
  });
});

describe('values kept off the heap', () => {
  it('gives back each text, blank and long ones too', () => {
    const texts = new PackedTexts();
    const long = 'x'.repeat(20_000);
    const values = ['a', null, '', 'Łódź', long, ...Array.from({ length: 600 }, (_, i) => `v${i}`)];
    values.forEach((v) => texts.push(v));
    expect(values.map((_, i) => texts.get(i))).toEqual(values);
  });

  it('keeps a value per key, the first when asked to', () => {
    const taken = new TakenValues();
    taken.set('C1', 'ann@example.com');
    taken.set('C2', null);
    taken.set('C1', 'other', true);
    expect([taken.get('C1'), taken.get('C2'), taken.get('C3')]).toEqual(['ann@example.com', null, undefined]);
  });
});
