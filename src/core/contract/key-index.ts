// V8 refuses a Map or Set of more than 2^24 entries, so big files spread their keys over several
const defaultShardSize = 8_000_000;

/**
 * A Map from key to a number (the line a key was first seen on) that grows past the
 * engine's limit on one Map by filling one shard after another.
 */
export class KeyLines {
  private readonly shards: Map<string, number>[] = [new Map()];

  constructor(private readonly shardSize = defaultShardSize) {}

  get(key: string): number | undefined {
    for (const shard of this.shards) {
      const line = shard.get(key);
      if (line !== undefined) return line;
    }
    return undefined;
  }

  /** Adds a key not yet held. */
  add(key: string, line: number): void {
    let last = this.shards[this.shards.length - 1]!;
    if (last.size >= this.shardSize) this.shards.push((last = new Map()));
    last.set(key, line);
  }

  clear(): void {
    this.shards.length = 1;
    this.shards[0]!.clear();
  }
}

/** A Set of strings that grows past the engine's limit on one Set, shard by shard. */
export class KeySet {
  private readonly shards: Set<string>[] = [new Set()];

  constructor(private readonly shardSize = defaultShardSize) {}

  has(key: string): boolean {
    for (const shard of this.shards) if (shard.has(key)) return true;
    return false;
  }

  add(key: string): void {
    let last = this.shards[this.shards.length - 1]!;
    // one shard with room: a Set adds a value once by itself, so no lookup first
    if (this.shards.length === 1 && last.size < this.shardSize) {
      last.add(key);
      return;
    }
    if (this.has(key)) return;
    if (last.size >= this.shardSize) this.shards.push((last = new Set()));
    last.add(key);
  }
}
