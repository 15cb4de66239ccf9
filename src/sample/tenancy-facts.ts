import { rowRandom, sourceId, streams, type SamplePlan } from './sample-plan.js';

/** What a tenancy row is: `clean` loads; an orphan names a property that never exists. */
export type TenancyKind = 'clean' | 'orphan' | 'impossible';

const FORCED: readonly TenancyKind[] = ['clean', 'orphan', 'impossible', 'clean'];

/** The TenancyID of row `index`: `T000001` for the first. */
export const tenancyId = (index: number): string => sourceId('T', index, 6);

/** The kind of tenancy row `index`: about 0.6% orphans and 0.5% impossible start dates. */
export function tenancyKind(plan: SamplePlan, index: number): TenancyKind {
  const forced = FORCED[index];
  if (forced !== undefined) return forced;
  const u = rowRandom(plan, streams.tenancyKind, index).float();
  return u < 0.006 ? 'orphan' : u < 0.011 ? 'impossible' : 'clean';
}

/** The first clean tenancy from `start` on, wrapping round; tenancy 0 is clean. */
export function findTenancy(plan: SamplePlan, start: number): number {
  for (let step = 0; step < plan.tenancies; step += 1) {
    const k = (start + step) % plan.tenancies;
    if (tenancyKind(plan, k) === 'clean') return k;
  }
  throw new Error('the sample has no clean tenancy; the forced first rows should prevent this');
}
