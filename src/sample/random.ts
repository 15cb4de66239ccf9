/** Mixes 32 bits so that nearby inputs give unrelated outputs (the murmur3 finaliser). */
function mix32(value: number): number {
  let x = value | 0;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

/**
 * A small seeded generator (mulberry32). Every sample row owns one, seeded from
 * (seed, stream, index), so any row can be recomputed without remembering the others.
 */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed | 0;
  }

  /** The next unsigned 32-bit number. */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** A number in [0, 1). */
  float(): number {
    return this.next() / 4294967296;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.float() * n);
  }

  /** An integer in [low, high], both included. */
  between(low: number, high: number): number {
    return low + this.int(high - low + 1);
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.float() < p;
  }

  /** One element of a non-empty list. */
  pick<T>(list: readonly T[]): T {
    return list[this.int(list.length)] as T;
  }
}

/**
 * The generator of one row of one stream: a pure function of its three numbers.
 * @example randomFor(7, 2, 41).int(10) // the same digit on every call
 */
export function randomFor(seed: number, stream: number, index: number): Random {
  return new Random(mix32(mix32(mix32(seed) ^ Math.imul(stream, 0x9e3779b9)) ^ mix32(index + 0x632be5ab)));
}
