import { parentNotDelivered, parentNotImported } from '../core/ledger.js';
import { displayKey } from '../core/mapping/index.js';
import { KeyTable } from '../core/key-table.js';

/**
 * The rows of an entity that have a key but no target row (rejected, left out, refused by
 * the new system), each with its line and why: what a row pointing at one is told. Only
 * rows not loaded are kept, so it grows with the rejects, not with the source.
 */
export class NotLoadedRows {
  readonly #index = new KeyTable();
  /** -1: not known (a row the target refused) */
  readonly #lines: number[] = [];
  readonly #whys: string[] = [];

  /** Notes a row not loaded; a key noted again keeps its first note. */
  note(key: string, line: number, why: string): void {
    if (this.#index.has(key)) return;
    this.#index.set(key, this.#lines.length);
    this.#lines.push(line);
    this.#whys.push(why);
  }

  /** The row with this key that was not loaded: its line and why; undefined when none was noted. */
  get(key: string): { readonly line: number; readonly why: string } | undefined {
    const at = this.#index.get(key);
    return at === undefined || at === null ? undefined : { line: this.#lines[at]!, why: this.#whys[at]! };
  }
}

/**
 * Why a reference to `key` of `entity` finds no row, in words: the row was delivered but not
 * imported (with its line and reason), or the delivery has no such row at all.
 * @example missingParentWords('customer', 'customers.csv', 'C12', notes) // 'its customer "C12", line 12, was not imported: email: …'
 */
export function missingParentWords(entity: string, file: string, key: string, notes: NotLoadedRows | undefined): string {
  const row = notes?.get(key);
  const shown = displayKey(key);
  if (row === undefined) return `${parentNotDelivered} ${entity} "${shown}" in ${file}`;
  return `its ${entity} "${shown}"${row.line < 0 ? '' : `, line ${row.line},`} ${parentNotImported} ${row.why}`;
}
