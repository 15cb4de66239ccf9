import { isMap, LineCounter, parseDocument, type Node as YamlNode } from 'yaml';
import { z } from 'zod';
import { CutoverError } from './cutover-error.js';
import { yamlBoundsProblem } from './yaml-bounds.js';
import { isDay, isTimeZone } from './plan/plan-days.js';
import { defaultMilestones, planEvents, readPlanDays, type Milestone, type Plan, type PlanEvent } from './plan/plan-model.js';

const envName = z.string().regex(/^[A-Z_][A-Z0-9_]*$/, 'an environment variable name in capitals, such as LEGACY_DB_URL');

const environmentSchema = z
  .strictObject({
    database: z.literal('embedded').optional(),
    database_url_env: envName.optional(),
    // test environments are wiped and re-run at will; a production one goes live once loaded
    stage: z.enum(['test', 'preproduction', 'production']).default('test'),
    // a schema the new system already owns: Cutover loads into it and creates nothing there
    schema: z
      .string()
      .regex(/^[a-z_][a-z0-9_]*$/, 'a lower-case schema name such as public')
      .refine((s) => s !== 'cutover' && !s.startsWith('cutover_env_') && !s.startsWith('env_'), { message: 'is a schema Cutover keeps for itself; name the new system\'s own schema' })
      .optional(),
  })
  .refine((e) => (e.database === undefined) !== (e.database_url_env === undefined), {
    message: 'give either `database: embedded` or `database_url_env: VARIABLE_NAME`',
  });

const csvOptions = z.strictObject({
  encoding: z.enum(['auto', 'utf-8', 'windows-1252', 'utf-16le', 'utf-16be']).optional(),
  delimiter: z.enum(['auto', ',', ';', '\t', '|']).optional(),
  escapes: z.enum(['auto', 'quotes', 'backslash', 'backslash-quoted']).optional(),
  sheets: z.array(z.string().min(1)).min(1).optional(),
  // values that mean "empty", such as NULL (mysql -B) and \N (INTO OUTFILE); YAML reads a bare NULL as null
  null_values: z.array(z.string().min(1).nullable().transform((v) => v ?? 'NULL')).min(1).optional(),
});

const fileSourceSchema = z.strictObject({
  files: z.string().min(1),
  include: z.array(z.string().min(1)).min(1).default(['*.csv']),
  options: z.record(z.string(), csvOptions).default({}),
  // a symbolic link in the delivery folder is refused unless the project says to follow it
  follow_links: z.boolean().optional(),
});

const databaseSourceSchema = z.strictObject({
  database_url_env: envName,
  tables: z.array(z.string().min(1)).min(1).optional(),
});

const planId = z.string().regex(/^[a-z][a-z0-9_-]*$/, 'a lower-case name such as data_delivered');

const milestoneSchema = z.strictObject({
  title: z.string().min(1).optional(),
  // days from go-live day J in the vendors' words: J-14, J, J+1, or J-7 to J-3
  day: z.string().refine((t) => readPlanDays(t) !== undefined, { message: 'write the day from go-live day J as J-14, J, J+1, or a span such as J-7 to J-3' }).optional(),
  done_when: z.string().refine((e) => (planEvents as readonly string[]).includes(e), { message: `is not an event that completes a milestone; use one of: ${planEvents.join(', ')}` }).optional(),
  after: z.string().min(1).optional(),
  optional: z.boolean().optional(),
});

// the plan around go-live day J: the vendors' milestones unless changed here, and the tasks after go-live
const planSchema = z
  .strictObject({
    go_live: z.string({ error: 'write go-live day J as a date, YYYY-MM-DD, such as 2027-03-29' })
      .refine(isDay, { message: 'is not a date: write go-live day J as YYYY-MM-DD, such as 2027-03-29' }),
    time_zone: z.string({ error: 'name the customer\'s time zone, such as Europe/London' })
      .refine(isTimeZone, { message: 'is not a time zone: name the customer\'s as in the IANA list, such as Europe/London or Europe/Zurich' }),
    // a milestone of the vendors' plan changed (`false` leaves it out), or one of the team's own
    milestones: z.record(planId, z.union([z.literal(false), milestoneSchema])).default({}),
    // tasks after go-live beside what the spec does not carry over: id and what to do
    tasks: z.record(planId, z.string().min(1)).default({}),
  })
  .transform((p, ctx): Plan => {
    const milestones: Milestone[] = [];
    for (const d of defaultMilestones) {
      const change = p.milestones[d.id];
      if (change === false) continue;
      const m = change === undefined ? d : changedMilestone(d, change);
      // a vendors' milestone that follows one left out follows the nearest one kept before it
      const inherited = m.after !== undefined && (change === undefined || change.after === undefined) && p.milestones[m.after] === false;
      milestones.push(inherited ? followingKept(m, p.milestones) : m);
    }
    for (const [id, m] of Object.entries(p.milestones)) {
      if (m === false || defaultMilestones.some((d) => d.id === id)) continue;
      const missing = (['title', 'day', 'done_when'] as const).filter((k) => m[k] === undefined);
      if (missing.length > 0) {
        ctx.addIssue({ code: 'custom', path: ['milestones', id], message: `is a milestone of the team's own: give it ${missing.join(', ')}`, input: m });
        continue;
      }
      milestones.push(changedMilestone({ id, title: m.title!, from: 0, to: 0, doneWhen: m.done_when as PlanEvent, optional: false }, m));
    }
    for (const m of milestones) {
      if (m.after !== undefined && !milestones.some((o) => o.id === m.after)) {
        ctx.addIssue({ code: 'custom', path: ['milestones', m.id, 'after'], message: `names no milestone of the plan (it has: ${milestones.map((o) => o.id).join(', ')})`, input: m.after });
      }
    }
    // in the order of their first day; milestones of one day keep their written order
    const ordered = milestones.map((m, i) => ({ m, i })).sort((a, b) => a.m.from - b.m.from || a.i - b.i).map((x) => x.m);
    return { goLive: p.go_live, timeZone: p.time_zone, milestones: ordered, tasks: Object.entries(p.tasks).map(([id, title]) => ({ id, title })) };
  });

