import { dateText } from './date-text.js';
import { canonicalMoney } from './money-text.js';
import { findPerson, personId } from './person-facts.js';
import { findProperty, isLetting, propertyId } from './property-facts.js';
import type { Random } from './random.js';
import { hasRole } from './role-facts.js';
import { sourceId, type SamplePlan } from './sample-plan.js';
import { tenancyId } from './tenancy-facts.js';
import { emailDomains, forenames, postcodeAreas, propertyTypes, streets, surnames, titles, towns } from './word-lists.js';

/** How many rows of each kind a later export adds, and where their numbers start. */
export interface NewRows {
  readonly plan: SamplePlan;
  /** the first day after the earlier export and the later export's day */
  readonly firstDay: number;
  readonly day: number;
  readonly people: number;
  readonly properties: number;
  readonly tenancies: number;
  readonly diary: number;
}

// new properties and tenancies are numbered past the numbers orphans name, so no orphan finds a parent
export const newPropertyId = (n: NewRows, j: number): string => propertyId(2 * n.plan.properties + 1000 + j);
export const newTenancyId = (n: NewRows, j: number): string => tenancyId(2 * n.plan.tenancies + 1000 + j);
export const newPersonId = (n: NewRows, j: number): string => personId(n.plan.people + j);

const ROLES = ['TEN', 'APP', 'LL', 'VEN'] as const;
/** The one role of new person `j`: a tenant, applicant, landlord or vendor in turn. */
export const newRole = (j: number): string => ROLES[j % ROLES.length]!;

const ascii = (name: string) => name.normalize('NFD').replace(/\p{M}/gu, '').replace(/[Łł]/g, 'l').toLowerCase().replace(/[^a-z-]/g, '');
const during = (n: NewRows, r: Random) => dateText(n.firstDay + r.int(n.day - n.firstDay + 1), 'dd/MM/yyyy').text;
const rent = (r: Random) => r.between(900, 7000) * 50;

/** New person `j`: typed in cleanly since the earlier export. */
export function newPerson(n: NewRows, j: number, r: Random): string[] {
  const forename = r.pick(forenames);
  const surname = r.pick(surnames);
  const index = n.plan.people + j;
  return [newPersonId(n, j), r.pick(titles), forename, surname, `${ascii(forename)}.${ascii(surname)}${index + 1}@${r.pick(emailDomains)}`, `07${r.between(100, 999)} ${r.between(100_000, 999_999)}`, during(n, r), ''];
}

/** A landlord for new property `j`: a new person who is one when there is such, else an existing one. */
function landlord(n: NewRows, j: number, r: Random): string {
  const mine = 4 * j + 2;
  if (mine < n.people) return newPersonId(n, mine);
  return personId(findPerson(n.plan, r.int(n.plan.people), (p, k) => k === 'clean' && hasRole(n.plan, p, 'LL')));
}

/** New property `j`: to let. */
export function newProperty(n: NewRows, j: number, r: Random): string[] {
  const postcode = `${r.pick(postcodeAreas)}${r.between(1, 20)} ${r.int(10)}AB`;
  return [newPropertyId(n, j), landlord(n, j, r), `${r.between(1, 180)} ${r.pick(streets)}`, r.pick(towns), postcode, r.pick(propertyTypes), 'To Let', '', canonicalMoney(rent(r))];
}

/** New tenancy `j`: of a new property while there are new ones (else an existing letting one), for a new tenant while there are new ones. */
export function newTenancy(n: NewRows, j: number, r: Random): string[] {
  const property = j < n.properties ? newPropertyId(n, j) : propertyId(findProperty(n.plan, r.int(n.plan.properties), isLetting));
  const tenant = 4 * j < n.people ? newPersonId(n, 4 * j) : personId(findPerson(n.plan, r.int(n.plan.people), (p, k) => k === 'clean' && hasRole(n.plan, p, 'TEN')));
  const pence = rent(r);
  return [newTenancyId(n, j), property, tenant, during(n, r), '', canonicalMoney(pence), canonicalMoney(Math.floor((pence * 60 + 26) / 52)), 'Current'];
}

/** New diary entry `j`: a viewing, every other one of a new property. */
export function newDiaryEntry(n: NewRows, j: number, r: Random): string[] {
  const property = j % 2 === 0 && j / 2 < n.properties ? newPropertyId(n, j / 2) : propertyId(findProperty(n.plan, r.int(n.plan.properties), () => true));
  const person = r.chance(0.5) ? personId(findPerson(n.plan, r.int(n.plan.people), (_, k) => k === 'clean')) : '';
  return [sourceId('D', n.plan.diary + j, 7), 'Viewing', property, person, during(n, r), `${String(r.between(9, 18)).padStart(2, '0')}:30`, ''];
}

/** New balance `j`: the deposit of new tenancy `j`. */
export function newBalance(n: NewRows, j: number, r: Random): string[] {
  return [sourceId('A', n.plan.balances + j, 6), 'Deposit', 'Tenancy', newTenancyId(n, j), canonicalMoney(r.between(500, 400_000))];
}
