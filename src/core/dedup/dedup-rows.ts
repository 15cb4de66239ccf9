import type { DedupSpec } from './dedup-spec.js';
import { soundKey } from './similarity.js';
import { valueKey } from './value-keys.js';

/**
 * The rows of one entity made ready for comparison: per comparison, each row's comparable
 * value and, for names, its sound key. Kept column by column, one array per comparison.
 */
export interface DedupRows {
  /** source keys, in the order rows were added */
  readonly keys: readonly string[];
  /** per comparison, per row */
  readonly values: readonly (readonly (string | null)[])[];
  /** per comparison, per row; empty for comparisons that are not of names */
  readonly sounds: readonly (readonly (string | null)[])[];
  /** per comparison, per row, what the file held; empty unless asked for */
  readonly raw: readonly (readonly string[])[];
}

/** Collects rows one at a time, so the caller can stream them. */
export interface DedupRowsBuilder {
  /** Adds a row by its source key and its raw values, one per comparison in spec order. */
  add(key: string, values: readonly string[]): void;
  readonly rows: DedupRows;
}

/** Starts the prepared rows of an entity; `keepRaw` keeps what the file held too, for a page to show. */
export function dedupRowsBuilder(spec: DedupSpec, keepRaw = false): DedupRowsBuilder {
  const keys: string[] = [];
  const values = spec.compare.map((): (string | null)[] => []);
  const sounds = spec.compare.map((): (string | null)[] => []);
  const raw = spec.compare.map((): string[] => []);
  const named = spec.compare.map((c) => c.kind === 'name' || c.kind === 'sound');
  // the same names come back again and again: each is keyed once
  const soundCache = new Map<string, string | null>();
  // the same name written the same way is one string, not one per row
  const nameCache = new Map<string, string | null>();
  const name = (text: string): string | null => {
    let found = nameCache.get(text);
    if (found === undefined) {
      found = valueKey('name', text);
      nameCache.set(text, found);
    }
    return found;
  };
  const sound = (name: string): string | null => {
    let found = soundCache.get(name);
    if (found === undefined) {
      found = soundKey(name);
      soundCache.set(name, found);
    }
    return found;
  };
  return {
    add(key, row) {
      keys.push(key);
      spec.compare.forEach((c, i) => {
        const text = row[i] ?? '';
        const value = named[i] ? name(text) : valueKey(c.kind, text);
        values[i]!.push(value);
        if (keepRaw) raw[i]!.push(text);
        if (named[i]) sounds[i]!.push(value === null ? null : sound(value));
      });
    },
    rows: { keys, values, sounds, raw },
  };
}

/** The key a row gives one comparison for blocking: a name's sound, anything else's comparable value. */
export function blockingValue(rows: DedupRows, comparison: number, row: number): string | null {
  const sounds = rows.sounds[comparison]!;
  return sounds.length > 0 ? sounds[row]! : rows.values[comparison]![row]!;
}
