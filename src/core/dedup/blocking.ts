import { CutoverError } from '../cutover-error.js';
import { blockingValue, type DedupRows } from './dedup-rows.js';
import type { DedupSpec } from './dedup-spec.js';

const n = (x: number) => x.toLocaleString('en-GB');

/** A pair of rows to compare, by their indexes, the lower first, and the first blocking rule that brought them together. */
export type RowPair = readonly [number, number, number];

/** The key a row gives a rule (its comparisons' blocking values joined), or null when one is blank. */
function ruleKey(rows: DedupRows, parts: readonly number[], row: number): string | null {
  let key = '';
  for (const part of parts) {
    const value = blockingValue(rows, part, row);
    if (value === null) return null;
    key += `${value}\u001f`;
  }
  return key;
}

/** The rows of each block a rule makes, in row order; rows with a blank part are in none. */
function blocksOf(rows: DedupRows, parts: readonly number[]): Map<string, number[]> {
  const blocks = new Map<string, number[]>();
  for (let row = 0; row < rows.keys.length; row += 1) {
    const key = ruleKey(rows, parts, row);
    if (key === null) continue;
    const block = blocks.get(key);
    if (block === undefined) blocks.set(key, [row]);
    else block.push(row);
  }
  return blocks;
}

/** The comparison indexes of each blocking rule. */
const ruleParts = (spec: Pick<DedupSpec, 'compare' | 'block'>) => spec.block.map((rule) => rule.map((name) => spec.compare.findIndex((c) => c.name === name)));

/** True when the two rows share a block of the rule. */
export function sameBlock(rows: DedupRows, parts: readonly number[], a: number, b: number): boolean {
  return parts.every((part) => {
    const value = blockingValue(rows, part, a);
    return value !== null && value === blockingValue(rows, part, b);
  });
}

/**
 * Visits every pair of rows that share a block under at least one blocking rule, once
 * (under the first rule that brings it together), in a fixed order, and returns how
 * many there were. Nothing is held per pair, so memory grows with rows, not pairs. A
 * block larger than `maxBlock` is refused: it would compare nearly everything with
 * everything.
 */
export function forEachCandidatePair(spec: DedupSpec, rows: DedupRows, entity: string, visit: (a: number, b: number, rule: number) => void): number {
  const parts = ruleParts(spec);
  let count = 0;
  parts.forEach((rule, r) => {
    const blocks = blocksOf(rows, rule);
    for (const [key, block] of blocks) {
      if (block.length > spec.maxBlock) throw tooLarge(spec, entity, spec.block[r]!, key, block.length, rows.keys.length);
    }
    for (const block of blocks.values()) {
      for (let i = 0; i < block.length; i += 1) {
        for (let j = i + 1; j < block.length; j += 1) {
          const a = block[i]!;
          const b = block[j]!;
          // an earlier rule already brought this pair together
          let earlier = false;
          for (let e = 0; e < r && !earlier; e += 1) earlier = sameBlock(rows, parts[e]!, a, b);
          if (earlier) continue;
          visit(a, b, r);
          count += 1;
        }
      }
    }
  });
  return count;
}

/** Every candidate pair as a list, ordered by row: for small row sets and tests. */
export function candidatePairs(spec: DedupSpec, rows: DedupRows, entity: string): RowPair[] {
  const pairs: RowPair[] = [];
  forEachCandidatePair(spec, rows, entity, (a, b, r) => pairs.push([a, b, r]));
  return pairs.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
}

/** How large a rule's blocks are over the rows: the largest, and the pairs they make in all. */
export function blockSizes(spec: Pick<DedupSpec, 'compare'>, rows: DedupRows, rule: readonly string[]): { readonly largest: number; readonly pairs: number } {
  const blocks = blocksOf(rows, ruleParts({ compare: spec.compare, block: [rule] })[0]!);
  let largest = 0;
  let pairs = 0;
  for (const block of blocks.values()) {
    largest = Math.max(largest, block.length);
    pairs += (block.length * (block.length - 1)) / 2;
  }
  return { largest, pairs };
}

function tooLarge(spec: DedupSpec, entity: string, rule: readonly string[], key: string, size: number, rows: number): CutoverError {
  const value = key.split('\u001f').slice(0, -1).join(' + ');
  const others = spec.compare.map((c) => c.name).filter((name) => !rule.includes(name));
  const suggestion =
    others.length > 0
      ? `make the rule narrower, for example [${[...rule, others[0]].join(', ')}], or remove it`
      : 'remove the rule or block on another comparison';
  return new CutoverError(
    'dedup_block_too_large',
    `The blocking rule [${rule.join(', ')}] of entity "${entity}" puts ${n(size)} of its ${n(rows)} rows in one block (all with "${value}"): ` +
      `comparing each with each would take ${n((size * (size - 1)) / 2)} comparisons, and blocks may hold at most ${n(spec.maxBlock)} rows. ` +
      `In the dedup section of the spec, ${suggestion}; or raise max_block if this is meant.`,
    { where: { file: spec.where.file, line: spec.where.line, column: spec.where.column } },
  );
}
