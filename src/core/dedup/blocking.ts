import { CutoverError } from '../cutover-error.js';
import { blockingValue, type DedupRows } from './dedup-rows.js';
import type { DedupSpec } from './dedup-spec.js';

const n = (x: number) => x.toLocaleString('en-GB');

/** A pair of rows to compare, by their indexes, the lower first, and the first blocking rule that brought them together. */
export type RowPair = readonly [number, number, number];

/**
 * The pairs of rows that share a block under at least one blocking rule, each once, in a
 * fixed order. A block larger than `maxBlock` is refused: it would compare nearly
 * everything with everything.
 */
export function candidatePairs(spec: DedupSpec, rows: DedupRows, entity: string): RowPair[] {
  const index = new Map(spec.compare.map((c, i) => [c.name, i]));
  const count = rows.keys.length;
  const seen = new Set<number>();
  const pairs: RowPair[] = [];
  spec.block.forEach((rule, ruleIndex) => {
    const parts = rule.map((name) => index.get(name)!);
    const blocks = new Map<string, number[]>();
    for (let row = 0; row < count; row += 1) {
      let key = '';
      let blank = false;
      for (const part of parts) {
        const value = blockingValue(rows, part, row);
        if (value === null) {
          blank = true;
          break;
        }
        key += `${value}\u001f`;
      }
      if (blank) continue;
      const block = blocks.get(key);
      if (block === undefined) blocks.set(key, [row]);
      else block.push(row);
    }
    for (const [key, block] of blocks) {
      if (block.length > spec.maxBlock) throw tooLarge(spec, entity, rule, key, block.length, count);
      for (let i = 0; i < block.length; i += 1) {
        for (let j = i + 1; j < block.length; j += 1) {
          const a = block[i]!;
          const b = block[j]!;
          const id = a * count + b;
          if (seen.has(id)) continue;
          seen.add(id);
          pairs.push([a, b, ruleIndex]);
        }
      }
    }
  });
  return pairs.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
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
