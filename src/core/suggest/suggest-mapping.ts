import type { ColumnProfile, TableProfile } from '../profile/index.js';
import { compareNames, nameWords, wordSimilarity, type NameWords } from './column-names.js';
import { findReferences } from './table-references.js';
import type { TargetColumn, TargetTable } from './target-schema.js';
import { targetFamily, typeFit } from './type-fit.js';
import { isDateColumn, suggestRules, type SuggestedRule } from './value-rules.js';

/** How sure a guess is: `low` guesses carry a TODO. */
export type Confidence = 'high' | 'medium' | 'low';

/** One target column and the source column suggested for it, if any. */
export interface FieldSuggestion {
  readonly name: string;
  readonly type: string;
  readonly required: boolean;
  readonly from?: string;
  /** only for rows where another column holds this value (one column holding keys of several tables) */
  readonly when?: { readonly column: string; readonly equals: string };
  readonly confidence?: Confidence;
  /** why this source column: names, type, values */
  readonly reasons: readonly string[];
  readonly rules: readonly SuggestedRule[];
  /** what the analyst should check or write */
  readonly todo: readonly string[];
}

/** One target table and the source table suggested to feed it, if any. */
export interface EntitySuggestion {
  /** the entity's name in the spec: the target table's */
  readonly entity: string;
  readonly table: string;
  readonly source?: { readonly table: string; readonly confidence: Confidence; readonly reasons: readonly string[] };
  readonly key: readonly string[];
  readonly keyReasons: readonly string[];
  readonly keyTodo: readonly string[];
  /** false when the target table has no `id` column for Cutover to fill */
  readonly generateId: boolean;
  readonly fields: readonly FieldSuggestion[];
  /** source columns no field reads */
  readonly unused: readonly string[];
}

/** A suggested mapping of a snapshot onto the target: an entity per target table. */
export interface MappingSuggestion {
  readonly entities: readonly EntitySuggestion[];
  /** source tables no entity reads */
  readonly unusedSources: readonly string[];
}

// a field is suggested from this score up; below `sure` it carries a TODO
const least = 0.5;
const sure = 0.65;
const certain = 0.85;
const confidenceOf = (score: number): Confidence => (score >= certain ? 'high' : score >= sure ? 'medium' : 'low');
const percent = (x: number) => `${Math.round(100 * x)}%`;

interface Pair {
  readonly score: number;
  readonly reasons: string[];
  /** what the analyst should check about this pairing */
  readonly todo?: string;
}

/** How well a source column fits a target column: names count three quarters, the type one quarter. */
function pairColumns(source: ColumnProfile, sourceWords: NameWords, target: TargetColumn, tableWords: readonly string[]): Pair {
  const name = compareNames(sourceWords, nameWords(target.name), tableWords);
  const type = typeFit(source, target);
  // a date field is never filled from a column that holds no dates, however alike the names (EventCode → event_date)
  const noDates = targetFamily(target.type) === 'date' && target.references === undefined && source.type !== 'empty' && !isDateColumn(source);
  const score = name.score < 0.3 || noDates ? 0 : 0.75 * name.score + 0.25 * type.score;
  const nameReason = name.match === 'similar names' ? `similar names (${percent(name.score)})` : name.match;
  return { score, reasons: [nameReason, type.reason] };
}

/** The target columns a mapping fills: all but the `id` Cutover generates. */
function mappedColumns(table: TargetTable): readonly TargetColumn[] {
  return table.columns.filter((c) => !(c.name === 'id' && table.primaryKey.length === 1 && table.primaryKey[0] === 'id'));
}

/** How well a source table fits a target table: their names, and how many target columns find a source column. */
function pairTables(source: TableProfile, target: TargetTable, referenceColumns: number): Pair {
  const names = wordSimilarity(nameWords(source.name).words, nameWords(target.name).words);
  const targetWords = nameWords(target.name).words;
  const columns = mappedColumns(target);
  const sourceWords = source.columns.map((c) => nameWords(c.name));
  let found = 0;
  // a foreign key the names do not find may be one of the source's columns that point at another table in the data
  let unnamedReferences = referenceColumns;
  for (const column of columns) {
    const best = Math.max(0, ...source.columns.map((c, i) => pairColumns(c, sourceWords[i]!, column, targetWords).score));
    if (best >= sure || sharedKeyColumn(source, column)) found++;
    else if (column.references !== undefined && unnamedReferences > 0) {
      unnamedReferences--;
      found++;
    }
  }
  const coverage = columns.length === 0 ? 0 : found / columns.length;
  return {
    score: 0.5 * names + 0.5 * coverage,
    reasons: [names >= 0.95 ? 'the names match' : names > 0 ? `similar names (${percent(names)})` : 'the names differ', `${found} of ${columns.length} columns found`],
  };
}

