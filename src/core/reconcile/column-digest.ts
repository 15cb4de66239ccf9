/**
 * An order-free fingerprint of a column: the sum, modulo 2^32, of two FNV-1a hashes of
 * each (id, value) pair. Equal columns give equal fingerprints whatever order the rows
 * are read in; one changed value changes it.
 */
export class ColumnDigest {
  private a = 0;
  private b = 0;

  /** Adds one row's value. */
  add(id: string, value: string | null): void {
    const text = `${id}\u001f${value ?? '\u0000'}`;
    let h1 = 0x811c9dc5;
    let h2 = 0x01000193;
    for (let i = 0; i < text.length; i += 1) {
      const c = text.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    }
    this.a = (this.a + (h1 >>> 0)) >>> 0;
    this.b = (this.b + (h2 >>> 0)) >>> 0;
  }

  /** The digest of this column's rows and `other`'s together. */
  plus(other: ColumnDigest): ColumnDigest {
    const sum = new ColumnDigest();
    sum.a = (this.a + other.a) >>> 0;
    sum.b = (this.b + other.b) >>> 0;
    return sum;
  }

  /** The fingerprint as 16 hex digits. */
  hex(): string {
    return this.a.toString(16).padStart(8, '0') + this.b.toString(16).padStart(8, '0');
  }
}
