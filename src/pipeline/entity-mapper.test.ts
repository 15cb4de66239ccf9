import { sampleSpecText } from '../test-support/spec-fixtures.js';
import { describe, expect, test } from 'vitest';
import { compileEntity } from '../core/mapping/index.js';
import { parseSpec } from '../core/spec/index.js';
import type { SourceRow } from '../core/source-row.js';
import { forgetKeys, IdAllocator, mapEntity, type KeyMaps, type MappedBatch } from './entity-mapper.js';

const spec = parseSpec(sampleSpecText, 'specs/estate-agency.yaml');
const columns = ['PersonID', 'Title', 'Forename', 'Surname', 'Email', 'Phone', 'Created', 'Notes'];
const person = compileEntity(spec.entities.find((e) => e.name === 'person')!, columns, 'people.csv');

// line 2 onwards, as in a file with a header: loaded, merged, excluded, rejected, duplicate, blank, ragged
const values: (string | null)[][] = [
  ['P1', 'Mr', 'al', 'Able', 'al@example.com', '', '01/02/2020', ''],
  ['P2', 'Mrs', 'bea', 'Baker', 'bea@example.com', '', '01/02/2020', ''],
  ['P3', 'Mr', 'al', 'Able', 'al@example.com', '', '01/02/2020', 'typed in twice'],
  ['P4', '', 'Training', 'TEST', '', '', '', ''],
  ['P5', '', 'Cy', 'Cole', '', '', '31/02/2021', ''],
  ['P2', '', 'Bea', 'Baker', '', '', '', ''],
  [' ', '', 'No', 'Key', '', '', '', ''],
  ['P6', 'Dr'],
  ['P7', 'Ms', 'di', 'Dunn', '', '', '2020-03-04', ''],
  ['P8', 'Mr', 'ed', 'Eve', '', '', '', ''],
];
const rows: SourceRow[] = values.map((v, i) => ({ values: v, line: i + 2 }));

// in chunks of three, as the snapshot hands them over
async function* stream(): AsyncGenerator<SourceRow[]> {
  for (let i = 0; i < rows.length; i += 3) yield rows.slice(i, i + 3);
}

const entriesOf = (keyMaps: KeyMaps) => [...keyMaps].map(([entity, table]) => [entity, [...table.entries()]]);

async function mapAll(alreadyLoaded: number, batchRows = 2, keepKeys = true): Promise<{ batches: MappedBatch[]; keyMaps: KeyMaps }> {
  const keyMaps: KeyMaps = new Map();
  const batches: MappedBatch[] = [];
  for await (const b of mapEntity({ compiled: person, file: 'people.csv', width: columns.length, rows: stream(), keyMaps, ids: new IdAllocator(), alreadyLoaded, batchRows, keepKeys })) {
    batches.push(b);
  }
  return { batches, keyMaps };
}

