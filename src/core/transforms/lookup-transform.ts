import { z } from 'zod';
import type { Transform, TransformFailure } from './transform.js';

export const lookupTransform: Transform<string> = {
  name: 'lookup',
  gives: 'id',
  summary: "Replaces a parent's source key with the id the parent row was given in the target.",
  usage: 'lookup: ENTITY',
  options: z.string().min(1),
  examples: [],
  describe(entity) {
    return `find the new id of the ${entity} with this reference; none loaded: reject the row`;
  },
  parentOf(entity) {
    return entity;
  },
  compile(entity) {
    return (value, ctx) => {
      if (value === null) return null;
      const id = ctx.lookup(entity, value);
      if (id !== undefined) return id;
      const orphan: TransformFailure = {
        kind: 'failure',
        code: 'orphan',
        message: ctx.missing?.(entity, value) ?? `no ${entity} with key "${value}" was loaded`,
      };
      return orphan;
    };
  },
};
