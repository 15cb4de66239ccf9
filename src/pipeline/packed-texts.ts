/**
 * A growing list of texts (or nulls) held outside the JavaScript heap: the characters packed
 * in one typed array, as the key table keeps its keys. Far cheaper than an array of strings
 * when a run must keep a text per source row.
 */
export class PackedTexts {
  #chars = new Uint16Array(4096);
  #starts = new Float64Array(256);
  /** -1 for null */
  #lengths = new Int32Array(256);
  #count = 0;
  #charsUsed = 0;

  get length(): number {
    return this.#count;
  }

  /** Appends a text and returns its index. */
  push(text: string | null): number {
    if (this.#count === this.#starts.length) {
      this.#starts = grown(this.#starts, new Float64Array(this.#count * 2));
      this.#lengths = grown(this.#lengths, new Int32Array(this.#count * 2));
    }
    const at = this.#count++;
    this.#starts[at] = this.#charsUsed;
    this.#lengths[at] = text === null ? -1 : text.length;
    if (text === null) return at;
    if (this.#charsUsed + text.length > this.#chars.length) {
      let size = this.#chars.length * 2;
      while (size < this.#charsUsed + text.length) size *= 2;
      this.#chars = grown(this.#chars, new Uint16Array(size));
    }
    for (let i = 0; i < text.length; i++) this.#chars[this.#charsUsed + i] = text.charCodeAt(i);
    this.#charsUsed += text.length;
    return at;
  }

  /** The text at `index`. */
  get(index: number): string | null {
    const length = this.#lengths[index]!;
    if (length < 0) return null;
    const start = this.#starts[index]!;
    // in slices: a spread of a very long text would overflow the call stack
    let text = '';
    for (let from = start; from < start + length; from += 8192) {
      text += String.fromCharCode(...this.#chars.subarray(from, Math.min(start + length, from + 8192)));
    }
    return text;
  }
}

function grown<T extends Float64Array | Int32Array | Uint16Array>(from: T, to: T): T {
  to.set(from as never);
  return to;
}
