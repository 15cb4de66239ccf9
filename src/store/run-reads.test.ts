import { describe, expect, it } from 'vitest';
import { noFingerprint } from '../core/reconcile/row-fingerprint.js';
import { KeyMapCursor } from './run-reads.js';

type BatchRow = { first_line: string; lines: string; source_keys: string; target_ids: string; fingerprints: string | null };

/** Key map batch rows as the store holds them: parallel JSON arrays, fingerprints run together. */
function batch(lines: number[], prints: string[] | null): BatchRow {
  return {
    first_line: String(Math.min(...lines)),
    lines: JSON.stringify(lines),
    source_keys: JSON.stringify(lines.map((l) => `K${l}`)),
    target_ids: JSON.stringify(lines.map((l) => (l === 9 ? null : l * 10))),
    fingerprints: prints === null ? null : prints.join(''),
  };
}

describe('the key map cursor', () => {
  it('gives each line its key, id and fingerprint in line order, merged rows of a later batch included', async () => {
    const a = 'a'.repeat(16);
    const b = 'b'.repeat(16);
    const rows = [
      batch([2, 3, 5], [a, b, a]),
      // a cluster's survivor written late, with a row merged into it from an earlier line
      batch([7, 8, 4], [b, a, noFingerprint]),
      batch([9, 11], null),
    ];
    // pages of one batch row, as the store's cursor hands them
    const pages = rows.map((r) => [r]);
    const cursor = new KeyMapCursor(async () => pages.shift() ?? [], 1);
    const seen = [];
    for (let line = 1; line <= 12; line++) seen.push(await cursor.at(line));
    expect(seen).toEqual([
      undefined,
      { line: 2, sourceKey: 'K2', targetId: '20', fingerprint: a },
      { line: 3, sourceKey: 'K3', targetId: '30', fingerprint: b },
      { line: 4, sourceKey: 'K4', targetId: '40', fingerprint: null },
      { line: 5, sourceKey: 'K5', targetId: '50', fingerprint: a },
      undefined,
      { line: 7, sourceKey: 'K7', targetId: '70', fingerprint: b },
      { line: 8, sourceKey: 'K8', targetId: '80', fingerprint: a },
      { line: 9, sourceKey: 'K9', targetId: null, fingerprint: null },
      undefined,
      { line: 11, sourceKey: 'K11', targetId: '110', fingerprint: null },
      undefined,
    ]);
  });
});
