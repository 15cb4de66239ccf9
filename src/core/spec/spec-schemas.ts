import { z } from 'zod';
import { readRejectLimit } from '../reject-limit.js';
import { personalKinds } from '../profile/personal-data.js';
import { columnNamesOption, flagOption } from '../transforms/option-schemas.js';
import type { Wording } from './issue-wording.js';

// one schema per YAML map; nested maps are checked on their own so each problem knows its map

/** A zod schema for one kind of YAML map, and what to write for each of its keys. */
export interface SpecLevel<S extends z.ZodObject = z.ZodObject> {
  readonly schema: S;
  /** What to write instead, per key; `''` holds the help for the map as a whole. */
  readonly help: Readonly<Record<string, string>>;
}

const text = z.string().min(1);
const map = z.record(z.string(), z.unknown());
const list = z.array(z.unknown());
/** `[A, B]`, or a single name written without brackets. */
const names = z.preprocess((v) => (typeof v === 'string' ? [v] : v), z.array(text).min(1));
/** `[A, [B, B2]]`: several columns, each a name or a list of the names a file may give it. */
const columnList = z.preprocess((v) => (typeof v === 'string' ? [v] : v), z.array(columnNamesOption).min(1));
/** `5%` or a number of rows, read by readRejectLimit. */
const rejectLimit = z.union([z.number(), z.string()]).refine((v) => readRejectLimit(v) !== undefined, {
  error: (issue) => `max_rejected must be a share of the rows such as 5% or a number of rows such as 10, not "${String(issue.input)}"; a run that rejects more needs attention`,
});
/** Source or target values by name; YAML's blank is null. */
const values = z.record(z.string(), z.string().nullable());

const CHECKLIST_HELP = 'write checklist: followed by lines such as - { label: Tenancies with status Current, entity: tenancy, where: { Status: Current } }';
const ENTITIES_HELP = 'write entities: followed by one map per entity, for example person: { source: people.csv, ... }';

export const documentLevel = {
  schema: z.strictObject({ version: z.literal('1'), entities: map, checklist: list.optional(), max_rejected: rejectLimit.optional() }),
  help: {
    '': 'a spec is a map with version: 1 and entities:',
    version: 'write version: 1 at the top of the spec',
    entities: ENTITIES_HELP,
    checklist: CHECKLIST_HELP,
  },
} satisfies SpecLevel;

/** The first of several spec files: the version and shared settings, and entities if it likes. */
export const headFileLevel = {
  schema: z.strictObject({ version: z.literal('1'), entities: map.optional(), checklist: list.optional(), max_rejected: rejectLimit.optional() }),
  help: {
    '': 'the first spec file is a map with version: 1 and, if you like, entities:',
    version: 'write version: 1 at the top of the first spec file',
    entities: ENTITIES_HELP,
    checklist: CHECKLIST_HELP,
  },
} satisfies SpecLevel;

/** A later spec file: its entities; the version may be repeated so the file reads on its own. */
export const partFileLevel = {
  schema: z.strictObject({ version: z.literal('1').optional(), entities: map, checklist: list.optional() }),
  help: {
    '': 'a spec file after the first is a map with entities:',
    version: 'write version: 1, or leave the version to the first file',
    entities: ENTITIES_HELP,
    checklist: CHECKLIST_HELP,
  },
} satisfies SpecLevel;

export const entityLevel = {
  schema: z.strictObject({
    source: text,
    key: columnList,
    table: text,
    generate_id: flagOption.optional(),
    exclude: list.optional(),
    retention: list.optional(),
    merge: map.optional(),
    dedup: map.optional(),
    reconcile: map.optional(),
    fields: map,
    examples: list.optional(),
    max_rejected: rejectLimit.optional(),
    on_delete: z.union([z.enum(['keep', 'delete']), map]).optional(),
  }),
  help: {
    '': 'write the entity as a map with source:, key:, table: and fields:',
    source: 'write source: FILE, the file in the snapshot, for example source: people.csv',
    key: 'write key: [COLUMN], the source column or columns that identify a row, for example key: [PersonID]',
    table: 'write table: TABLE, the target table, for example table: person',
    generate_id: 'write generate_id: false when the table has no id column of its own',
    exclude: 'write exclude: followed by a list of rules such as - { rule: NAME, when: { column: COLUMN, equals: VALUE }, reason: TEXT }',
    retention:
      'write retention: followed by a list of rules such as - { rule: NAME, ended_more_than_years_ago: { column: COLUMN, years: 6, formats: [dd/MM/yyyy] } } or - { rule: NAME, no_activity_since: { column: COLUMN, before: 2019-01-01, formats: [dd/MM/yyyy] } }',
    merge: 'write merge: { on: [FIELD], reason: TEXT }',
    dedup: 'write dedup: { compare: { NAME: { column: COLUMN, as: KIND } }, block: [NAME], merge_at: 0.95, review_at: 0.7 }',
    reconcile: 'write reconcile: { money: [{ field: FIELD, by: FIELD }] }',
    fields: 'write fields: followed by one map per target column, for example email: { from: Email, rules: [trim, lower] }',
    examples: 'write examples: followed by a list such as - { source: { COLUMN: VALUE }, target: { FIELD: VALUE } }',
    max_rejected: 'write max_rejected: 5% (a share of the entity\'s rows) or a number of rows such as max_rejected: 10; a run that rejects more needs attention',
    on_delete:
      'write on_delete: keep (rows deleted in the legacy system stay in the new system), on_delete: delete, or on_delete: { mark: COLUMN, value: VALUE } to set a column of the row instead',
  },
} satisfies SpecLevel;