/** Greedy one-to-one assignment: the best pair first, each side used once. */
function assign<P extends Pair>(pairs: readonly (P & { readonly a: number; readonly b: number })[], floor: number): Map<number, P & { readonly b: number }> {
  const taken = new Set<number>();
  const chosen = new Map<number, P & { readonly b: number }>();
  for (const pair of [...pairs].sort((x, y) => y.score - x.score || x.a - y.a || x.b - y.b)) {
    if (pair.score < floor || chosen.has(pair.a) || taken.has(pair.b)) continue;
    chosen.set(pair.a, pair);
    taken.add(pair.b);
  }
  return chosen;
}

const idLike = /(?:^|[^a-z])(?:id|ref|code|key|no|number)$/i;

/** The source column that best identifies a row: filled, unique, named like a key, early in the file. */
function chooseKey(source: TableProfile): { key: string[]; reasons: string[]; todo: string[] } {
  let best: { column: ColumnProfile; score: number } | undefined;
  source.columns.forEach((c, index) => {
    const filled = c.rows - c.nulls - c.blanks;
    if (filled === 0) return;
    const unique = Math.min(1, c.distinct.count / filled);
    const score = unique + (idLike.test(c.name) ? 0.5 : 0) + (index === 0 ? 0.2 : 0) + filled / Math.max(1, c.rows) * 0.3;
    if (!best || score > best.score) best = { column: c, score };
  });
  if (!best) return { key: [], reasons: [], todo: ['no column identifies a row: write key: [COLUMN]'] };
  const c = (best as { column: ColumnProfile }).column;
  const filled = c.rows - c.nulls - c.blanks;
  const distinct = `${c.distinct.exact ? '' : 'about '}${c.distinct.count.toLocaleString('en-GB')} distinct values in ${c.rows.toLocaleString('en-GB')} rows`;
  const todo: string[] = [];
  if (c.distinct.count < filled * (c.distinct.exact ? 1 : 0.97)) todo.push(`${c.name} repeats: some rows share a key`);
  if (filled < c.rows) todo.push(`${(c.rows - filled).toLocaleString('en-GB')} rows have no ${c.name}`);
  return { key: [c.name], reasons: [distinct], todo };
}

/** Whether a source column holds ids: named like a key and holding whole numbers or codes, or found to point at another table. */
function isIdLike(profile: ColumnProfile, references: boolean): boolean {
  const last = nameWords(profile.name).plain.at(-1) ?? '';
  return references || (idWords.has(last) && (profile.type === 'integer' || profile.type === 'text') && (profile.length?.max ?? 0) <= 20);
}

// `HolderType` says which table the `HolderID` beside it points into
const kindWords = new Set(['type', 'kind', 'table', 'class']);
const idWords = new Set(['id', 'ref', 'key', 'code', 'no']);

/**
 * A source column that holds keys of several tables, told apart by a column beside it
 * (`HolderID` with `HolderType` = Landlord, Tenancy, Supplier), for a foreign key column
 * named after one of those values (`landlord_id`), or undefined.
 */
function sharedKeyColumn(source: TableProfile, column: TargetColumn): { from: string; when: { column: string; equals: string }; reason: string } | undefined {
  const wanted = nameWords(column.name).plain.filter((w) => !idWords.has(w)).join(' ');
  if (column.references === undefined || wanted === '') return undefined;
  for (const kind of source.columns) {
    const words = nameWords(kind.name).plain;
    if (!kindWords.has(words.at(-1) ?? '') || kind.personal || !kind.top.exact) continue;
    const prefix = words.slice(0, -1).join(' ');
    const keys = source.columns.find((c) => {
      const w = nameWords(c.name).plain;
      return c !== kind && idWords.has(w.at(-1) ?? '') && w.slice(0, -1).join(' ') === prefix;
    });
    const value = kind.top.values.map((t) => t.value.trim()).find((v) => nameWords(v).plain.join(' ') === wanted);
    if (keys && value !== undefined) {
      return { from: keys.name, when: { column: kind.name, equals: value }, reason: `${keys.name} holds keys of several tables; ${kind.name} = ${value} marks ${wanted}` };
    }
  }
  return undefined;
}

