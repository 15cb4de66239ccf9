import type { LedgerEntry } from '../core/ledger.js';
import type { KeyTable } from '../core/key-table.js';
import { missingParentWords, type NotLoadedRows } from './not-loaded-rows.js';
import { PackedTexts } from './packed-texts.js';

/**
 * The second pass of an entity that looks itself up (a member of staff's manager): what
 * fills in each reference once every row is loaded. Per field, the target ids to set and
 * the ids they point at; and the rows that point at a row that was not loaded, which are
 * orphans: taken out of the target again and rejected with their reason.
 */
export interface SelfResolution {
  /** the fields filled in, in entity order */
  readonly fields: readonly string[];
  /** per field: the rows' ids and the ids their references were given */
  readonly updates: readonly { readonly ids: readonly number[]; readonly refs: readonly number[] }[];
  /** orphans: their ids, source keys and lines, in source order */
  readonly orphans: { readonly ids: readonly number[]; readonly keys: readonly string[]; readonly lines: readonly number[] };
}

/**
 * The loaded rows of an entity that point at rows of the same entity, kept as they are
 * mapped (keys packed off the heap), and resolved through the key map once the entity is
 * loaded. Order does not matter, so any shape of references works: a tree, a chain, a row
 * pointing at itself, a circle of rows.
 */
export class SelfReferences {
  readonly #keys = new PackedTexts();
  readonly #refs: PackedTexts[];
  #lines = new Float64Array(256);
  /** per row, a bit per field: its reference went in with the row already */
  #filled = new Uint32Array(256);

  constructor(
    private readonly entity: string,
    private readonly file: string,
    private readonly fields: readonly string[],
  ) {
    this.#refs = fields.map(() => new PackedTexts());
  }

  /** A row mapped for the target, with the keys it points at, one per field (null: none), and whether each went in with the row. */
  add(key: string, line: number, refs: readonly (string | null)[], filled: readonly boolean[]): void {
    if (refs.every((ref) => ref === null)) return;
    const at = this.#keys.push(key);
    if (at === this.#lines.length) {
      const lines = new Float64Array(at * 2);
      lines.set(this.#lines);
      this.#lines = lines;
      const bits = new Uint32Array(at * 2);
      bits.set(this.#filled);
      this.#filled = bits;
    }
    this.#lines[at] = line;
    this.#filled[at] = filled.reduce((bits, f, i) => (f ? bits | (1 << i) : bits), 0);
    refs.forEach((ref, i) => this.#refs[i]!.push(ref));
  }

  /**
   * Resolves every reference through the entity's key map. A row pointing at a key with no
   * target row is an orphan: it leaves the key map (and is noted as not loaded, with why),
   * so the rows pointing at it become orphans in turn. Rows the target refused are no
   * longer in the key map and are skipped: they are accounted for already.
   */
  resolve(keyMap: KeyTable, notLoaded: NotLoadedRows): { resolution: SelfResolution; ledger: LedgerEntry[] } {
    const n = this.#keys.length;
    const orphan = new Uint8Array(n);
    const ledger: LedgerEntry[] = [];
    const orphans = { ids: [] as number[], keys: [] as string[], lines: [] as number[] };
    // a pass finds the orphans whose parent went missing in the pass before; rows usually
    // follow their parents in a file, so one pass finds most, and the last finds none
    for (let changed = true; changed; ) {
      changed = false;
      for (let i = 0; i < n; i++) {
        if (orphan[i] === 1) continue;
        const key = this.#keys.get(i)!;
        const id = keyMap.get(key);
        if (id === undefined || id === null) continue;
        const missing = this.#refs.findIndex((refs) => {
          const ref = refs.get(i);
          return ref !== null && (keyMap.get(ref) ?? null) === null;
        });
        if (missing < 0) continue;
        orphan[i] = 1;
        changed = true;
        const ref = this.#refs[missing]!.get(i)!;
        const field = this.fields[missing]!;
        const line = this.#lines[i]!;
        const message = `${field}: ${missingParentWords(this.entity, this.file, ref, notLoaded)}`;
        keyMap.delete(key);
        notLoaded.note(key, line, message);
        orphans.ids.push(id);
        orphans.keys.push(key);
        orphans.lines.push(line);
        ledger.push({ entity: this.entity, file: this.file, line, sourceKey: key, outcome: 'rejected', reason: 'orphan', field, value: ref, message, survivorKey: null });
      }
    }
    const updates = this.#refs.map((refs, field) => {
      const ids: number[] = [];
      const targets: number[] = [];
      for (let i = 0; i < n; i++) {
        // a reference that went in with its row needs no second write
        if (orphan[i] === 1 || (this.#filled[i]! & (1 << field)) !== 0) continue;
        const ref = refs.get(i);
        if (ref === null) continue;
        const id = keyMap.get(this.#keys.get(i)!);
        if (id === undefined || id === null) continue;
        ids.push(id);
        targets.push(keyMap.get(ref)!);
      }
      return { ids, refs: targets };
    });
    // the ledger in source order, as the rest of it
    const order = ledger.map((_, i) => i).sort((a, b) => ledger[a]!.line - ledger[b]!.line);
    return {
      resolution: { fields: this.fields, updates, orphans: { ids: order.map((i) => orphans.ids[i]!), keys: order.map((i) => orphans.keys[i]!), lines: order.map((i) => orphans.lines[i]!) } },
      ledger: order.map((i) => ledger[i]!),
    };
  }
}
