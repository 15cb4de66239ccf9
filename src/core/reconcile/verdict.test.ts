import { describe, expect, test } from 'vitest';
import { compareCounts } from './three-way.js';
import { unexplainedCount, verdictWords } from './verdict.js';

const line = (customer: number | null, target: number) =>
  compareCounts({ ref: 'C1', label: 'Contacts', entity: 'person', filter: 'every row', customer, snapshot: 10, target, explained: [], missing: 0, extra: 0, unaccounted: 0, records: [] });
const column = (differ: number) => ({ entity: 'person', field: 'email', compared: 10, differ, sourceDigest: 'a', targetDigest: differ === 0 ? 'a' : 'b', skipped: null, examples: [] });

describe('the verdict', () => {
  test('says all is well, and how many figures are still awaited', () => {
    const r = { counts: [line(10, 10), line(null, 10)], totals: [], columns: [column(0)] };
    expect([verdictWords(r), unexplainedCount(r)]).toEqual([
      'Every count and every total agrees or is explained by the rows not imported, and every column holds what the rules give. 1 line waits for your figure.', 0,
    ]);
  });

  test('counts the lines and the columns nothing explains', () => {
    const r = { counts: [line(10, 9), line(10, 8)], totals: [], columns: [column(1), column(0)] };
    expect([verdictWords(r), unexplainedCount(r)]).toEqual(['2 lines of the checklist have a difference nothing explains; 1 column holds values the rules do not give.', 3]);
  });

  test('says first that the run failed, and counts that as a check that fails', () => {
    const r = { counts: [line(10, 10)], totals: [], columns: [column(0)], failure: 'The run stopped: column "notes" of relation "tenancy" does not exist' };
    expect([verdictWords(r), unexplainedCount(r)]).toEqual([
      'This run failed, so the new system holds only what it loaded before it stopped (The run stopped: column "notes" of relation "tenancy" does not exist); ' +
        'the figures compare that part alone. Every count and every total agrees or is explained by the rows not imported, and every column holds what the rules give.',
      1,
    ]);
  });
});
