import { describe, expect, it } from 'vitest';
import { isCutoverError } from '../cutover-error.js';
import { candidatePairs } from './blocking.js';
import { dedupRowsBuilder } from './dedup-rows.js';
import type { DedupSpec } from './dedup-spec.js';
import { estimateWeights } from './estimate-weights.js';
import { findDuplicates } from './find-duplicates.js';

const where = { file: 'specs/x.yaml', line: 1, column: 1 };
const spec: DedupSpec = {
  compare: [
    { name: 'forename', column: 'Forename', kind: 'name', weights: [3, 1, -3], where },
    { name: 'surname', column: 'Surname', kind: 'name', weights: [4, 2, -4], where },
    { name: 'email', column: 'Email', kind: 'email', weights: [10, 4, -4], where },
    { name: 'phone', column: 'Phone', kind: 'phone', weights: [10, 3, -2], where },
    { name: 'postcode', column: 'Postcode', kind: 'postcode', weights: [4, 1, -2], where },
  ],
  block: [['email'], ['phone'], ['surname', 'postcode']],
  mergeAt: 0.95,
  reviewAt: 0.6,
  maxBlock: 100,
  prior: 0.1,
  where,
};

// key, forename, surname, email, phone, postcode
const people: readonly (readonly string[])[] = [
  ['P1', 'Catherine', 'Jones', 'cjones1@example.com', '07700 900001', 'BS1 4DJ'],
  ['P2', 'Robert', 'Smith', 'rsmith2@example.com', '07700 900002', 'BA2 3AB'],
  ['P3', 'Cahterine', 'JONES', ' CJones1@Example.com ', '+44 7700 900001', 'bs14dj'], // P1 typed in again
  ['P4', 'Robert', 'Smyth', '', '0770 0900 002', 'BA2 3AB'], // P2 with another spelling, no e-mail
  ['P5', 'Ann', 'Lee', 'alee5@example.com', '07700 900005', 'EX1 1AA'],
  ['P6', 'Ann', 'Lee', 'ann.lee@example.net', '', 'EX1 1AA'], // P5 with a new e-mail: to review
  ['P7', 'Mark', 'Brown', 'mbrown7@example.com', '07700 900007', 'LS1 1AA'],
  ['P8', 'Julia', 'Green', 'jgreen8@example.com', '07700 900007', 'YO1 1AA'], // shares P7's phone only
  ['P9', 'Tom', 'White', 'twhite9@example.com', '07700 900009', 'NR1 1AA'],
];

function rowsOf(list: readonly (readonly string[])[]) {
  const builder = dedupRowsBuilder(spec);
  for (const [key, ...values] of list) builder.add(key!, values);
  return builder.rows;
}

describe('findDuplicates', () => {
  it('merges typed-in-again rows, sends an unsure pair to review, keeps a shared phone apart', () => {
    const found = findDuplicates(spec, rowsOf(people), 'person');
    expect(found.clusters.map((c) => ({ members: c.members, survivor: c.survivor }))).toEqual([
      { members: ['P1', 'P3'], survivor: 'P1' },
      { members: ['P2', 'P4'], survivor: 'P2' },
    ]);
    expect(found.pairs.map((p) => [p.a, p.b, p.decision])).toEqual([
      ['P1', 'P3', 'merge'],
      ['P2', 'P4', 'merge'],
      ['P5', 'P6', 'review'],
    ]);
    expect(found.pairs[0]!.fields).toEqual({ forename: 'close', surname: 'agree', email: 'agree', phone: 'agree', postcode: 'agree' });
    expect(found.pairs[2]!.fields).toEqual({ forename: 'agree', surname: 'agree', email: 'differ', phone: 'blank', postcode: 'agree' });
    expect(found.compared).toBe(4);
    // 3 + 4 - 4 + 4 bits, and the prior of 0.1 (-3.17 bits)
    expect(found.pairs[2]!.score).toBe(0.9343);
  });

  it('keeps a rejected pair apart and its cluster id when a new person joins', () => {
    const first = findDuplicates(spec, rowsOf(people), 'person');
    const earlier = new Map(first.clusters.flatMap((c) => c.members.map((m) => [m, c.id] as const)));
    const later = [...people, ['P10', 'Catherine', 'Jones', 'cjones1@example.com', '', 'BS1 4DJ']];
    const again = findDuplicates(spec, rowsOf(later), 'person', [{ a: 'P4', b: 'P2', ruling: 'reject' }], earlier);
    expect(again.clusters).toEqual([{ id: first.clusters[0]!.id, members: ['P1', 'P3', 'P10'], survivor: 'P1' }]);
    expect(again.pairs.find((p) => p.a === 'P2' && p.b === 'P4')?.decision).toBe('rejected');
  });

  it('refuses a block so large it would compare nearly everything with everything, with its size and a suggestion', () => {
    const crowded = Array.from({ length: 120 }, (_, i) => [`Q${i}`, 'Ann', 'Lee', '', '', 'EX1 1AA']);
    const error = (() => {
      try {
        findDuplicates({ ...spec, block: [['surname']] }, rowsOf(crowded), 'person');
      } catch (e) {
        return e;
      }
    })();
    expect(isCutoverError(error, 'dedup_block_too_large')).toBe(true);
    expect((error as Error).message).toBe(
      'The blocking rule [surname] of entity "person" puts 120 of its 120 rows in one block (all with "L"): comparing each with each would take 7,140 comparisons, ' +
        'and blocks may hold at most 100 rows. In the dedup section of the spec, make the rule narrower, for example [surname, forename], or remove it; or raise max_block if this is meant.',
    );
  });
});

describe('estimateWeights', () => {
  it('learns that agreeing e-mails and phones are strong evidence, and finds the share of matches among blocked pairs', () => {
    const rows = rowsOf(people);
    const estimate = estimateWeights(spec, rows, candidatePairs(spec, rows, 'person'), { randomPairs: 500 });
    const email = spec.compare.findIndex((c) => c.name === 'email');
    expect(estimate.m[email]![0]).toBeGreaterThan(10 * estimate.u[email]![0]!);
    expect(estimate.u[email]![2]).toBeGreaterThan(0.9);
    expect(estimate.blockedShare).toBeGreaterThan(0.2);
    expect(estimate.blockedShare).toBeLessThan(1);
    // two of the 36 pairs of rows are the same person
    expect(estimate.prior).toBeGreaterThan(1 / 36);
    expect(estimate.prior).toBeLessThan(3 / 36);
    expect(estimateWeights(spec, rows, candidatePairs(spec, rows, 'person'), { randomPairs: 500 })).toEqual(estimate);
  });

  it('learns a comparison every match shares only through its own blocks from those blocks', () => {
    const emailOnly: DedupSpec = { ...spec, block: [['email']] };
    const rows = rowsOf([...people, ...people.map(([key, ...rest]) => [`${key}b`, ...rest])]);
    const estimate = estimateWeights(emailOnly, rows, candidatePairs(emailOnly, rows, 'person'), { randomPairs: 500 });
    const email = spec.compare.findIndex((c) => c.name === 'email');
    expect(estimate.m[email]![0]).toBeGreaterThan(0.9);
  });
});
