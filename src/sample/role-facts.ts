import { rowRandom, streams, type SamplePlan } from './sample-plan.js';
import type { Random } from './random.js';

/** The role codes of the legacy CRM. */
export type RoleCode = 'APP' | 'VEN' | 'LL' | 'TEN';

/** One role row: the code, and the text the export writes (sometimes lower case or padded). */
export interface RoleRow {
  readonly code: RoleCode;
  readonly written: string;
}

// weighted so that landlords and tenants are common enough to find quickly
const WEIGHTED: readonly RoleCode[] = ['APP', 'APP', 'APP', 'APP', 'APP', 'APP', 'APP', 'TEN', 'TEN', 'TEN', 'TEN', 'TEN', 'LL', 'LL', 'LL', 'LL', 'LL', 'VEN', 'VEN', 'VEN'];

/** The code as the old system sometimes stored it: lower case or with spaces the spec trims. */
function writeCode(r: Random, code: RoleCode): string {
  const u = r.float();
  return u < 0.9 ? code : u < 0.94 ? code.toLowerCase() : u < 0.97 ? ` ${code}` : `${code.toLowerCase()} `;
}

/** The one to three distinct roles of a clean person; person 0 is a landlord, person 1 a tenant. */
export function personRoles(plan: SamplePlan, index: number): readonly RoleRow[] {
  if (index === 0) return [{ code: 'LL', written: 'LL' }];
  if (index === 1) return [{ code: 'TEN', written: 'TEN' }];
  const r = rowRandom(plan, streams.personRoles, index);
  const u = r.float();
  const count = u < 0.8 ? 1 : u < 0.95 ? 2 : 3;
  const codes: RoleCode[] = [];
  while (codes.length < count) {
    const code = r.pick(WEIGHTED);
    if (!codes.includes(code)) codes.push(code);
  }
  return codes.map((code) => ({ code, written: writeCode(r, code) }));
}

/** True when clean person `index` has role `code`. */
export function hasRole(plan: SamplePlan, index: number, code: RoleCode): boolean {
  return personRoles(plan, index).some((role) => role.code === code);
}

/**
 * The role rows of a near duplicate: only roles its original already has (one or two),
 * so every one merges into the original's row and none adds a role twice.
 */
export function nearDuplicateRoles(plan: SamplePlan, index: number, original: number): readonly { row: RoleRow; survivor: RoleRow }[] {
  const r = rowRandom(plan, streams.personRoles, index);
  const theirs = personRoles(plan, original);
  const take = theirs.length > 1 && r.chance(0.3) ? 2 : 1;
  return theirs.slice(0, take).map((survivor) => ({ row: { code: survivor.code, written: writeCode(r, survivor.code) }, survivor }));
}
