import { isMap, isSeq } from 'yaml';
import { z } from 'zod';
import { comparisonKinds, defaultMaxBlock, defaultPrior, type Comparison, type DedupSpec, type PerLevel, type Survival } from '../dedup/dedup-spec.js';
import { didYouMean } from './closest-name.js';
import { levelWording, type SpecLevel } from './spec-schemas.js';
import type { SpecLocation } from './spec-model.js';
import type { SpecReader } from './spec-reader.js';

const text = z.string().min(1);
const number = (what: string) =>
  z
    .preprocess((v) => (typeof v === 'number' ? String(v) : v), z.string().regex(/^\d+(?:\.\d+)?(?:e-?\d+)?$/i, { error: `must be ${what}` }))
    .transform(Number);
const share = (key: string) => number('a number from 0 to 1, such as 0.9').refine((x) => x > 0 && x < 1, { error: `${key} must lie between 0 and 1, such as 0.9` });
const chance = number('a number from 0 to 1, such as 0.9').refine((x) => x >= 0 && x <= 1, { error: 'each chance must lie from 0 to 1' });
const bits = z
  .preprocess((v) => (typeof v === 'number' ? String(v) : v), z.string().regex(/^-?\d+(?:\.\d+)?$/, { error: 'must be a number such as 6.5 or -3' }))
  .transform(Number);
const three = <T extends z.ZodType>(item: T) => z.tuple([item, item, item]);

export const dedupLevel = {
  schema: z.strictObject({
    compare: z.record(z.string(), z.unknown()),
    block: z.array(z.unknown()).min(1),
    merge_at: share('merge_at'),
    review_at: share('review_at'),
    max_block: number('a whole number such as 2000').refine((x) => Number.isInteger(x) && x >= 2, { error: 'max_block must be a whole number of at least 2' }).optional(),
    prior: share('prior').optional(),
    survive: z.record(z.string(), z.unknown()).optional(),
  }),
  help: {
    '': 'write dedup: { compare: { NAME: { column: COLUMN, as: KIND } }, block: [NAME], merge_at: 0.95, review_at: 0.7 }',
    compare: 'write compare: followed by one map per comparison, for example surname: { column: Surname, as: name }',
    block: 'write block: [NAME, [NAME, NAME]], the comparisons whose keys rows must share to be compared, for example block: [email, phone]',
    merge_at: 'write merge_at: 0.95, the score from which two rows are merged',
    review_at: 'write review_at: 0.7, the score from which two rows go to review',
    max_block: 'write max_block: 2000, the most rows one block may hold',
    prior: 'write prior: 0.0001, the chance that two rows picked at random are the same person',
    survive: `write survive: followed by one rule per field, for example survive: { email: { most_recent: created_on }, notes: { all_of: phone } }; the rules are most_recent, most_complete, longest, from and all_of`,
  },
} satisfies SpecLevel;

export const comparisonLevel = {
  schema: z.strictObject({
    column: text,
    as: z.enum(comparisonKinds),
    m: three(chance).optional(),
    u: three(chance).optional(),
    weights: three(bits).optional(),
  }),
  help: {
    '': 'write each comparison as NAME: { column: COLUMN, as: KIND }, for example surname: { column: Surname, as: name }',
    column: 'write column: COLUMN, the source column to compare',
    as: `write as: KIND, one of ${comparisonKinds.join(', ')}`,
    m: 'write m: [agree, close, differ], the chance of each level for two rows of the same person, such as m: [0.9, 0.07, 0.03]',
    u: 'write u: [agree, close, differ], the chance of each level for two rows of different people, such as u: [0.01, 0.02, 0.97]',
    weights: 'write weights: [agree, close, differ] in bits, such as weights: [6, 2, -4]',
  },
} satisfies SpecLevel;

