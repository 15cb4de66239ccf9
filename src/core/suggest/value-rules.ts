import type { ColumnProfile, ValueCount } from '../profile/index.js';
import { nameWords } from './column-names.js';
import type { TargetColumn } from './target-schema.js';
import { targetFamily } from './type-fit.js';

/** An option value as a spec writes it. */
export type RuleOption = string | boolean | readonly string[] | { readonly [key: string]: RuleOption | null };

/** One rule of a suggested field, as a spec names it: `trim`, or `{ date: { formats: [...] } }`. */
export interface SuggestedRule {
  readonly name: string;
  readonly options?: RuleOption;
}

/** The rules suggested for one field, what they rest on, and what the analyst should check. */
export interface RuleSuggestion {
  readonly rules: readonly SuggestedRule[];
  readonly notes: readonly string[];
  readonly todo: readonly string[];
}

// shapes of the profile's patterns (9 a digit, A/a a letter) and the format each is read with
const dateShapes: readonly (readonly [RegExp, string])[] = [
  [/^99\/99\/9999$/, 'dd/MM/yyyy'],
  [/^9{1,2}\/9{1,2}\/9999$/, 'd/M/yyyy'],
  [/^9999-99-99$/, 'yyyy-MM-dd'],
  [/^99-99-9999$/, 'dd-MM-yyyy'],
  [/^99\.99\.9999$/, 'dd.MM.yyyy'],
  [/^9{1,2} [Aa][a-zA-Z]{2,3} 9999$/, 'd MMM yyyy'],
  // dates with their time, as databases write a DATETIME or TIMESTAMP
  [/^9999-99-99 99:99:99$/, 'yyyy-MM-dd HH:mm:ss'],
  [/^9999-99-99 99:99:99\.9+$/, 'yyyy-MM-dd HH:mm:ss.S'],
  [/^9999-99-99 99:99$/, 'yyyy-MM-dd HH:mm'],
  [/^9999-99-99A99:99:99$/, 'yyyy-MM-ddTHH:mm:ss'],
  [/^9999-99-99A99:99:99\.9+$/, 'yyyy-MM-ddTHH:mm:ss.S'],
  [/^99\/99\/9999 99:99:99$/, 'dd/MM/yyyy HH:mm:ss'],
  [/^99\/99\/9999 99:99$/, 'dd/MM/yyyy HH:mm'],
];
const timeShapes: readonly (readonly [RegExp, string])[] = [
  [/^99:99$/, 'HH:mm'],
  [/^9:99$/, 'H:mm'],
  [/^99:99:99$/, 'HH:mm:ss'],
];

/** Whether a column holds dates (with or without their time): by its kind, or by every shape of its values. */
export function isDateColumn(profile: ColumnProfile): boolean {
  if (profile.type === 'date' || String(profile.type) === 'datetime') return true;
  const shapes = profile.patterns.values;
  return shapes.length > 0 && shapes.every((p) => formatsOf([p], dateShapes).length > 0);
}

/** The formats that read the patterns seen, most frequent first, once each. */
export function formatsOf(patterns: readonly ValueCount[], shapes: readonly (readonly [RegExp, string])[]): string[] {
  const formats: string[] = [];
  for (const p of patterns) {
    const format = shapes.find(([shape]) => shape.test(p.value))?.[1];
    if (format !== undefined && !formats.includes(format)) formats.push(format);
  }
  return formats;
}

const normal = (value: string) => value.trim().toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '');

function isSubsequence(short: string, long: string): boolean {
  let i = 0;
  for (const c of long) if (c === short[i]) i++;
  return i === short.length;
}

/**
 * The allowed value a source value most likely stands for: the same when normalised, the
 * only one it starts, or the only one holding its letters in order (`LL` → landlord).
 */
export function allowedValueFor(value: string, allowed: readonly string[]): string | undefined {
  const v = normal(value);
  if (v === '') return undefined;
  const tests = [(a: string) => normal(a) === v, (a: string) => normal(a).startsWith(v), (a: string) => isSubsequence(v, normal(a))];
  for (const test of tests) {
    const hits = allowed.filter(test);
    if (hits.length === 1) return hits[0];
    if (hits.length > 1) return undefined;
  }
  return undefined;
}

