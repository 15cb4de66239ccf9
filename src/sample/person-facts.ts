import { rowRandom, sourceId, streams, type SamplePlan } from './sample-plan.js';
import { emailDomains, forenames, surnames, titles } from './word-lists.js';

/**
 * What a people row is: `clean` loads (and may carry repaired defects); the others carry
 * exactly one defect that keeps the row out of the target.
 */
export type PersonKind = 'clean' | 'test' | 'blank' | 'duplicate' | 'near-duplicate' | 'impossible';

/** The name and email of a people row; email is '' when the person has none. */
export interface PersonIdentity {
  readonly title: string;
  readonly forename: string;
  readonly surname: string;
  readonly email: string;
}

// the first rows carry one of each defect, so even 100 rows show every kind
const FORCED: readonly PersonKind[] = ['clean', 'clean', 'test', 'blank', 'duplicate', 'near-duplicate', 'impossible'];

/** The PersonID of row `index`: `P0000001` for the first. */
export const personId = (index: number): string => sourceId('P', index, 7);

/** The kind of people row `index`: about 0.4% each test, blank key, duplicate key and impossible date, 0.8% near duplicates. */
export function personKind(plan: SamplePlan, index: number): PersonKind {
  const forced = FORCED[index];
  if (forced !== undefined) return forced;
  const u = rowRandom(plan, streams.personKind, index).float();
  if (u >= 0.024) return 'clean';
  if (u < 0.004) return 'test';
  if (u < 0.008) return 'blank';
  if (u < 0.012) return 'duplicate';
  if (u < 0.02) return 'near-duplicate';
  return 'impossible';
}

/**
 * The earlier clean person a duplicate-key row reuses the id of, or a near duplicate
 * copies (then one with an email, so the merge on email finds it). Person 0 is clean
 * with an email, so the walk down always ends.
 */
export function earlierPerson(plan: SamplePlan, index: number): number {
  const r = rowRandom(plan, streams.personKind, index);
  r.float();
  const needsEmail = personKind(plan, index) === 'near-duplicate';
  for (let k = r.int(index); k > 0; k -= 1) {
    if (personKind(plan, k) === 'clean' && (!needsEmail || personIdentity(plan, k).email !== '')) return k;
  }
  return 0;
}

/** Letters only, without accents, for email addresses: `Zoë` -> `zoe`, `O'Brien` -> `obrien`. */
function emailPart(name: string): string {
  return name.normalize('NFD').replace(/\p{M}/gu, '').replace(/[Łł]/g, 'l').toLowerCase().replace(/[^a-z-]/g, '');
}

/**
 * The name and email of people row `index` as first typed. Emails end in the row number,
 * so no two people share one; test records have the surname TEST in some case.
 */
export function personIdentity(plan: SamplePlan, index: number): PersonIdentity {
  const r = rowRandom(plan, streams.personName, index);
  const title = r.pick(titles);
  const forename = r.pick(forenames);
  const surname = r.pick(surnames);
  const hasEmail = r.chance(0.9) || index < 2;
  const style = r.int(3);
  const domain = r.pick(emailDomains);
  const n = index + 1;
  if (personKind(plan, index) === 'test') {
    return { title: '', forename: r.pick(['Training', 'Demo', 'Staff']), surname: r.pick(['TEST', 'Test', 'test']), email: `training${n}@harbourhart.example` };
  }
  const f = emailPart(forename);
  const s = emailPart(surname);
  const local = style === 0 ? `${f}.${s}` : style === 1 ? `${f.charAt(0)}${s}` : `${s}.${f}`;
  return { title, forename, surname, email: hasEmail ? `${local}${n}@${domain}` : '' };
}

/**
 * The same person typed in again: the email differs only in case or surrounding spaces
 * (so the spec's merge on trimmed, lower-cased email finds the original), the forename
 * has a typo, a different case, or only its initial.
 */
export function nearDuplicateIdentity(plan: SamplePlan, index: number, original: number): PersonIdentity {
  const r = rowRandom(plan, streams.personName, index);
  const base = personIdentity(plan, original);
  const emailStyle = r.int(4);
  const email =
    emailStyle === 0 ? base.email.toUpperCase()
    : emailStyle === 1 ? ` ${base.email}`
    : emailStyle === 2 ? `${base.email.charAt(0).toUpperCase()}${base.email.slice(1)}  `
    : ` ${base.email.replace(/^[a-z]/, (c) => c.toUpperCase())} `;
  return { title: r.chance(0.5) ? base.title : r.pick(titles), forename: misspell(r.int(5), r.float(), base.forename), surname: base.surname, email };
}

/** A typo (two letters swapped or one dropped), the name in capitals or lower case, or its initial alone. */
function misspell(how: number, where: number, name: string): string {
  const letters = [...name];
  if (how === 3) return `${letters[0] ?? ''}.`;
  if (how === 4) return name.toLowerCase();
  if (how === 0 || letters.length < 4) return name.toUpperCase();
  const at = 1 + Math.floor(where * (letters.length - 2));
  if (how === 1) {
    [letters[at - 1], letters[at]] = [letters[at] as string, letters[at - 1] as string];
  } else {
    letters.splice(at, 1);
  }
  return letters.join('');
}

/**
 * The first person from `start` on (wrapping round) that `accepts` takes, given its
 * kind: how a child names a parent by recomputing facts instead of remembering them.
 * Person 0 is clean, so a search that takes any clean person always ends.
 */
export function findPerson(plan: SamplePlan, start: number, accepts: (index: number, kind: PersonKind) => boolean): number {
  for (let step = 0; step < plan.people; step += 1) {
    const k = (start + step) % plan.people;
    if (accepts(k, personKind(plan, k))) return k;
  }
  throw new Error('the sample has no person that fits; the forced first rows should prevent this');
}