/** Reads an entity's `dedup:` section; problems go to the reader, and the result is undefined if there were any. */
export function readDedup(reader: SpecReader, entity: string, node: unknown, anchor: SpecLocation, fields?: readonly string[]): DedupSpec | undefined {
  const before = reader.problems.length;
  const what = `the dedup section of entity "${entity}"`;
  const where = reader.locate(node, anchor);
  const data = reader.check(node, dedupLevel.schema, levelWording(dedupLevel, what), anchor);

  const compare: Comparison[] = [];
  const compareNode = reader.child(node, 'compare');
  if (isMap(compareNode)) {
    for (const pair of compareNode.items) {
      const name = reader.text(pair.key) ?? '';
      const at = reader.locate(pair.key, where);
      const c = reader.check(pair.value, comparisonLevel.schema, levelWording(comparisonLevel, `comparison "${name}" of ${what}`), at);
      if (c === undefined) continue;
      compare.push({
        name,
        column: c.column,
        kind: c.as,
        ...(c.m === undefined ? {} : { m: c.m as PerLevel }),
        ...(c.u === undefined ? {} : { u: c.u as PerLevel }),
        ...(c.weights === undefined ? {} : { weights: c.weights as PerLevel }),
        where: reader.locate(reader.child(pair.value, 'column'), at),
      });
    }
    if (compareNode.items.length === 0) reader.report('missing_key', where, `${what} compares nothing; ${dedupLevel.help.compare}`);
  }

  const block: string[][] = [];
  const blockNode = reader.child(node, 'block');
  const names = compare.map((c) => c.name);
  if (isSeq(blockNode)) {
    for (const item of blockNode.items) {
      const parts = isSeq(item) ? item.items : [item];
      const rule = parts.map((part) => reader.text(part) ?? '');
      parts.forEach((part, i) => {
        if (!names.includes(rule[i]!) && data !== undefined) {
          reader.report(
            'unknown_field',
            reader.locate(part, where),
            `the blocking rule [${rule.join(', ')}] of ${what} names "${rule[i]}", which is not one of its comparisons.${didYouMean(rule[i]!, names)} Its comparisons are: ${names.join(', ')}`,
          );
        }
      });
      block.push(rule);
    }
  }

  if (data !== undefined && data.review_at > data.merge_at) {
    reader.report(
      'invalid_value',
      reader.locate(reader.child(node, 'review_at'), where),
      `${what} sends pairs to review from ${data.review_at} but merges them from ${data.merge_at}: review_at must not be above merge_at; write for example merge_at: 0.95 and review_at: 0.7`,
    );
  }
  const survive = readSurvive(reader, reader.child(node, 'survive'), what, where, fields);
  if (data === undefined || reader.problems.length > before) return undefined;
  return {
    compare,
    block,
    mergeAt: data.merge_at,
    reviewAt: data.review_at,
    maxBlock: data.max_block ?? defaultMaxBlock,
    prior: data.prior ?? defaultPrior,
    ...(survive.length === 0 ? {} : { survive }),
    where,
  };
}

const survivalHelp =
  'write one of: most_recent: { by: FIELD } (the row latest by a date field), most_complete (the row with most fields filled in), longest, ' +
  'from: { by: FIELD, value: VALUE } (the row whose field holds a preferred source), all_of: FIELD (every distinct value, for a notes field)';

/** Reads `survive:`, each field's rule for which value a merged person keeps. */
function readSurvive(reader: SpecReader, node: unknown, what: string, where: SpecLocation, fields: readonly string[] | undefined): Survival[] {
  const out: Survival[] = [];
  if (!isMap(node)) return out;
  const known = (name: string, at: SpecLocation, role: string): boolean => {
    if (fields === undefined || fields.includes(name)) return true;
    reader.report('unknown_field', at, `the survive rule ${role} of ${what} names field "${name}", which the entity does not have.${didYouMean(name, fields)} Its fields are: ${fields.join(', ')}`);
    return false;
  };
  for (const pair of node.items) {
    const field = reader.text(pair.key) ?? '';
    const at = reader.locate(pair.key, where);
    if (!known(field, at, `for "${field}"`)) continue;
    const value: unknown = reader.plain(pair.value);
    const bad = () => reader.report('invalid_value', at, `the survive rule for "${field}" of ${what} is not one Cutover knows; ${survivalHelp}`);
    if (value === 'most_complete' || value === 'longest') {
      out.push({ field, rule: value });
      continue;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value) || Object.keys(value).length !== 1) {
      bad();
      continue;
    }
    const [rule, arg] = Object.entries(value)[0]!;
    const by = typeof arg === 'string' ? arg : typeof arg === 'object' && arg !== null && typeof (arg as { by?: unknown }).by === 'string' ? (arg as { by: string }).by : undefined;
    if (rule === 'most_recent' && by !== undefined) {
      if (known(by, at, `for "${field}"`)) out.push({ field, rule, by });
    } else if (rule === 'all_of' && by !== undefined) {
      if (known(by, at, `for "${field}"`)) out.push({ field, rule, by });
    } else if (rule === 'from' && by !== undefined && typeof arg === 'object' && (typeof (arg as { value?: unknown }).value === 'string' || typeof (arg as { value?: unknown }).value === 'number')) {
      if (known(by, at, `for "${field}"`)) out.push({ field, rule, by, value: String((arg as { value: string | number }).value) });
    } else {
      bad();
    }
  }
  return out;
}
