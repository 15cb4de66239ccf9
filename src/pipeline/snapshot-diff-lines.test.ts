import { describe, expect, it } from 'vitest';
import { CutoverError } from '../core/cutover-error.js';
import { pairColumns } from '../core/diff/index.js';
import { snapshotLineFormat } from '../store/snapshot-line.js';
import type { SnapshotTableSource } from '../store/snapshot-table-source.js';
import { lineReading, lineSpill, type KeyedLine } from './snapshot-diff-lines.js';

const damaged = () => new CutoverError('snapshot_tampered', 'damaged');
// what the diff reads of a table: its header and how its lines are read
const table = (columns: string[], markers?: string[]) => ({ columns, lineFormat: snapshotLineFormat(markers, damaged) }) as unknown as SnapshotTableSource;
const stored = (key: string, line: number, ...values: (string | null)[]): KeyedLine => ({ key, line: Buffer.from(JSON.stringify([line, ...values]), 'utf8').toString('latin1') });

describe('lineReading', () => {
  it('takes two rows as unchanged by their bytes when both sides are read alike, and decodes only rows that differ', () => {
    const a = table(['ID', 'Name']);
    const reading = lineReading(a, table(['ID', 'Name']), pairColumns({ table: 't', before: ['ID', 'Name'], after: ['ID', 'Name'], keyColumns: ['ID'] }).pairs);
    expect(reading.alike(stored('P1', 2, 'P1', 'José'), stored('P1', 40, 'P1', 'José'))).toBe(true);
    expect(reading.alike(stored('P1', 2, 'P1', 'José'), stored('P1', 2, 'P1', 'Jose'))).toBe(false);
    expect(reading.after(stored('P1', 40, 'P1', 'José'))).toEqual({ line: 40, values: ['P1', 'José'] });
  });

  it('compares column by column when the columns moved or the null markers differ', () => {
    const moved = lineReading(table(['ID', 'Name']), table(['Name', 'ID']), pairColumns({ table: 't', before: ['ID', 'Name'], after: ['Name', 'ID'], keyColumns: ['ID'] }).pairs);
    expect(moved.alike(stored('P1', 2, 'P1', 'P1'), stored('P1', 2, 'P1', 'P1'))).toBe(false);
    const pairs = pairColumns({ table: 't', before: ['ID', 'Name'], after: ['ID', 'Name'], keyColumns: ['ID'] }).pairs;
    const marked = lineReading(table(['ID', 'Name']), table(['ID', 'Name'], ['NULL']), pairs);
    expect(marked.alike(stored('P1', 2, 'P1', 'NULL'), stored('P1', 2, 'P1', 'NULL'))).toBe(false);
    expect(marked.after(stored('P1', 2, 'P1', 'NULL'))).toEqual({ line: 2, values: ['P1', null] });
  });
});

describe('lineSpill', () => {
  it('spills a row as its stored line and reads its key again from it, a composite key trimmed and joined', () => {
    const spill = lineSpill(table(['PersonID', 'Role']), [0, 1]);
    const row = stored('P1\u001fTEN', 5, ' P1 ', 'TEN');
    expect(spill.read(spill.write(row))).toEqual(row);
  });
});