/** Whether `from` reaches `to` through lookups already chosen. */
function reaches(links: ReadonlyMap<string, Set<string>>, from: string, to: string, seen = new Set<string>()): boolean {
  if (from === to) return true;
  if (seen.has(from)) return false;
  seen.add(from);
  return [...(links.get(from) ?? [])].some((next) => reaches(links, next, to, seen));
}

/**
 * Suggests how a snapshot maps onto the target: for each target table the source table
 * that feeds it and its key, for each target column the source column and the rules, each
 * with a confidence and its reasons, by names (and their synonyms), types and the values'
 * patterns. Pure: the profiles and the target's tables come in, the suggestion goes out.
 */
export function suggestMapping(sources: readonly TableProfile[], targets: readonly TargetTable[]): MappingSuggestion {
  // references between source tables, read from the data
  const references = findReferences(sources);
  const tablePairs = targets.flatMap((t, a) => sources.map((s, b) => ({ a, b, ...pairTables(s, t, references.filter((r) => r.table === s.name).length) })));
  const tables = assign(tablePairs, 0.35);

  // the source table feeding each target table
  const referenceOf = (table: string, column: string) => references.find((r) => r.table === table && r.column === column);
  const feederOf = (target: string) => {
    const chosen = tables.get(targets.findIndex((t) => t.name === target));
    return chosen ? sources[chosen.b] : undefined;
  };

  // columns first, so lookups know which tables an entity feeds
  const matched = targets.map((target, a) => {
    const chosen = tables.get(a);
    if (!chosen) return undefined;
    const source = sources[chosen.b]!;
    const columns = mappedColumns(target);
    const sourceWords = source.columns.map((c) => nameWords(c.name));
    const targetWords = nameWords(target.name).words;
    const pairs = columns.flatMap((column, ca) =>
      source.columns.map((c, cb) => {
        const pair = { a: ca, b: cb, ...pairColumns(c, sourceWords[cb]!, column, targetWords) };
        // a foreign key is the column whose values are keys of the table feeding the one it points at, whatever its name
        const reference = column.references === undefined ? undefined : referenceOf(source.name, c.name);
        if (reference === undefined || reference.parent !== feederOf(column.references!)?.name) return pair;
        return { ...pair, score: Math.max(pair.score, 0.9), reasons: [`its values are keys of ${reference.parent}.${reference.parentColumn}`, `a key of ${column.references}`] };
      }),
    );
    const fields = assign(pairs, least);
    // a date field the names found nothing for takes the one column of dates no field reads
    const taken = new Set([...fields.values()].map((p) => p.b));
    columns.forEach((column, ca) => {
      if (fields.has(ca) || targetFamily(column.type) !== 'date' || column.references !== undefined) return;
      const left = source.columns.map((c, cb) => ({ c, cb })).filter(({ c, cb }) => !taken.has(cb) && c.type !== 'empty' && isDateColumn(c));
      if (left.length !== 1) return;
      const { c, cb } = left[0]!;
      taken.add(cb);
      fields.set(ca, { a: ca, b: cb, score: least, reasons: ['the only column of dates left', typeFit(c, column).reason], todo: `the names differ: ${c.name} is the only column of dates left; check it` });
    });
    return { source, chosen, fields };
  });
  const fed = new Map<string, string>();
  targets.forEach((t, i) => {
    if (matched[i] && matched[i].fields.size > 0) fed.set(t.name, t.name);
  });

  const links = new Map<string, Set<string>>();
  const entities = targets.map((target, a): EntitySuggestion => {
    const columns = mappedColumns(target);
    const generateId = target.columns.some((c) => c.name === 'id');
    const m = matched[a];
    if (!m || !fed.has(target.name)) {
      return {
        entity: target.name, table: target.name, key: [], keyReasons: [], keyTodo: [], generateId, unused: [],
        fields: columns.map((c) => ({ name: c.name, type: c.type, required: !c.nullable, reasons: [], rules: [], todo: [] })),
      };
    }
    const fields = columns.map((column, ca): FieldSuggestion => {
      const required = !column.nullable;
      const pair = m.fields.get(ca);
      const shared = pair ? undefined : sharedKeyColumn(m.source, column);
      if (!pair && !shared) {
        return { name: column.name, type: column.type, required, reasons: [], rules: [], todo: [`no source column looks like it${required ? '; the target requires a value' : ''}`] };
      }
      const profile = pair ? m.source.columns[pair.b]! : m.source.columns.find((c) => c.name === shared!.from)!;
      let lookup: { entity?: string; problem?: string } | undefined;
      const found: string[] = [];
      const reference = referenceOf(m.source.name, profile.name);
      // a reference the data shows where the target declares none
      const undeclared = column.references === undefined && reference !== undefined
        ? targets.find((t, i) => fed.has(t.name) && sources[tables.get(i)?.b ?? -1]?.name === reference.parent)?.name
        : undefined;
      if (undeclared !== undefined && !reaches(links, undeclared, target.name)) {
        lookup = { entity: undeclared };
        links.set(target.name, (links.get(target.name) ?? new Set()).add(undeclared));
        found.push(`the target declares no foreign key here, but every ${profile.name} is a key of ${reference!.parent}.${reference!.parentColumn}: looked up in ${undeclared}; check`);
      } else if (column.references === undefined && isIdLike(profile, reference !== undefined) && !idWords.has(nameWords(column.name).plain.at(-1) ?? '') && targetFamily(column.type) === 'text') {
        // a name, a title or a description is not filled from a column of ids
        const what = nameWords(column.name).plain.at(-1) ?? column.name;
        found.push(`${profile.name} holds ids (${profile.type}), but ${column.name} is a ${what}: take the ${what} from the table the ids point at, or map another column`);
      }
      if (column.references !== undefined) {
        const parent = fed.get(column.references);
        if (parent === undefined) lookup = { problem: `it points at table ${column.references}, which no source feeds` };
        // a row pointing at another of its own table (a contact's manager) is looked up once every row is loaded
        else if (parent === target.name) lookup = generateId ? { entity: parent } : { problem: `it points at ${parent} itself, whose rows get no new id to point at (no id column)` };
        else if (reaches(links, parent, target.name)) lookup = { problem: `a lookup in ${parent} would go round in a circle` };
        else {
          lookup = { entity: parent };
          links.set(target.name, (links.get(target.name) ?? new Set()).add(parent));
        }
      }
      const rules = suggestRules(profile, undeclared !== undefined && lookup?.entity !== undefined ? { ...column, references: undeclared } : column, lookup);
      if (shared) {
        return { name: column.name, type: column.type, required, from: shared.from, when: shared.when, confidence: 'medium', reasons: [shared.reason, ...rules.notes], rules: rules.rules, todo: [...found, ...rules.todo] };
      }
      const otherKind = found.length > 0 && undeclared === undefined;
      const confidence = otherKind ? 'low' : confidenceOf(pair!.score);
      const todo = [...(pair!.todo !== undefined ? [pair!.todo] : confidence === 'low' && !otherKind ? ['a weak match: check it'] : []), ...found, ...rules.todo];
      return { name: column.name, type: column.type, required, from: profile.name, confidence, reasons: [...pair!.reasons, ...rules.notes], rules: rules.rules, todo };
    });
    const used = new Set(fields.flatMap((f) => [f.from, f.when?.column]));
    let key = chooseKey(m.source);
    if (!generateId) {
      // a table without an id is keyed by what fills its primary key
      const fromKey = target.primaryKey.map((k) => fields.find((f) => f.name === k)?.from);
      if (fromKey.every((k): k is string => k !== undefined)) key = { key: fromKey, reasons: [`the columns that fill the target's primary key (${target.primaryKey.join(', ')})`], todo: [] };
    }
    return {
      entity: target.name, table: target.name,
      source: { table: m.source.name, confidence: confidenceOf(m.chosen.score), reasons: m.chosen.reasons },
      key: key.key, keyReasons: key.reasons, keyTodo: key.todo, generateId, fields,
      unused: m.source.columns.map((c) => c.name).filter((c) => !used.has(c) && !key.key.includes(c)),
    };
  });
  const read = new Set(entities.map((e) => e.source?.table));
  return { entities, unusedSources: sources.map((s) => s.name).filter((s) => !read.has(s)) };
}
