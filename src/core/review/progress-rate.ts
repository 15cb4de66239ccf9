/** One entity of a run in progress: rows done of the total, how fast, and how long is left. */
export interface EntityProgress {
  readonly entity: string;
  readonly done: number;
  readonly total: number;
  readonly finished: boolean;
  readonly rowsPerSecond: number | null;
  readonly secondsLeft: number | null;
}

/**
 * Rates per entity from checkpoints: an entity starts when the one before it in load
 * order last moved (or when the run started), and runs at the rows it has read over the
 * time since; what is left of it takes the rest at that rate.
 * @example progressRates([{ entity: 'person', total: 1000, rowsRead: 500, done: false, updatedAt: 10_000 }], 0, 10_000)
 */
export function progressRates(
  entities: readonly { entity: string; total: number; rowsRead: number; done: boolean; updatedAt: number | null }[],
  startedAt: number,
  now: number,
): EntityProgress[] {
  let since = startedAt;
  return entities.map((e) => {
    const started = since;
    if (e.updatedAt !== null) since = Math.max(since, e.updatedAt);
    const seconds = ((e.done ? (e.updatedAt ?? now) : now) - started) / 1000;
    const rate = e.rowsRead > 0 && seconds > 0 ? e.rowsRead / seconds : null;
    const left = e.done ? 0 : rate === null ? null : Math.max(0, e.total - e.rowsRead) / rate;
    return {
      entity: e.entity, done: e.rowsRead, total: e.total, finished: e.done,
      rowsPerSecond: rate === null ? null : Math.round(rate), secondsLeft: left === null ? null : Math.round(left),
    };
  });
}
