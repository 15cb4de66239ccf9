import { KeyTable } from '../core/key-table.js';
import { PackedTexts } from './packed-texts.js';

/** The row a merge key was first written as: its source key and target id. */
export interface Survivor {
  readonly id: number | null;
  readonly key: string;
}

/**
 * Survivors by merge key, held off the heap (a key table over packed texts). An entity
 * that merges keeps one for each row it writes until its last row; as a Map of strings
 * and objects that grew the heap by about 100 MB per million rows.
 */
export class SurvivorTable {
  readonly #index = new KeyTable();
  readonly #keys = new PackedTexts();
  #ids = new Float64Array(1024);

  /** The survivor written first with `mergeKey`, or undefined. */
  get(mergeKey: string): Survivor | undefined {
    const at = this.#index.get(mergeKey);
    if (at === undefined || at === null) return undefined;
    const id = this.#ids[at]!;
    return { id: Number.isNaN(id) ? null : id, key: this.#keys.get(at)! };
  }

  /** Keeps `survivor` for `mergeKey`. */
  set(mergeKey: string, survivor: Survivor): void {
    const at = this.#keys.push(survivor.key);
    if (at === this.#ids.length) {
      const ids = new Float64Array(at * 2);
      ids.set(this.#ids);
      this.#ids = ids;
    }
    this.#ids[at] = survivor.id ?? Number.NaN;
    this.#index.set(mergeKey, at);
  }
}
