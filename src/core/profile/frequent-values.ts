/** A value and how often it was seen; `count` is a lower bound when the counter is approximate. */
export interface ValueCount {
  readonly value: string;
  readonly count: number;
}

/** The counter of one value while it is held, with room for a note its caller keeps about the value. */
export interface ValueCounter<Note> {
  n: number;
  note: Note | undefined;
}

/** Counts values exactly up to `bound` distinct ones, then keeps the frequent ones in bounded memory. */
export interface FrequentValues<Note = never> {
  /** Counts `value`; gives its counter while the value is held (a note on it lasts as long), undefined when it is not. */
  add(value: string): ValueCounter<Note> | undefined;
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
export function createFrequentValues<Note = never>(bound: number): FrequentValues<Note> {
  // a boxed count is bumped in place: one hash lookup per value instead of two
  const counts = new Map<string, ValueCounter<Note>>();
  // how many counters stand at 1: when all do, a round empties the map at once
  let ones = 0;
  let approximate = false;
  return {
    add(value) {
      const seen = counts.get(value);
      if (seen !== undefined) {
        if (seen.n++ === 1) ones--;
        return seen;
      }
      if (counts.size < bound) {
        const counter: ValueCounter<Note> = { n: 1, note: undefined };
        counts.set(value, counter);
        ones++;
        return counter;
      }
      // one decrement round: the new value and every counter lose one; O(1) amortised,
      // since no round can take away more than was added
      approximate = true;
      if (ones === counts.size) {
        counts.clear();
        ones = 0;
        return undefined;
      }
      ones = 0;
      counts.forEach((c, v) => {
        if (--c.n === 0) counts.delete(v);
        else if (c.n === 1) ones++;
      });
      return undefined;
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
