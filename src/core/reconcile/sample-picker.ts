import { hexDigest } from '../hex-digest.js';

/**
 * Keeps a reproducible random sample of `size` items: each key gets a rank from a hash of
 * the seed and the key, and the smallest ranks win. The same seed and keys give the same
 * sample whatever order the rows come in, and only `size` items are ever held.
 */
export class SamplePicker<T> {
  private readonly kept: { rank: string; item: T }[] = [];

  constructor(
    private readonly seed: number,
    private readonly size: number,
  ) {}

  /** Offers one item; it is kept when its rank is among the smallest so far. */
  offer(key: string, item: () => T): void {
    if (this.size <= 0) return;
    const rank = hexDigest('sha256', `${this.seed}\u001f${key}`).slice(0, 16);
    if (this.kept.length >= this.size && rank >= this.kept[this.kept.length - 1]!.rank) return;
    let at = this.kept.findIndex((k) => k.rank > rank);
    if (at === -1) at = this.kept.length;
    this.kept.splice(at, 0, { rank, item: item() });
    if (this.kept.length > this.size) this.kept.pop();
  }

  /** The sample, in rank order. */
  items(): T[] {
    return this.kept.map((k) => k.item);
  }
}
