import { hash32 } from './string-hash.js';

/**
 * Source keys to numbers (a target id, a line), held outside the JavaScript heap: an
 * open-addressing hash table over typed arrays, the keys' characters packed in one
 * array. A run keeps every key children look up for the whole run; as a Map those cost
 * about ten times the memory and grow the heap the garbage collector walks.
 */
export class KeyTable {
  #slots = new Int32Array(1024);
  #hashes = new Uint32Array(512);
  #starts = new Float64Array(512);
  #lengths = new Uint32Array(512);
  #values = new Float64Array(512);
  #chars = new Uint16Array(4096);
  #used = 0;
  #count = 0;
  #charsUsed = 0;

  /** How many keys it holds. */
  get size(): number {
    return this.#count;
  }

  /** The number kept for `key`: null when it was set to null, undefined when absent. */
  get(key: string): number | null | undefined {
    const entry = this.#find(key, hash32(key));
    if (entry < 0) return undefined;
    const value = this.#values[entry]!;
    return Number.isNaN(value) ? null : value;
  }

  has(key: string): boolean {
    return this.#find(key, hash32(key)) >= 0;
  }

  set(key: string, value: number | null): void {
    const hash = hash32(key);
    const found = this.#find(key, hash);
    if (found >= 0) {
      this.#values[found] = value ?? Number.NaN;
      return;
    }
    this.#insert(key, hash, value);
  }

  /**
   * Keeps `value` for `key` unless the key is held already, in one look-up: returns the
   * number held before (null when set to null), or undefined when the key was new.
   */
  setFirst(key: string, value: number | null): number | null | undefined {
    const hash = hash32(key);
    const found = this.#find(key, hash);
    if (found < 0) {
      this.#insert(key, hash, value);
      return undefined;
    }
    const held = this.#values[found]!;
    return Number.isNaN(held) ? null : held;
  }

  #insert(key: string, hash: number, value: number | null): void {
    if ((this.#used + 1) * 2 > this.#slots.length) this.#grow();
    const entry = this.#used++;
    this.#ensureEntries(entry + 1);
    this.#ensureChars(this.#charsUsed + key.length);
    for (let i = 0; i < key.length; i++) this.#chars[this.#charsUsed + i] = key.charCodeAt(i);
    this.#hashes[entry] = hash;
    this.#starts[entry] = this.#charsUsed;
    this.#lengths[entry] = key.length;
    this.#values[entry] = value ?? Number.NaN;
    this.#charsUsed += key.length;
    this.#place(entry, hash);
    this.#count++;
  }

  /** Forgets every key and gives back the memory they held. */
  clear(): void {
    this.#slots = new Int32Array(1024);
    this.#hashes = new Uint32Array(512);
    this.#starts = new Float64Array(512);
    this.#lengths = new Uint32Array(512);
    this.#values = new Float64Array(512);
    this.#chars = new Uint16Array(4096);
    this.#used = 0;
    this.#count = 0;
    this.#charsUsed = 0;
  }

  /** Forgets `key`; its slot stays as a tombstone until the table grows. */
  delete(key: string): boolean {
    const hash = hash32(key);
    const mask = this.#slots.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const held = this.#slots[slot]!;
      if (held === 0) return false;
      if (held > 0 && this.#matches(held - 1, key, hash)) {
        this.#slots[slot] = -1;
        this.#count--;
        return true;
      }
    }
  }

  /** Every key with its number, in the order first set. */
  *entries(): IterableIterator<[string, number | null]> {
    const live = new Set<number>();
    for (const held of this.#slots) if (held > 0) live.add(held - 1);
    for (let entry = 0; entry < this.#used; entry++) {
      if (!live.has(entry)) continue;
      const value = this.#values[entry]!;
      yield [this.#keyOf(entry), Number.isNaN(value) ? null : value];
    }
  }

  *keys(): IterableIterator<string> {
    for (const [key] of this.entries()) yield key;
  }

  #find(key: string, hash: number): number {
    const mask = this.#slots.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const held = this.#slots[slot]!;
      if (held === 0) return -1;
      if (held > 0 && this.#matches(held - 1, key, hash)) return held - 1;
    }
  }

  #matches(entry: number, key: string, hash: number): boolean {
    if (this.#hashes[entry] !== hash || this.#lengths[entry] !== key.length) return false;
    const start = this.#starts[entry]!;
    for (let i = 0; i < key.length; i++) if (this.#chars[start + i] !== key.charCodeAt(i)) return false;
    return true;
  }

  #place(entry: number, hash: number): void {
    const mask = this.#slots.length - 1;
    let slot = hash & mask;
    while (this.#slots[slot] !== 0) slot = (slot + 1) & mask;
    this.#slots[slot] = entry + 1;
  }

  /** Doubles the slots and places the live entries again, dropping tombstones. */
  #grow(): void {
    const old = this.#slots;
    this.#slots = new Int32Array(old.length * 2);
    for (const held of old) if (held > 0) this.#place(held - 1, this.#hashes[held - 1]!);
  }

  #ensureEntries(n: number): void {
    if (n <= this.#hashes.length) return;
    const size = this.#hashes.length * 2;
    this.#hashes = grown(this.#hashes, new Uint32Array(size));
    this.#starts = grown(this.#starts, new Float64Array(size));
    this.#lengths = grown(this.#lengths, new Uint32Array(size));
    this.#values = grown(this.#values, new Float64Array(size));
  }

  #ensureChars(n: number): void {
    let size = this.#chars.length;
    while (size < n) size *= 2;
    if (size !== this.#chars.length) this.#chars = grown(this.#chars, new Uint16Array(size));
  }

  #keyOf(entry: number): string {
    const start = this.#starts[entry]!;
    return String.fromCharCode(...this.#chars.subarray(start, start + this.#lengths[entry]!));
  }
}

function grown<T extends Uint32Array | Float64Array | Uint16Array>(from: T, to: T): T {
  to.set(from as never);
  return to;
}
