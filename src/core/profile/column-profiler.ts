import { createFrequentValues, type ValueCount } from './frequent-values.js';
import { looksLikeNullMarker } from '../null-markers.js';
import { hash32 } from '../string-hash.js';
import { createHyperLogLog } from './hyper-log-log.js';
import { isPersonalColumn, maskValue } from './mask-value.js';
import { compareDecimals, dateKey, dateTimeKey, decimalText, kindsOf, valueKinds, valuePattern, type ValueKind } from './value-kinds.js';

/** What a column's values look like: a kind of value, `text`, or `empty` when every value is null or blank. */
export type InferredType = ValueKind | 'text' | 'empty';

/** Everything one pass learnt about a column. Values are masked when `personal`. */
export interface ColumnProfile {
  readonly name: string;
  readonly rows: number;
  readonly nulls: number;
  /** '' or spaces only */
  readonly blanks: number;
  /** distinct non-blank values; exact up to the bound, then a HyperLogLog estimate */
  readonly distinct: { readonly count: number; readonly exact: boolean };
  /** the 10 most frequent non-blank values; when not exact, Misra-Gries lower bounds */
  readonly top: { readonly values: readonly ValueCount[]; readonly exact: boolean };
  /** the 5 most frequent shapes (`AA9 9AA`) */
  readonly patterns: { readonly values: readonly ValueCount[]; readonly exact: boolean };
  readonly type: InferredType;
  /** how many non-blank values fit the type */
  readonly typed: number;
  /** compared as numbers when every non-blank value is one, else as dates, else as text */
  readonly range: { readonly as: 'number' | 'date' | 'text'; readonly min: string; readonly max: string } | null;
  /** length in characters of the non-null values */
  readonly length: { readonly min: number; readonly max: number } | null;
  readonly samples: readonly string[];
  readonly personal: boolean;
  /** the commonest value, when it looks like the way an export writes an empty value (`NULL`, `\N`); absent otherwise */
  readonly nullMarker?: ValueCount;
  /** values without digits typed all in capitals (LEEDS), all in small letters (leeds), or with a small word beside a capitalised one (Rio de Janeiro, van der Berg) */
  readonly letterCase?: { readonly upper: number; readonly lower: number; readonly smallWords: number };
  /**
   * For a column named like a key (`CustomerId`, `AccountRef`), not personal: the smallest
   * hashes of its distinct trimmed values (all of them when there are few), so a column
   * whose values are keys of another can be found without holding either's values.
   */
  readonly keySketch?: readonly number[];
}

/** Fed one value at a time, keeps bounded memory, and says what it saw. */
export interface ColumnProfiler {
  add(value: string | null): void;
  result(): ColumnProfile;
}

/** How much a profiler may hold: distinct values counted exactly, values shown. */
export interface ProfilerLimits {
  readonly exactDistinct: number;
  readonly topValues: number;
  readonly patterns: number;
  readonly samples: number;
}

/** The limits the product uses. */
export const defaultProfilerLimits: ProfilerLimits = { exactDistinct: 10_000, topValues: 10, patterns: 5, samples: 5 };

// very long values are kept by their start and a hash of the whole, so 10,000 of them
// stay small and two notes that differ only at the end still count as two
const keyLength = 200;
const hashMark = '\u0000';

function countingKey(value: string): string {
  if (value.length <= keyLength) return value;
  return `${value.slice(0, keyLength)}…${hashMark}${hash32(value).toString(36)}.${hash32(value.slice(keyLength)).toString(36)}`;
}

/** The value a counting key stands for, as people see it: the start of a long value and `…`. */
function shownKey(key: string): string {
  return key.length > keyLength ? key.slice(0, keyLength + 1) : key;
}
// a column takes a kind only when at least this share of its values fits it
const typeShare = 0.9;

interface Extremes {
  min: { key: string; value: string } | null;
  max: { key: string; value: string } | null;
}

function widen(e: Extremes, key: string, value: string, compare: (a: string, b: string) => number): void {
  if (!e.min || compare(key, e.min.key) < 0) e.min = { key, value };
  if (!e.max || compare(key, e.max.key) > 0) e.max = { key, value };
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

// a k-minimum-values sketch: the `sketchSize` smallest hashes of the distinct values
const sketchSize = 64;
// ReportsTo and CreatedBy hold keys too
const keyName = /(?:id|ref|key|code|no|number|to|by)$/i;

function addToSketch(sketch: number[], h: number): void {
  if (sketch.length === sketchSize && h >= sketch[sketchSize - 1]!) return;
  let lo = 0;
  let hi = sketch.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sketch[mid]! < h) lo = mid + 1;
    else hi = mid;
  }
  if (sketch[lo] === h) return;
  sketch.splice(lo, 0, h);
  if (sketch.length > sketchSize) sketch.pop();
}

type LetterCase = 'upper' | 'lower' | 'smallWords';

const kindIndex = new Map<ValueKind, number>(valueKinds.map((kind, k) => [kind, k]));

/** What a value was found to be: its shape, the kinds it fits (by index in valueKinds), its letter case. */
interface Findings {
  readonly pattern: string;
  readonly kinds: readonly number[];
  readonly letters: LetterCase | undefined;
}

