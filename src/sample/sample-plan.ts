import { randomFor, type Random } from './random.js';

/** How many rows each file gets; roles follow from the people (about 1.2 each). */
export interface SamplePlan {
  readonly seed: number;
  readonly rows: number;
  readonly people: number;
  readonly suppliers: number;
  readonly properties: number;
  readonly tenancies: number;
  readonly diary: number;
  readonly balances: number;
}

/** The independent random streams; one per concern, so cheap facts never pay for content. */
export const streams = {
  personKind: 1,
  personName: 2,
  personDetail: 3,
  personRoles: 4,
  supplier: 5,
  propertyKind: 6,
  property: 7,
  tenancyKind: 8,
  tenancy: 9,
  diaryKind: 10,
  diary: 11,
  balance: 12,
} as const;

/** The smallest export rows allowed and the largest. */
export const rowLimits = { min: 100, max: 10_000_000 } as const;

/**
 * Splits about `rows` rows over the files: people 25% (their roles about 30%), suppliers
 * 1%, properties 12%, tenancies 10%, diary 15%, balances 7%. The minimums leave room for
 * the defects planted at fixed early rows, so every kind appears even at 100 rows.
 */
export function samplePlan(rows: number, seed: number): SamplePlan {
  const share = (fraction: number, min: number) => Math.max(min, Math.round(rows * fraction));
  return {
    seed,
    rows,
    people: share(0.25, 10),
    suppliers: share(0.01, 3),
    properties: share(0.12, 6),
    tenancies: share(0.1, 5),
    diary: share(0.15, 8),
    balances: share(0.07, 5),
  };
}

/** The generator of row `index` of `stream` in this plan. */
export function rowRandom(plan: SamplePlan, stream: number, index: number): Random {
  return randomFor(plan.seed, stream, index);
}

/** `prefix` and a 1-based number padded to `digits`, e.g. `P0000001`. */
export function sourceId(prefix: string, index: number, digits: number): string {
  return prefix + String(index + 1).padStart(digits, '0');
}