/** `on_delete: { mark: COLUMN, value: VALUE }`: deleted rows are marked, not removed. */
export const onDeleteMarkLevel = {
  schema: z.strictObject({ mark: text, value: text }),
  help: {
    '': 'write on_delete: { mark: COLUMN, value: VALUE }',
    mark: 'write mark: COLUMN, the field of this entity set on rows deleted in the legacy system, for example mark: status',
    value: 'write value: VALUE, what the column is set to, for example value: withdrawn',
  },
} satisfies SpecLevel;

export const fieldLevel = {
  schema: z.strictObject({
    from: columnNamesOption.optional(),
    required: flagOption.optional(),
    when: map.optional(),
    rules: list.optional(),
    personal: z.enum(personalKinds).optional(),
  }),
  help: {
    '': 'write the field as a map, for example email: { from: Email, rules: [trim, lower] }',
    personal: 'write personal: KIND, the personal data the field holds, for example personal: email, or personal: none when it holds none',
    from: 'write from: COLUMN, the source column, for example from: Email, or the names files may give it, for example from: [Email, EmailAddress]',
    required: 'write required: true or required: false',
    when: 'write when: { column: COLUMN, equals: VALUE }',
    rules: 'write rules: followed by a list, for example rules: [trim, lower]',
  },
} satisfies SpecLevel;

export const exclusionLevel = {
  schema: z.strictObject({ rule: text, when: map, reason: text }),
  help: {
    '': 'write each exclusion as - { rule: NAME, when: { column: COLUMN, equals: VALUE }, reason: TEXT }',
    rule: 'write rule: NAME, a short name for the exclusion, for example rule: test-records',
    when: 'write when: { column: COLUMN, equals: VALUE }',
    reason: 'write reason: TEXT, the reason the customer will read',
  },
} satisfies SpecLevel;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be written yyyy-MM-dd, for example 2015-01-01');

const RETENTION_TESTS = ['no_activity_since', 'ended_more_than_years_ago'] as const;

export const retentionLevel = {
  schema: z
    .strictObject({ rule: text, no_activity_since: map.optional(), ended_more_than_years_ago: map.optional() })
    .superRefine((rule, ctx) => {
      const tests = RETENTION_TESTS.filter((test) => rule[test] !== undefined);
      if (tests.length === 1) return;
      ctx.addIssue({
        code: 'custom',
        message: `a retention rule needs exactly one of no_activity_since or ended_more_than_years_ago, but this one has ${tests.length === 0 ? 'none' : 'both'}; write for example - { rule: old-tenancies, ended_more_than_years_ago: { column: EndDate, years: 6, formats: [dd/MM/yyyy] } }`,
      });
    }),
  help: {
    '': 'write each retention rule as - { rule: NAME, ended_more_than_years_ago: { column: COLUMN, years: 6, formats: [dd/MM/yyyy] } }',
    rule: 'write rule: NAME, a short name for the rule, for example rule: old-tenancies',
    no_activity_since: 'write no_activity_since: { column: COLUMN, before: 2019-01-01, formats: [dd/MM/yyyy] }',
    ended_more_than_years_ago: 'write ended_more_than_years_ago: { column: COLUMN, years: 6, formats: [dd/MM/yyyy] }',
  },
} satisfies SpecLevel;

const retentionFormats = z.array(text).min(1);

export const noActivityLevel = {
  schema: z.strictObject({ column: columnNamesOption, before: isoDate, formats: retentionFormats }),
  help: {
    '': 'write no_activity_since: { column: COLUMN, before: 2019-01-01, formats: [dd/MM/yyyy] }',
    column: 'write column: COLUMN, the source column holding the date of the last activity',
    before: 'write before: yyyy-MM-dd; rows whose date is before that day are left behind',
    formats: 'write formats: [dd/MM/yyyy], the ways the column writes its dates',
  },
} satisfies SpecLevel;