describe('mapEntity', () => {
  test('accounts for every source row exactly once across its batches, each ending on a whole row', async () => {
    const { batches } = await mapAll(0);
    const lines = batches.flatMap((b) => [...b.rowLines, ...b.merged.lines, ...b.ledger.filter((e) => e.outcome !== 'merged').map((e) => e.line)]);
    expect(lines.sort((a, b) => a - b)).toEqual(rows.map((r) => r.line));
    let before = 0;
    for (const b of batches) {
      const mine = [...b.rowLines, ...b.ledger.map((e) => e.line)];
      expect(mine.every((line) => line - 1 > before && line - 1 <= b.sourceRows)).toBe(true);
      before = b.sourceRows;
    }
    expect(batches.at(-1)).toMatchObject({ done: true, sourceRows: rows.length, firstId: 1, lastId: 4 });
    expect(batches.flatMap((b) => b.ledger.map((e) => `${e.line} ${e.reason}`))).toEqual([
      '4 merged', '5 test-records', '6 invalid_value', '7 duplicate_key', '8 blank_key', '9 ragged_row',
    ]);
  });

  test('started again after some batches were loaded, sends exactly the rest and rebuilds the same keys and ids', async () => {
    const whole = await mapAll(0);
    for (const [i, loaded] of whole.batches.slice(0, -1).entries()) {
      const resumed = await mapAll(loaded.sourceRows);
      expect(resumed.batches.filter((b) => b.rows !== '' || b.ledger.length > 0 || b.done)).toEqual(whole.batches.slice(i + 1));
      expect(entriesOf(resumed.keyMaps)).toEqual(entriesOf(whole.keyMaps));
    }
  });

  test('an entity loaded whole before the interruption is only replayed: one empty last batch', async () => {
    const resumed = await mapAll(rows.length);
    expect(resumed.batches).toEqual([expect.objectContaining({ rows: '', ledger: [], done: true, sourceRows: rows.length, firstId: 1, lastId: 4 })]);
    expect(resumed.keyMaps.get('person')?.get('P3')).toBe(1);
  });

  test('an entity nothing looks up keeps no key map, and maps and merges its rows the same', async () => {
    const kept = await mapAll(0);
    const unkept = await mapAll(0, 2, false);
    expect(unkept.keyMaps.size).toBe(0);
    expect(unkept.batches).toEqual(kept.batches);
  });

  test('a source shorter than what was already loaded is refused', async () => {
    await expect(mapAll(rows.length + 1)).rejects.toThrow('people.csv has 10 rows, but the interrupted run had already loaded 11 of them');
  });

  test('forgets the keys of rows the target refused, so no child points at them', async () => {
    const { keyMaps } = await mapAll(0);
    forgetKeys(keyMaps, 'person', ['P7']);
    expect([...keyMaps.get('person')!.keys()]).toEqual(['P1', 'P2', 'P3', 'P8']);
  });

  test('writes a duplicate cluster as one row once its last row is met, merging the others into the survivor with their score', async () => {
    // P2, P7 and P8 are one person, found by the dedup section; P1 and P3 still merge on e-mail
    const clusters = new Map([
      ['P2', { survivor: 'P2', size: 3, score: 0.99 }],
      ['P7', { survivor: 'P2', size: 3, score: 0.97 }],
      ['P8', { survivor: 'P2', size: 3, score: 0.96 }],
    ]);
    const run = async (alreadyLoaded: number) => {
      const keyMaps: KeyMaps = new Map();
      const batches: MappedBatch[] = [];
      for await (const b of mapEntity({ compiled: person, file: 'people.csv', width: columns.length, rows: stream(), keyMaps, ids: new IdAllocator(), alreadyLoaded, batchRows: 2, clusters })) {
        batches.push(b);
      }
      return { batches, keys: entriesOf(keyMaps) };
    };
    const { batches, keys } = await run(0);
    // the cluster's row goes out with its last row (P8, line 11), with the survivor's own values
    const last = batches.find((b) => b.rowKeys.includes('P2'))!;
    expect(last.sourceRows).toBe(rows.length);
    expect(last.rows).toContain('Mrs\tBea\tBaker\tbea@example.com');
    // the survivor's id is taken when the cluster is written; every member's key leads to it
    expect(keys).toEqual([['person', [['P1', 1], ['P3', 1], ['P2', 2], ['P7', 2], ['P8', 2]]]]);
    expect(batches.flatMap((b) => b.ledger.filter((e) => e.outcome === 'merged').map((e) => [e.sourceKey, e.survivorKey, e.value, e.message]))).toEqual([
      ['P3', 'P1', null, 'merged into P1: the same person was typed in twice'],
      ['P7', 'P2', '0.97', 'merged into P2: the same person typed in again (score 0.97)'],
      ['P8', 'P2', '0.96', 'merged into P2: the same person typed in again (score 0.96)'],
    ]);
    expect(batches.flatMap((b) => b.merged.keys)).toEqual(['P3', 'P7', 'P8']);
    // started again after all but the last batch were loaded: the cluster is sent once, the same way
    const resumed = await run(batches.at(-2)!.sourceRows);
    expect(resumed.keys).toEqual(keys);
    expect(resumed.batches.flatMap((b) => b.rowKeys)).toEqual(batches.at(-1)!.rowKeys);
    expect(resumed.batches.flatMap((b) => b.ledger)).toEqual(batches.at(-1)!.ledger);
  });
});