/** How a name or place is written: all capitals, all small letters, or with a small word; undefined for other values. */
function letterCaseOf(value: string): LetterCase | undefined {
  // names and places: no digits, no e-mail addresses
  if (/[\d@]/.test(value)) return undefined;
  const hasSmall = small.test(value);
  if (!hasSmall && capitals.test(value)) return 'upper';
  if (hasSmall && value === value.toLowerCase()) return 'lower';
  if (hasSmall && smallWord.test(value)) return 'smallWords';
  return undefined;
}

const capitals = /\p{Lu}{2}/u;
const small = /\p{Ll}/u;
const smallWord = /\p{Lu}\p{Ll}*[\s-]+\p{Ll}|^\p{Ll}+(?:[\s-]+\p{Ll}+)*[\s-]+\p{Lu}/u;

/** Makes a profiler for the column called `name` (the name helps tell personal data). */
export function createColumnProfiler(name: string, limits: ProfilerLimits = defaultProfilerLimits): ColumnProfiler {
  let rows = 0;
  let nulls = 0;
  let blanks = 0;
  let minLength = Infinity;
  let maxLength = -1;
  // each value held is noted with its shape, kinds and case, so a value seen before only counts
  const values = createFrequentValues<Findings>(limits.exactDistinct);
  const patterns = createFrequentValues(1_000);
  const hll = createHyperLogLog();
  // values that fit each kind, in the order of valueKinds
  const kindCounts = new Float64Array(valueKinds.length);
  const countOf = (kind: ValueKind): number => kindCounts[kindIndex.get(kind)!]!;
  const samples: string[] = [];
  let numbers: Extremes | null = { min: null, max: null };
  let dates: Extremes | null = { min: null, max: null };
  const texts: Extremes = { min: null, max: null };
  const letterCase = { upper: 0, lower: 0, smallWords: 0 };
  const sketch: number[] | null = keyName.test(name.trim()) ? [] : null;

  return {
    add(value) {
      rows++;
      if (value === null) {
        nulls++;
        return;
      }
      if (value.length < minLength) minLength = value.length;
      if (value.length > maxLength) maxLength = value.length;
      if (value.trim() === '') {
        blanks++;
        return;
      }
      const key = countingKey(value);
      const counter = values.add(key);
      // a value seen before changes nothing but the counts: its shape, kinds and case are noted
      const known = counter?.note;
      if (known !== undefined) {
        patterns.add(known.pattern);
        for (const k of known.kinds) kindCounts[k]! += 1;
        if (known.letters !== undefined) letterCase[known.letters]++;
        return;
      }
      hll.add(value);
      const pattern = valuePattern(value);
      patterns.add(pattern);
      const kinds = kindsOf(value).map((kind) => kindIndex.get(kind)!);
      for (const k of kinds) kindCounts[k]! += 1;
      if (sketch) addToSketch(sketch, hash32(value.trim()));
      const letters = letterCaseOf(value);
      if (letters !== undefined) letterCase[letters]++;
      // a long value is counted by its start and hash: its findings are noted only when the key is the value
      if (counter !== undefined && key === value) counter.note = { pattern, kinds, letters };
      if (samples.length < limits.samples && !samples.includes(shownKey(key))) samples.push(shownKey(key));
      if (numbers) {
        const d = decimalText(value);
        if (d === null) numbers = null;
        else widen(numbers, d, value, compareDecimals);
      }
      if (dates) {
        const d = dateKey(value) ?? dateTimeKey(value);
        if (d === null) dates = null;
        else widen(dates, d, value, compareText);
      }
      widen(texts, key, shownKey(key), compareText);
    },
    result() {
      const filled = rows - nulls - blanks;
      // of the kinds enough values fit, the one most fit; ties go to the narrowest (integer before money)
      let kind: ValueKind | undefined;
      for (const k of valueKinds) {
        const count = countOf(k);
        if (count >= typeShare * filled && count > (kind ? countOf(kind) : 0)) kind = k;
      }
      const type: InferredType = filled === 0 ? 'empty' : kind ?? 'text';
      const personal = isPersonalColumn(name, type);
      const show = personal ? maskValue : (v: string) => v;
      const [as, extremes] = numbers ? (['number', numbers] as const) : dates ? (['date', dates] as const) : (['text', texts] as const);
      const approximate = values.approximate;
      const [commonest] = values.top(1);
      const marker = commonest !== undefined && looksLikeNullMarker(shownKey(commonest.value)) ? { value: shownKey(commonest.value), count: commonest.count } : undefined;
      return {
        name,
        rows,
        nulls,
        blanks,
        // an estimate above the values seen would read as nonsense: 70,635 distinct in 70,000 rows
        distinct: { count: approximate ? Math.min(hll.estimate(), filled) : values.size, exact: !approximate },
        top: { values: values.top(limits.topValues).map((t) => ({ value: show(shownKey(t.value)), count: t.count })), exact: !approximate },
        patterns: { values: patterns.top(limits.patterns), exact: !patterns.approximate },
        type,
        typed: type === 'empty' ? 0 : type === 'text' ? filled : countOf(type),
        range: extremes.min && extremes.max ? { as, min: show(extremes.min.value), max: show(extremes.max.value) } : null,
        length: maxLength < 0 ? null : { min: minLength, max: maxLength },
        samples: samples.map(show),
        personal,
        ...(marker === undefined ? {} : { nullMarker: marker }),
        ...(letterCase.upper + letterCase.lower + letterCase.smallWords === 0 ? {} : { letterCase: { ...letterCase } }),
        ...(sketch === null || personal || sketch.length === 0 ? {} : { keySketch: [...sketch] }),
      };
    },
  };
}
