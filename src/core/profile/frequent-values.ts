/** A value and how often it was seen; `count` is a lower bound when the counter is approximate. */
export interface ValueCount {
  readonly value: string;
  readonly count: number;
}

/** Counts values exactly up to `bound` distinct ones, then keeps the frequent ones in bounded memory. */
export interface FrequentValues {
  add(value: string): void;
  /** true once more than `bound` distinct values arrived (counts became Misra-Gries lower bounds) */
  readonly approximate: boolean;
  /** the number of distinct values, exact while not approximate */
  readonly size: number;
  /** The `n` most frequent values, most frequent first, ties by value. */
  top(n: number): ValueCount[];
}

/**
 * Makes a counter that is exact up to `bound` distinct values and then turns into
 * Misra-Gries with `bound` counters: any value seen more than N / (bound + 1) times is
 * kept, and each count undercounts by at most the number of decrement rounds.
 */
export function createFrequentValues(bound: number): FrequentValues {
  // a boxed count is bumped in place: one hash lookup per value instead of two
  const counts = new Map<string, { n: number }>();
  // how many counters stand at 1: when all do, a round empties the map at once
  let ones = 0;
  let approximate = false;
  return {
    add(value) {
      const seen = counts.get(value);
      if (seen !== undefined) {
        if (seen.n++ === 1) ones--;
      } else if (counts.size < bound) {
        counts.set(value, { n: 1 });
        ones++;
      } else {
        // one decrement round: the new value and every counter lose one; O(1) amortised,
        // since no round can take away more than was added
        approximate = true;
        if (ones === counts.size) {
          counts.clear();
          ones = 0;
          return;
        }
        ones = 0;
        counts.forEach((c, v) => {
          if (--c.n === 0) counts.delete(v);
          else if (c.n === 1) ones++;
        });
      }
    },
    get approximate() {
      return approximate;
    },
    get size() {
      return counts.size;
    },
    top(n) {
      return [...counts]
        .sort((a, b) => b[1].n - a[1].n || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
        .slice(0, n)
        .map(([value, count]) => ({ value, count: count.n }));
    },
  };
}
