import { rowRandom, sourceId, streams, type SamplePlan } from './sample-plan.js';

/** What a diary row is: `clean` loads; the others carry one defect that keeps it out. */
export type DiaryKind = 'clean' | 'blank' | 'duplicate' | 'ragged' | 'impossible';

const FORCED: readonly DiaryKind[] = ['clean', 'blank', 'duplicate', 'ragged', 'impossible'];

/** The EntryID of row `index`: `D0000001` for the first. */
export const diaryId = (index: number): string => sourceId('D', index, 7);

/** The kind of diary row `index`: about 0.5% each blank key, duplicate key, ragged row, impossible date. */
export function diaryKind(plan: SamplePlan, index: number): DiaryKind {
  const forced = FORCED[index];
  if (forced !== undefined) return forced;
  const u = rowRandom(plan, streams.diaryKind, index).float();
  if (u >= 0.02) return 'clean';
  return u < 0.005 ? 'blank' : u < 0.01 ? 'duplicate' : u < 0.015 ? 'ragged' : 'impossible';
}

/** The earlier clean entry whose id a duplicate-key row reuses; entry 0 is clean, so the walk ends. */
export function earlierEntry(plan: SamplePlan, index: number): number {
  const r = rowRandom(plan, streams.diaryKind, index);
  r.float();
  for (let k = r.int(index); k > 0; k -= 1) {
    if (diaryKind(plan, k) === 'clean') return k;
  }
  return 0;
}