// target columns whose values are usually codes from a short list
const codeWords = new Set(['status', 'type', 'role', 'account', 'state', 'stage', 'kind']);

// at most this many values make a map; more is free text, not codes
const mapLimit = 12;

/** A value map from the values the column holds, when they are few, or undefined. */
function valueMap(profile: ColumnProfile, column: TargetColumn): { rule: SuggestedRule; notes: string[]; todo: string[] } | undefined {
  const codeLike = column.allowed !== undefined || nameWords(column.name).plain.some((w) => codeWords.has(w));
  // masked or estimated values make no map
  if (!codeLike || profile.personal || !profile.top.exact || profile.distinct.count < 2) return undefined;
  // the map sees trimmed values and ignores case, so ` Let`, `LET` and `Let` are one entry
  const values: Record<string, string> = {};
  const seen = new Set<string>();
  const unknown: string[] = [];
  let rows = 0;
  for (const { value, count } of profile.top.values) {
    rows += count;
    const key = value.trim();
    if (key === '' || seen.has(key.toLowerCase())) continue;
    seen.add(key.toLowerCase());
    const to = column.allowed ? allowedValueFor(key, column.allowed) : normal(key);
    if (to === undefined) unknown.push(key);
    values[key] = to ?? normal(key);
  }
  if (seen.size > mapLimit || seen.size < 2) return undefined;
  // short codes (state or country codes) with no list to map onto are kept as written, not put in small letters
  if (column.allowed === undefined && (profile.length?.max ?? 0) <= 3) return undefined;
  const filled = profile.rows - profile.nulls - profile.blanks;
  const notes = [`${seen.size} values${column.allowed ? `, mapped onto the ${column.allowed.length} the target allows` : ''}`];
  const todo = [
    ...(unknown.length > 0 ? [`no allowed value found for ${unknown.map((u) => JSON.stringify(u)).join(', ')}; the target allows ${column.allowed?.join(', ')}`] : []),
    ...(rows < filled ? [`the map is built from the ${profile.top.values.length} most frequent of ${profile.distinct.count} values (${rows.toLocaleString('en-GB')} of ${filled.toLocaleString('en-GB')} rows): check it covers the rest`] : []),
  ];
  return { rule: { name: 'map', options: { values, ignore_case: true, unmapped: column.allowed ? 'reject' : 'keep' } }, notes, todo };
}

const trim: SuggestedRule = { name: 'trim' };

// a column is given uk_postcode from this share of its values up
const postcodeShare = 0.95;
// title case is suggested when at least this share of a column's values is typed in one case
const oneCaseShare = 0.01;

/**
 * What title case would do to a column, going by the values the profile counted:
 * `fixes` when some values are typed all in capitals or all in small letters (LEEDS, smith),
 * `damages` when some mix a small word among capitalised ones (Rio de Janeiro, van der Berg),
 * which title case would capitalise.
 */
function titleCaseEffect(profile: ColumnProfile): { fixes: boolean; damages: boolean } {
  const counted = profile.letterCase ?? { upper: 0, lower: 0, smallWords: 0 };
  const filled = profile.rows - profile.nulls - profile.blanks;
  // one planted TEST among thousands of names is no habit of typing worth a rule
  return { fixes: counted.upper + counted.lower >= Math.max(1, oneCaseShare * filled), damages: counted.smallWords > 0 };
}

/**
 * The rules that turn a source column's values into what the target column holds, read
 * from the profile: its kind of value, its patterns, its values when they are few.
 * `lookup` names the entity a foreign key's values are looked up in, or says why none can be.
 */
