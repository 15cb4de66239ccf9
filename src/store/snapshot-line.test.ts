import { describe, expect, it } from 'vitest';
import { CutoverError, isCutoverError } from '../core/cutover-error.js';
import { sameLineValues, snapshotLineFormat } from './snapshot-line.js';

// a stored line as a byte string, the way lineChunks hands it out
const stored = (line: number, ...values: (string | null)[]) => Buffer.from(JSON.stringify([line, ...values]), 'utf8').toString('latin1');
const damaged = () => new CutoverError('snapshot_tampered', 'damaged');

describe('snapshotLineFormat', () => {
  const plain = snapshotLineFormat(undefined, damaged);

  it('reads the wanted cells only, whatever they hold: quotes, backslashes, accents, null, a missing cell', () => {
    const line = stored(7, 'say "hi"', 'C:\\temp\\', 'José Müller', null, 'P0001', '€ 5');
    expect([...plain.cells([0, 1, 2, 3, 4, 5, 6])(line)]).toEqual(['say "hi"', 'C:\\temp\\', 'José Müller', null, 'P0001', '€ 5', undefined]);
    expect([...plain.cells([4, 2])(line)]).toEqual(['P0001', 'José Müller']);
    expect([...plain.cells([0])(stored(3))]).toEqual([undefined]);
  });

  it('reads a null marker as null in a cell and in the whole row, as rowChunks does', () => {
    const marked = snapshotLineFormat(['NULL', '\\N'], damaged);
    const line = stored(12, 'NULL', 'Null', '\\N', 'x');
    expect([...marked.cells([0, 1, 2, 3])(line)]).toEqual([null, 'Null', null, 'x']);
    expect(marked.row(line)).toEqual({ line: 12, values: [null, 'Null', null, 'x'] });
    expect(plain.row(stored(4, 'José', null))).toEqual({ line: 4, values: ['José', null] });
    expect(marked.nullMarkers).not.toBe(plain.nullMarkers);
  });

  it('refuses a line that is not what collect writes, as a damaged snapshot', () => {
    let error: unknown;
    try {
      plain.cells([1])('[3,"a",12]');
    } catch (e) {
      error = e;
    }
    expect(isCutoverError(error, 'snapshot_tampered')).toBe(true);
    expect(() => plain.cells([0])('[3,"open')).toThrow('damaged');
    expect(() => plain.row('[3,"open')).toThrow('damaged');
  });
});

describe('sameLineValues', () => {
  it('compares the values of two lines byte for byte, not their source line numbers', () => {
    expect(sameLineValues(stored(2, 'P1', 'José'), stored(3000, 'P1', 'José'))).toBe(true);
    expect(sameLineValues(stored(2, 'P1', 'José'), stored(2, 'P1', 'Jose'))).toBe(false);
    expect(sameLineValues(stored(2, 'P1', null), stored(2, 'P1', ''))).toBe(false);
    expect(sameLineValues(stored(2, 'P1'), stored(2, 'P1', null))).toBe(false);
    expect(sameLineValues(stored(2), stored(9))).toBe(true);
  });
});
