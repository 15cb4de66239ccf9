import type { InferredType } from '../profile/column-profiler.js';
import { blockSizes } from './blocking.js';
import type { DedupRows } from './dedup-rows.js';
import { defaultMaxBlock, type ComparisonKind, type DedupSpec } from './dedup-spec.js';

/** A column as the profile classified it. */
export interface ClassifiedColumn {
  readonly name: string;
  readonly type: InferredType;
}

/** A comparison a draft proposes, with why. */
export interface DraftComparison {
  readonly name: string;
  readonly column: string;
  readonly kind: ComparisonKind;
  readonly why: string;
}

const byName: readonly { readonly name: string; readonly test: RegExp; readonly kind: ComparisonKind }[] = [
  { name: 'surname', test: /^(sur_?name|last_?name|family_?name|lname)$/i, kind: 'name' },
  { name: 'forename', test: /^(fore_?name|first_?name|given_?names?|fname)$/i, kind: 'name' },
  { name: 'full_name', test: /^(full_?name|name|contact_?name)$/i, kind: 'name' },
  { name: 'birth_date', test: /birth|dob/i, kind: 'date' },
  { name: 'address', test: /^(address|addr|street|address_?line_?1|line_?1)$/i, kind: 'address' },
];
const byType: Partial<Record<InferredType, { readonly name: string; readonly kind: ComparisonKind }>> = {
  email: { name: 'email', kind: 'email' },
  phone: { name: 'phone', kind: 'phone' },
  uk_postcode: { name: 'postcode', kind: 'postcode' },
};

/**
 * The comparisons a table's columns suggest: e-mails, phones and postcodes by what the
 * profile found in them, names, birth dates and addresses by their column names. Key
 * columns are never compared.
 */
export function draftComparisons(columns: readonly ClassifiedColumn[], key: readonly string[]): DraftComparison[] {
  const found: DraftComparison[] = [];
  const taken = new Set<string>();
  const add = (name: string, column: string, kind: ComparisonKind, why: string) => {
    if (taken.has(name) || key.includes(column)) return;
    taken.add(name);
    found.push({ name, column, kind, why });
  };
  for (const c of columns) {
    const typed = byType[c.type];
    if (typed !== undefined) add(typed.name, c.name, typed.kind, `the profile finds ${c.type.replace('_', ' ')}s in ${c.name}`);
    const named = byName.find((n) => n.test.test(c.name));
    if (named !== undefined && (named.kind !== 'date' || c.type === 'date')) add(named.name, c.name, named.kind, `the column is called ${c.name}`);
  }
  return found;
}

/** Blocking rules to try, best first: each a list of comparison names. */
export function candidateRules(names: readonly string[]): string[][] {
  const has = (n: string) => names.includes(n);
  const rules: string[][] = [];
  for (const single of ['email', 'phone']) if (has(single)) rules.push([single]);
  const surname = has('surname') ? 'surname' : has('full_name') ? 'full_name' : undefined;
  if (surname !== undefined) {
    for (const other of ['postcode', 'birth_date', 'forename']) if (has(other)) rules.push([surname, other]);
    rules.push([surname]);
  }
  if (has('postcode') && has('birth_date')) rules.push(['postcode', 'birth_date']);
  return rules;
}

/** The most pairs the rules a draft keeps may compare: enough to find people, few enough to be quick. */
export const pairBudget = (rows: number): number => Math.max(1_000_000, 5 * rows);

/**
 * The blocking rules to keep: each candidate whose largest block stays within
 * `maxBlock` and whose pairs fit the budget left, unless a rule already kept covers it.
 */
export function chooseBlocks(
  spec: Pick<DedupSpec, 'compare'>,
  rows: DedupRows,
  candidates: readonly (readonly string[])[],
  maxBlock = defaultMaxBlock,
): { kept: string[][]; refused: { rule: readonly string[]; largest: number; pairs: number }[] } {
  const kept: string[][] = [];
  const refused: { rule: readonly string[]; largest: number; pairs: number }[] = [];
  let budget = pairBudget(rows.keys.length);
  for (const rule of candidates) {
    if (kept.some((k) => k.every((name) => rule.includes(name)))) continue;
    const { largest, pairs } = blockSizes(spec, rows, rule);
    if (largest <= maxBlock && pairs <= budget) {
      kept.push([...rule]);
      budget -= pairs;
    } else {
      refused.push({ rule, largest, pairs });
    }
  }
  return { kept, refused };
}
