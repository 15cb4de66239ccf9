import { describe, expect, it } from 'vitest';
import { sampleSpecText } from '../../test-support/spec-fixtures.js';
import { compileEntity } from '../mapping/compiled-entity.js';
import type { MappingContext } from '../mapping/mapping-context.js';
import { SpecError } from '../spec/spec-error.js';
import { parseSpec } from '../spec/spec-parser.js';
import { specHash } from '../spec/spec-hash.js';
import { yearsBefore, type PrivacyRules } from './kept-out.js';

const FILE = 'specs/estate-agency.yaml';
// the sample spec with retention rules on people and tenancies
const withRetention = sampleSpecText
  .replace('    table: person\n', '    table: person\n    retention:\n      - rule: inactive-contacts\n        no_activity_since: { column: Created, before: 2010-01-01, formats: [dd/MM/yyyy, yyyy-MM-dd] }\n')
  .replace('    table: tenancy\n', '    table: tenancy\n    retention:\n      - rule: old-tenancies\n        ended_more_than_years_ago: { column: EndDate, years: 6, formats: [dd/MM/yyyy] }\n');
const spec = parseSpec(withRetention, FILE);
const entity = (name: string) => spec.entities.find((e) => e.name === name)!;
const PEOPLE = ['PersonID', 'Title', 'Forename', 'Surname', 'Email', 'Phone', 'Created', 'Notes'];
const TENANCIES = ['TenancyID', 'PropertyID', 'TenantID', 'StartDate', 'EndDate', 'Rent', 'Deposit', 'Status'];
const privacy: PrivacyRules = {
  lists: [
    { id: '1', entity: 'person', match: 'key', entries: new Set(['P2']) },
    { id: '2', entity: 'person', match: 'email', column: 'Email', entries: new Set(['ann@example.org']) },
    { id: '3', entity: 'person', match: 'phone', column: 'Phone', entries: new Set(['+447700900123']) },
  ],
  referenceDate: '2026-11-23',
};
const ctx: MappingContext = { lookup: (e, key) => (e === 'person' && key === 'P1' ? '1' : e === 'property' && key === 'PR1' ? '10' : undefined) };
const person = compileEntity(entity('person'), PEOPLE, 'people.csv', { privacy });
const row = (o: Partial<Record<string, string>>) => PEOPLE.map((c) => o[c] ?? '');

describe('rows kept out of the target', () => {
  it('are the people on a list, by key, by e-mail in any case and by phone however typed', () => {
    const erased = { kind: 'excluded', rule: 'erasure:1', message: 'erased on request', cause: 'erased on request' };
    expect(person.map(row({ PersonID: 'P2', Surname: 'Lee', Created: '01/01/2020' }), ctx)).toEqual(erased);
    expect(person.map(row({ PersonID: 'P3', Surname: 'Lee', Email: ' ANN@Example.org ', Created: '01/01/2020' }), ctx)).toEqual({ ...erased, rule: 'erasure:2' });
    expect(person.map(row({ PersonID: 'P4', Surname: 'Lee', Phone: '07700-900 123', Created: '01/01/2020' }), ctx)).toEqual({ ...erased, rule: 'erasure:3' });
    expect(person.map(row({ PersonID: 'P5', Surname: 'Lee', Email: 'bob@example.org', Created: '01/01/2020' }), ctx).kind).toBe('mapped');
  });

  it('come before the spec\'s exclusions and rejections, so an erased row is never listed among rejects', () => {
    // a test record with a date that cannot be read: erased all the same
    expect(person.map(row({ PersonID: 'P2', Surname: 'TEST', Created: '31/02/2021' }), ctx)).toMatchObject({ kind: 'excluded', rule: 'erasure:1' });
    expect(person.keptOut(row({ PersonID: '', Email: 'ann@example.org' }))).toEqual({ rule: 'erasure:2', cause: 'erased on request' });
  });

  it('are rows past their retention: a fixed day, or years before the snapshot was collected', () => {
    expect(person.map(row({ PersonID: 'P6', Surname: 'Lee', Created: '31/12/2009' }), ctx)).toEqual({
      kind: 'excluded', rule: 'retention:inactive-contacts',
      message: 'no activity since 2010-01-01 (Created), retention rule inactive-contacts', cause: 'no activity since 2010-01-01 (Created), retention rule inactive-contacts',
    });
    // a blank or unreadable date never drops a row
    expect(person.map(row({ PersonID: 'P7', Surname: 'Lee', Created: '' }), ctx).kind).toBe('mapped');
    const tenancy = compileEntity(entity('tenancy'), TENANCIES, 'tenancies.csv', { privacy });
    const t = (end: string) => ['T1', 'PR1', 'P1', '01/01/2015', end, '900', '', 'Ended'];
    expect(tenancy.map(t('22/11/2020'), ctx)).toMatchObject({ kind: 'excluded', rule: 'retention:old-tenancies', message: 'ended more than 6 years before the snapshot of 2026-11-23 (EndDate), retention rule old-tenancies' });
    expect(tenancy.map(t('23/11/2020'), ctx).kind).toBe('mapped');
    // without the snapshot's day, relative ages are not applied
    expect(compileEntity(entity('tenancy'), TENANCIES, 'tenancies.csv').map(t('22/11/2020'), ctx).kind).toBe('mapped');
  });

  it('take the rows naming them along, with the row they name, whatever else is wrong with them', () => {
    const tenancy = compileEntity(entity('tenancy'), TENANCIES, 'tenancies.csv', { privacy });
    const keptOut: MappingContext = { ...ctx, keptOut: (e, key) => (e === 'person' && key === 'P2' ? { rule: 'erasure:1', cause: 'erased on request' } : undefined) };
    expect(tenancy.map(['T2', 'PR1', ' P2 ', 'not a date', '', '900', '', 'Ended'], keptOut)).toEqual({
      kind: 'excluded', rule: 'erasure:1', message: 'its person "P2" is kept out: erased on request', cause: 'erased on request',
    });
    // a parent simply not loaded is still an orphan
    expect(tenancy.map(['T3', 'PR1', 'P9', '01/01/2020', '', '900', '', 'Ended'], keptOut)).toMatchObject({ kind: 'rejected', code: 'orphan' });
  });
});

