/**
 * Counts wrong passwords per e-mail and per address over the last minute: the
 * eleventh within a minute is refused before the password is even checked.
 */
export interface LoginLimit {
  /** true while `keys` may try again at `now` */
  allows(keys: readonly string[], now: number): boolean;
  /** records a wrong password for each key */
  failed(keys: readonly string[], now: number): void;
}

/** A limit of `attempts` wrong passwords in `windowMs` per key, kept in memory. */
export function loginLimit(attempts = 10, windowMs = 60_000): LoginLimit {
  const failures = new Map<string, number[]>();
  const recent = (key: string, now: number): number[] => {
    const kept = (failures.get(key) ?? []).filter((t) => now - t < windowMs);
    if (kept.length === 0) failures.delete(key);
    else failures.set(key, kept);
    return kept;
  };
  return {
    allows: (keys, now) => keys.every((k) => recent(k, now).length < attempts),
    failed(keys, now) {
      for (const k of keys) failures.set(k, [...recent(k, now), now]);
    },
  };
}
