import type { ColumnBinder } from '../mapping/column-binder.js';
import { displayKey } from '../mapping/source-key.js';
import type { EntitySpec, RetentionRule } from '../spec/spec-model.js';
import { dateTransform } from '../transforms/date-transform.js';
import { normaliseErasureEntry, type ErasureMatch } from './erasure-entry.js';

/** One imported erasure list, as runs apply it: its entries in matching form. */
export interface ErasureSet {
  readonly id: string;
  readonly entity: string;
  readonly match: ErasureMatch;
  /** the source column an e-mail or phone list is matched against */
  readonly column?: string;
  readonly entries: ReadonlySet<string>;
}

/** What a run keeps out of the target besides the spec's exclusions: the erasure lists, and the day relative ages count from. */
export interface PrivacyRules {
  readonly lists: readonly ErasureSet[];
  /** the day the snapshot was collected (yyyy-MM-dd); without it, retention by years is not applied */
  readonly referenceDate?: string;
}

/** Why a row is kept out: the ledger's reason (`erasure:ID` or `retention:RULE`) and the cause in words. */
export interface KeptOut {
  readonly rule: string;
  readonly cause: string;
}

/** The ledger's words for a person on an erasure list. */
export const erasedCause = 'erased on request';

/** The ledger reason of rows kept out by erasure list `id`. */
export const erasureReason = (id: string): string => `erasure:${id}`;
/** The ledger reason of rows kept out by a retention rule. */
export const retentionReason = (rule: string): string => `retention:${rule}`;

/** Whether a ledger reason is an erasure's or a retention rule's. */
export function isKeptOutReason(reason: string): boolean {
  return reason.startsWith('erasure:') || reason.startsWith('retention:');
}

/**
 * What a row that names a kept-out row is told: it is kept out with it.
 * @example followKeptOut('person', 'P0012', { rule: 'erasure:1', cause: 'erased on request' }) // its person "P0012" is kept out: erased on request
 */
export function followKeptOut(parent: string, key: string, out: KeptOut): string {
  return `its ${parent} "${displayKey(key)}" is kept out: ${out.cause}`;
}

/**
 * The cause a kept-out row's ledger message gives: the message itself for the row on the
 * list or past its age, what follows "is kept out:" for a row that went with it.
 */
export function keptOutCause(message: string): string {
  const marker = ' is kept out: ';
  const at = message.indexOf(marker);
  return at < 0 ? message : message.slice(at + marker.length);
}

/** A row tested against the erasure lists and retention rules of its entity. */
export type KeptOutTest = (values: readonly (string | null)[], key: string) => KeptOut | undefined;

/** The day `years` years before `day` (yyyy-MM-dd); 29 February goes to the 28th. */
export function yearsBefore(day: string, years: number): string {
  const [y = '0', m = '01', d = '01'] = day.split('-');
  const date = m === '02' && d === '29' ? '28' : d;
  return `${String(Number(y) - years).padStart(4, '0')}-${m}-${date}`;
}

function retentionTest(rule: RetentionRule, index: number, referenceDate: string | undefined): KeptOutTest | undefined {
  let cutoff: string;
  let cause: string;
  if (rule.test.kind === 'no_activity_since') {
    cutoff = rule.test.before;
    cause = `no activity since ${cutoff} (${rule.column}), retention rule ${rule.rule}`;
  } else {
    if (referenceDate === undefined) return undefined;
    cutoff = yearsBefore(referenceDate, rule.test.years);
    cause = `ended more than ${rule.test.years} years before the snapshot of ${referenceDate} (${rule.column}), retention rule ${rule.rule}`;
  }
  const out: KeptOut = Object.freeze({ rule: retentionReason(rule.rule), cause });
  const readDate = dateTransform.compile({ formats: rule.formats });
  const noLookups = { lookup: () => undefined };
  // a blank date, or one that cannot be read, never drops a row
  return (values) => {
    const raw = values[index]?.trim();
    if (raw === undefined || raw === '') return undefined;
    const date = readDate(raw, noLookups);
    return typeof date === 'string' && date < cutoff ? out : undefined;
  };
}

/** The entry of `list` a row matches (its key, or its e-mail or phone read the way the list's are), if any. */
export function compileErasureProbe(list: ErasureSet, binder: ColumnBinder, entity: EntitySpec): (values: readonly (string | null)[], key: string) => string | undefined {
  if (list.match === 'key') return (_values, key) => (list.entries.has(key) ? key : undefined);
  const index = binder.index(list.column ?? '', entity.where);
  const { match } = list;
  return (values) => {
    const raw = values[index];
    if (raw === null || raw === undefined || raw.trim() === '') return undefined;
    const reading = normaliseErasureEntry(match, raw, 1);
    return reading.ok && list.entries.has(reading.value) ? reading.value : undefined;
  };
}

function erasureTest(list: ErasureSet, binder: ColumnBinder, entity: EntitySpec): KeptOutTest {
  const out: KeptOut = Object.freeze({ rule: erasureReason(list.id), cause: erasedCause });
  const probe = compileErasureProbe(list, binder, entity);
  return (values, key) => (probe(values, key) === undefined ? undefined : out);
}

/**
 * Compiles the tests that keep an entity's rows out of the target: every erasure list of
 * the entity first, in the order given, then its retention rules. Undefined when none applies.
 */
export function compileKeptOut(entity: EntitySpec, binder: ColumnBinder, privacy: PrivacyRules | undefined): KeptOutTest | undefined {
  const tests: KeptOutTest[] = [];
  for (const list of privacy?.lists ?? []) if (list.entity === entity.name) tests.push(erasureTest(list, binder, entity));
  for (const rule of entity.retention ?? []) {
    const test = retentionTest(rule, binder.index(rule.column, rule.where, rule.aliases), privacy?.referenceDate);
    if (test !== undefined) tests.push(test);
  }
  if (tests.length === 0) return undefined;
  return (values, key) => {
    for (const test of tests) {
      const out = test(values, key);
      if (out !== undefined) return out;
    }
    return undefined;
  };
}
