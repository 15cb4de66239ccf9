import { rowRandom, sourceId, streams, type SamplePlan } from './sample-plan.js';

/** The legacy statuses of a property. */
export type PropertyStatus = 'For Sale' | 'To Let' | 'Let' | 'Sold' | 'Withdrawn';

/** What children need to know of a property row: whether its key is blank, and its status. */
export interface PropertyFacts {
  readonly blank: boolean;
  readonly status: PropertyStatus;
}

// row 0 is for sale (its £ price makes the file Windows-1252 from line 2), row 1 to let, row 2 has no key
const FORCED: readonly PropertyFacts[] = [
  { blank: false, status: 'For Sale' },
  { blank: false, status: 'To Let' },
  { blank: true, status: 'For Sale' },
];

/** The PropertyID of row `index`: `PR000001` for the first. */
export const propertyId = (index: number): string => sourceId('PR', index, 6);

/** The facts of property row `index`: about 0.6% have a blank key. */
export function propertyFacts(plan: SamplePlan, index: number): PropertyFacts {
  const forced = FORCED[index];
  if (forced !== undefined) return forced;
  const r = rowRandom(plan, streams.propertyKind, index);
  const blank = r.chance(0.006);
  const u = r.float();
  const status: PropertyStatus = u < 0.3 ? 'For Sale' : u < 0.55 ? 'To Let' : u < 0.8 ? 'Let' : u < 0.92 ? 'Sold' : 'Withdrawn';
  return { blank, status };
}

/** True for a status that has a landlord and a rent. */
export const isLetting = (status: PropertyStatus): boolean => status === 'To Let' || status === 'Let';

/** The first property with a key from `start` on (wrapping round) whose status `accepts` takes. */
export function findProperty(plan: SamplePlan, start: number, accepts: (status: PropertyStatus) => boolean): number {
  for (let step = 0; step < plan.properties; step += 1) {
    const k = (start + step) % plan.properties;
    const facts = propertyFacts(plan, k);
    if (!facts.blank && accepts(facts.status)) return k;
  }
  throw new Error('the sample has no property that fits; the forced first rows should prevent this');
}
