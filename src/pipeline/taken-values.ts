import { KeyTable } from '../core/key-table.js';
import { PackedTexts } from './packed-texts.js';

/**
 * Values by source key, held off the heap (a key table over packed texts): a mapped field
 * of every loaded parent row that some rule takes, or a column of a reference table of the
 * snapshot by its key column.
 */
export class TakenValues {
  readonly #index = new KeyTable();
  readonly #texts = new PackedTexts();

  /** Keeps `value` for `key`; with `firstWins`, a key kept already keeps its value. */
  set(key: string, value: string | null, firstWins = false): void {
    if (firstWins && this.#index.has(key)) return;
    this.#index.set(key, this.#texts.push(value));
  }

  /** The value kept for `key` (null: blank), or undefined when there is none. */
  get(key: string): string | null | undefined {
    const at = this.#index.get(key);
    return at === undefined || at === null ? undefined : this.#texts.get(at);
  }
}