export function suggestRules(profile: ColumnProfile, column: TargetColumn, lookup?: { readonly entity?: string; readonly problem?: string }): RuleSuggestion {
  const filled = profile.rows - profile.nulls - profile.blanks;
  const share = filled === 0 ? '' : `${profile.typed.toLocaleString('en-GB')} of ${filled.toLocaleString('en-GB')} values`;
  if (column.references !== undefined) {
    if (lookup?.entity !== undefined) return { rules: [trim, { name: 'lookup', options: lookup.entity }], notes: [`looked up in ${lookup.entity}`], todo: [] };
    return { rules: [trim], notes: [], todo: [lookup?.problem ?? `this points at table ${column.references}: add a lookup rule`] };
  }
  switch (targetFamily(column.type)) {
    case 'date': {
      const formats = formatsOf(profile.patterns.values, dateShapes);
      const dated = profile.type === 'date' || String(profile.type) === 'datetime' || (formats.length > 0 && profile.type === 'text' && profile.patterns.exact && profile.patterns.values.every((p) => formatsOf([p], dateShapes).length > 0));
      const todo = formats.length === 0 ? ['no date format was recognised in the values: write the formats'] : dated ? [] : [`only ${share} are dates`];
      return { rules: [trim, { name: 'date', options: { formats: formats.length ? formats : ['dd/MM/yyyy'] } }], notes: formats.length ? [`dates written ${formats.join(', ')}`] : [], todo };
    }
    case 'time': {
      const formats = formatsOf(profile.patterns.values, timeShapes);
      const todo = formats.length === 0 ? ['no time format was recognised in the values: write the formats'] : profile.type === 'time' ? [] : [`only ${share} are times`];
      return { rules: [trim, { name: 'time', options: { formats: formats.length ? formats : ['HH:mm'] } }], notes: formats.length ? [`times written ${formats.join(', ')}`] : [], todo };
    }
    case 'number': {
      const pound = profile.patterns.values.some((p) => p.value.includes('£'));
      // the symbol is read when it is there, so it costs nothing when it is not
      const options: Record<string, string> = { currency: '£' };
      if (column.scale !== undefined && column.scale !== 2) options.scale = String(column.scale);
      const odd = profile.type === 'money' || profile.type === 'decimal' || profile.type === 'integer' ? [] : [`only ${share} are amounts`];
      return { rules: [{ name: 'money', options }], notes: [pound ? 'amounts, some written with £' : 'amounts'], todo: odd };
    }
    case 'integer':
    case 'boolean':
      return { rules: [trim], notes: [], todo: profile.type === 'integer' || profile.type === 'boolean' || profile.type === 'empty' ? [] : [`the values are ${profile.type}, the target ${column.type}`] };
    case 'text':
      break;
  }
  const words = nameWords(column.name).words;
  // each value was checked with Royal Mail's rule; a few that are not are rejected, many mean another country's
  const ukShare = profile.type === 'uk_postcode' && filled > 0 ? profile.typed / filled : 0;
  if (ukShare >= postcodeShare) {
    return { rules: [{ name: 'uk_postcode' }], notes: [`UK postcodes (${share}); a value that is not one is rejected`], todo: [] };
  }
  if (words.includes('postcode')) {
    const uk = profile.type === 'uk_postcode' ? `only ${share} are UK postcodes` : 'the values are not UK postcodes (other countries\' postal codes, or not postcodes)';
    return { rules: [trim], notes: ['postal codes kept as text'], todo: [`${uk}: kept as text; add uk_postcode only if every address is in the UK`] };
  }
  if (profile.type === 'email') return { rules: [{ name: 'email' }], notes: [`email addresses (${share}); a value that is not one is rejected`], todo: [] };
  // the format written out: the spec parser drops a bare `uk_phone` without options
  if (profile.type === 'phone') return { rules: [{ name: 'uk_phone', options: { format: 'national' } }], notes: [`UK phone numbers (${share}), written 01234 567890`], todo: [] };
  const map = valueMap(profile, column);
  if (map) return { rules: [trim, map.rule], notes: map.notes, todo: map.todo };
  // people's names and towns typed in capitals or small letters; title_case keeps MacLeod as typed
  const nameLike = ['first', 'last', 'middle', 'town'].some((w) => words.includes(w));
  // values already in mixed case are left as typed: title case would write Rio De Janeiro, Van Der Berg
  if (nameLike) {
    const effect = titleCaseEffect(profile);
    if (effect.fixes && !effect.damages) return { rules: [trim, { name: 'title_case' }], notes: ['a name or town, some typed in one case: title case'], todo: [] };
    if (effect.fixes) return { rules: [trim], notes: [], todo: ['some values are typed in capitals or small letters, others with small words on purpose (Rio de Janeiro, van der Berg): title_case would capitalise those; left as typed'] };
  }
  return { rules: [trim], notes: [], todo: [] };
}