describe('retention rules in the spec', () => {
  it('change the spec hash', () => {
    expect(spec.hash).not.toBe(parseSpec(sampleSpecText, FILE).hash);
    expect(specHash(spec)).toBe(spec.hash);
  });

  it('are checked, with the field named', () => {
    const bad = (rule: string) => {
      try {
        parseSpec(sampleSpecText.replace('    table: tenancy\n', `    table: tenancy\n    retention:\n      - ${rule}\n`), FILE);
      } catch (error) {
        return (error as SpecError).problems.map((p) => p.message);
      }
      return [];
    };
    expect(bad('{ rule: old, ended_more_than_years_ago: { column: EndDate, years: six, formats: [dd/MM/yyyy] } }')).toEqual([
      '"years" in the ended_more_than_years_ago of retention rule "old" of entity "tenancy" must be a whole number of years, for example 6, not "six"; write years: N, a whole number; rows that ended more than N years before the snapshot was collected are left behind',
    ]);
    expect(bad('{ rule: old, no_activity_since: { column: EndDate, before: 1 Jan 2019, formats: [dd/MM/yyyy] } }')).toEqual([
      '"before" in the no_activity_since of retention rule "old" of entity "tenancy" must be written yyyy-MM-dd, for example 2015-01-01, not "1 Jan 2019"; write before: yyyy-MM-dd; rows whose date is before that day are left behind',
    ]);
    expect(bad('{ rule: old, ended_more_than_years_ago: { column: EndDate, years: 6 } }')).toEqual([
      'the ended_more_than_years_ago of retention rule "old" of entity "tenancy" has no "formats"; write formats: [dd/MM/yyyy], the ways the column writes its dates',
    ]);
    expect(bad('{ rule: old, ended_more_than_years_ago: { column: EndDate, years: 6, formats: [dd/MM/yyyy] }, no_activity_since: { column: EndDate, before: 2019-01-01, formats: [dd/MM/yyyy] } }')[0]).toContain(
      'a retention rule needs exactly one of no_activity_since or ended_more_than_years_ago, but this one has both',
    );
  });
});

describe('yearsBefore', () => {
  it('counts back whole years; 29 February goes to the 28th', () => {
    expect(yearsBefore('2026-11-23', 6)).toBe('2020-11-23');
    expect(yearsBefore('2024-02-29', 1)).toBe('2023-02-28');
  });
});