export const endedYearsLevel = {
  schema: z.strictObject({
    column: columnNamesOption,
    years: z.string().regex(/^[1-9]\d{0,2}$/, 'must be a whole number of years, for example 6'),
    formats: retentionFormats,
  }),
  help: {
    '': 'write ended_more_than_years_ago: { column: COLUMN, years: 6, formats: [dd/MM/yyyy] }',
    column: 'write column: COLUMN, the source column holding the end date',
    years: 'write years: N, a whole number; rows that ended more than N years before the snapshot was collected are left behind',
    formats: 'write formats: [dd/MM/yyyy], the ways the column writes its dates',
  },
} satisfies SpecLevel;

const TESTS = ['equals', 'in', 'matches', 'blank'] as const;

export const conditionLevel = {
  schema: z
    .strictObject({
      column: columnNamesOption,
      equals: z.string().optional(),
      in: names.optional(),
      matches: text.optional(),
      ignore_case: flagOption.optional(),
      blank: flagOption.optional(),
      before: isoDate.optional(),
      after: isoDate.optional(),
      formats: z.array(text).min(1).optional(),
    })
    .superRefine((condition, ctx) => {
      const tests = TESTS.filter((test) => condition[test] !== undefined);
      const dated = condition.before !== undefined || condition.after !== undefined;
      if (dated && tests.length === 0) {
        if (condition.formats === undefined) {
          ctx.addIssue({ code: 'custom', message: 'a date test needs formats: the ways the column writes its dates, for example formats: [dd/MM/yyyy]' });
        }
        return;
      }
      if (tests.length === 1 && !dated) return;
      ctx.addIssue({
        code: 'custom',
        message:
          `a condition needs exactly one test of equals, in, matches or blank, or a date test of before and/or after, but this one has ` +
          `${tests.length === 0 ? 'none' : [...tests, ...(dated ? ['a date test'] : [])].join(' and ')}; ` +
          'write for example { column: Status, equals: Archived } or { column: Archived, before: 2015-01-01, formats: [dd/MM/yyyy] }',
      });
    }),
  help: {
    '': 'write a condition as { column: COLUMN, equals: VALUE }',
    column: 'write column: COLUMN, the source column to test',
    equals: 'write equals: VALUE',
    in: 'write in: [VALUE, VALUE]',
    matches: 'write matches: PATTERN, a regular expression such as ^TEST',
    ignore_case: 'write ignore_case: true or ignore_case: false',
    blank: 'write blank: true to test for an empty value',
    before: 'write before: yyyy-MM-dd, for rows dated before that day',
    after: 'write after: yyyy-MM-dd, for rows dated after that day',
    formats: 'write formats: [dd/MM/yyyy], the ways the column writes its dates',
  },
} satisfies SpecLevel;

export const mergeLevel = {
  schema: z.strictObject({ on: names, reason: text }),
  help: {
    '': 'write merge: { on: [FIELD], reason: TEXT }',
    on: 'write on: [FIELD], the fields of this entity that identify the same record, for example on: [email]',
    reason: 'write reason: TEXT, the reason the customer will read',
  },
} satisfies SpecLevel;

export const reconcileLevel = {
  schema: z.strictObject({ money: z.array(map).min(1) }),
  help: {
    '': 'write reconcile: { money: [{ field: FIELD, by: FIELD }] }',
    money: 'write money: followed by a list such as - { field: amount, by: account }',
  },
} satisfies SpecLevel;

export const moneyCheckLevel = {
  schema: z.strictObject({ field: text, by: text.optional() }),
  help: {
    '': 'write - { field: FIELD, by: FIELD }',
    field: 'write field: FIELD, a money field of this entity',
    by: 'write by: FIELD, a field of this entity whose values group the totals',
  },
} satisfies SpecLevel;

export const exampleLevel = {
  schema: z.strictObject({
    source: values,
    target: values.optional(),
    outcome: z.enum(['mapped', 'rejected', 'excluded']).optional(),
    reason: text.optional(),
    parents: z.record(z.string(), z.record(z.string(), text)).optional(),
  }),
  help: {
    '': 'write each example as - { source: { COLUMN: VALUE }, target: { FIELD: VALUE } }',
    source: 'write source: { COLUMN: VALUE }, the row as the file gives it; a column left out is blank',
    target: 'write target: { FIELD: VALUE }, what the row loads as; a field left out must be blank',
    outcome: 'write outcome: rejected or outcome: excluded, with reason: TEXT, for a row that must not load',
    reason: 'write reason: TEXT, the whole message the row is rejected or excluded with',
    parents: 'write parents: { ENTITY: { KEY: ID } }, the ids its lookups find, for example parents: { person: { P0001: "1" } }',
  },
} satisfies SpecLevel;

/** How to word the issues of one level's map, named `what` in messages. */
export function levelWording(level: SpecLevel, what: string): Wording {
  return {
    what,
    knownKeys: Object.keys(level.schema.shape),
    help: (key) => level.help[key ?? ''],
    valueCode: 'invalid_value',
  };
}
