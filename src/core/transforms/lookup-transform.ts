import { z } from 'zod';
import { followKeptOut } from '../privacy/kept-out.js';
import type { LookupContext, Transform, TransformFailure } from './transform.js';

/** A parent's new id (`lookup: person`), a mapped field of a parent, or a column of a table of the snapshot not migrated. */
export type LookupOptions =
  | string
  | { readonly entity: string; readonly take: string }
  | { readonly table: string; readonly key: string; readonly take: string };

const name = z.string().min(1);
const lookupOptions: z.ZodType<LookupOptions> = z.union([
  name,
  z.strictObject({ entity: name, take: name }),
  z.strictObject({ table: name, key: name, take: name }),
]);

const orphan = (message: string): TransformFailure => ({ kind: 'failure', code: 'orphan', message });

/** A parent that is not there: kept out of the target on purpose (the row goes with it), or an orphan. */
function notFound(entity: string, value: string, ctx: LookupContext): TransformFailure {
  const out = ctx.keptOut?.(entity, value);
  if (out !== undefined) return { kind: 'failure', code: 'kept_out', message: followKeptOut(entity, value, out), keptOut: out };
  return orphan(ctx.missing?.(entity, value) ?? `no ${entity} with key "${value}" was loaded`);
}

export const lookupTransform: Transform<LookupOptions> = {
  name: 'lookup',
  gives: 'id',
  summary:
    "Replaces a parent's source key with the id the parent row was given in the target; with take, gives a mapped field of the parent, or a column of a table of the snapshot that is not migrated (reference data).",
  usage: 'lookup: ENTITY, or lookup: { entity: ENTITY, take: FIELD }, or lookup: { table: FILE, key: COLUMN, take: COLUMN }',
  options: lookupOptions,
  examples: [],
  describe(o) {
    if (typeof o === 'string') return `find the new id of the ${o} with this reference; none loaded: reject the row`;
    if ('entity' in o) return `take the ${o.take} of the ${o.entity} with this reference; none loaded: reject the row`;
    return `take the ${o.take} of the row of ${o.table} whose ${o.key} is this value; none there: reject the row`;
  },
  givesFor(o) {
    return typeof o === 'string' ? 'id' : 'text';
  },
  takesField(o) {
    return typeof o !== 'string' && 'entity' in o ? o.take : undefined;
  },
  readsTable(o) {
    return typeof o !== 'string' && 'table' in o ? o : undefined;
  },
  parentOf(o) {
    return typeof o === 'string' ? o : 'entity' in o ? o.entity : undefined;
  },
  compile(o) {
    if (typeof o === 'string') {
      return (value, ctx) => {
        if (value === null) return null;
        return ctx.lookup(o, value) ?? notFound(o, value, ctx);
      };
    }
    if ('entity' in o) {
      return (value, ctx) => {
        if (value === null) return null;
        const taken = ctx.take?.(o.entity, o.take, value);
        return taken !== undefined ? taken : notFound(o.entity, value, ctx);
      };
    }
    return (value, ctx) => {
      if (value === null) return null;
      const found = ctx.reference?.(o.table, o.key, o.take, value.trim());
      return found !== undefined ? found : orphan(`there is no row with ${o.key} "${value}" in ${o.table}`);
    };
  },
};