function followingKept(m: Milestone, changes: Readonly<Record<string, unknown>>): Milestone {
  const at = defaultMilestones.findIndex((d) => d.id === m.after);
  const kept = defaultMilestones.slice(0, at).findLast((d) => changes[d.id] !== false);
  const { after: _left, ...rest } = m;
  return kept === undefined ? rest : { ...rest, after: kept.id };
}

function changedMilestone(base: Milestone, change: z.infer<typeof milestoneSchema>): Milestone {
  const days = change.day === undefined ? undefined : readPlanDays(change.day)!;
  const after = change.after ?? base.after;
  return {
    id: base.id,
    title: change.title ?? base.title,
    from: days?.from ?? base.from,
    to: days?.to ?? base.to,
    doneWhen: (change.done_when as PlanEvent | undefined) ?? base.doneWhen,
    ...(after === undefined ? {} : { after }),
    optional: change.optional ?? base.optional,
  };
}

const configSchema = z.strictObject({
  customer: z.string().min(1),
  sources: z
    .record(z.string().regex(/^[a-z][a-z0-9_-]*$/, 'a lower-case name such as export or crm'), z.union([fileSourceSchema, databaseSourceSchema]))
    .refine((s) => Object.keys(s).length > 0, { message: 'name at least one source: a folder of files or a database' }),
  snapshot_key_env: envName,
  // one file, or the entities split over several
  spec: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]),
  // the delivery contract `cutover check` holds deliveries against
  contract: z.string().min(1).optional(),
  target: z.strictObject({ schema: z.string().min(1) }),
  // the ISO 4217 code of the money, for the words of reports (GBP when absent)
  currency: z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 currency code in capitals, such as GBP, USD or EUR').optional(),
  environments: z.record(z.string().regex(/^[a-z][a-z0-9_]*$/, 'a lower-case name such as test'), environmentSchema),
  plan: planSchema.optional(),
});

/** A project's `cutover.yaml`, validated; paths are as written, relative to the project. */
export type ProjectConfig = z.infer<typeof configSchema>;

/** One environment a run loads: where its database is, its stage and, for the new system's own database, its schema. */
export type EnvironmentConfig = z.infer<typeof environmentSchema>;

/** A folder of delivered files. */
export type FileSourceConfig = z.infer<typeof fileSourceSchema>;

/** A legacy database, its URL in an environment variable. */
export type DatabaseSourceConfig = z.infer<typeof databaseSourceSchema>;

/** Per-file reading options: encoding, delimiter, escapes, sheets, null markers. */
export type FileReadOptions = z.infer<typeof csvOptions>;

/** True for a folder of files, false for a database. */
export function isFileSource(source: FileSourceConfig | DatabaseSourceConfig): source is FileSourceConfig {
  return 'files' in source;
}

/** Parses and validates `cutover.yaml`; one error lists every problem with its line. */
export function parseProjectConfig(text: string, file: string): ProjectConfig {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  const at = (node: YamlNode | null | undefined): string => {
    const offset = node?.range?.[0];
    if (offset === undefined) return file;
    const { line, col } = lineCounter.linePos(offset);
    return `${file} line ${line} column ${col}`;
  };
  if (doc.errors.length > 0) {
    const problems = doc.errors.map((e) => {
      const { line, col } = lineCounter.linePos(e.pos[0]);
      return `${file} line ${line} column ${col}: ${e.message.split('\n')[0]}`;
    });
    throw new CutoverError('config_invalid', `${file} is not valid YAML:\n${problems.join('\n')}`);
  }
  const bounds = yamlBoundsProblem(doc);
  if (bounds !== null) {
    const { line, col } = lineCounter.linePos(bounds.offset);
    throw new CutoverError('config_invalid', `${file} line ${line} column ${col}: ${bounds.message}.`);
  }
  // the bounds above already hold the aliases to a safe size
  const parsed = configSchema.safeParse(doc.toJS({ maxAliasCount: -1 }));
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => {
    const unknown = issue.code === 'unrecognized_keys' ? issue.keys[0] : undefined;
    const path = [...issue.path.map(String), ...(unknown === undefined ? [] : [unknown])];
    // point at the deepest node that exists on the issue's path
    let node: YamlNode | null | undefined = doc.contents;
    for (let depth = path.length; depth >= 0; depth--) {
      const candidate = doc.getIn(path.slice(0, depth), true) as YamlNode | undefined;
      if (candidate && (depth > 0 || isMap(candidate))) {
        node = candidate;
        break;
      }
    }
    const field = path.length > 0 ? `"${path.join('.')}"` : 'the file';
    const message = unknown === undefined ? issue.message : 'is not a setting Cutover knows; remove it or check its spelling';
    return `${at(node)}: ${field}: ${message}`;
  });
  throw new CutoverError('config_invalid', `${file} has ${problems.length === 1 ? 'a problem' : `${problems.length} problems`}:\n${problems.join('\n')}`);
}
