import type { DeliveryContract } from './contract/contract-model.js';
import { personalKindOf, type PersonalKind } from './profile/personal-data.js';
import type { InferredType } from './profile/column-profiler.js';
import type { Spec } from './spec/spec-model.js';

/** The kind of personal data of each source column and each mapped field of a project. */
export interface PersonalColumns {
  /** a column of a delivered file (`people.csv`, `Email`), with the kind of its values when known */
  column(file: string, column: string, type?: InferredType): PersonalKind;
  /** whether the spec or contract states the column's kind, rather than its name telling it */
  stated(file: string, column: string): boolean;
  /** a field of an entity (`person`, `email`) */
  field(entity: string, field: string): PersonalKind;
}

/**
 * What the spec and the contract state about personal data, with the profile's classifier
 * for the rest: a field's own `personal:` first, then its source column's in the contract,
 * then the column's or field's name.
 */
export function personalColumns(spec?: Spec, contract?: DeliveryContract): PersonalColumns {
  const stated = new Map<string, PersonalKind>();
  const at = (file: string, column: string) => `${file}\u0000${column}`;
  for (const f of contract?.files ?? []) for (const c of f.columns) if (c.personal !== undefined) stated.set(at(f.name, c.name), c.personal);
  // a spec's word is the later one: it wins over the contract's
  for (const e of spec?.entities ?? []) {
    for (const f of e.fields) {
      if (f.personal === undefined) continue;
      for (const from of [f.from, ...(f.fromAliases ?? [])]) if (from !== undefined) stated.set(at(e.source, from), f.personal);
    }
  }
  const column = (file: string, name: string, type: InferredType = 'text') => stated.get(at(file, name)) ?? personalKindOf(name, type);
  return {
    column,
    stated: (file, name) => stated.has(at(file, name)),
    field(entityName, fieldName) {
      const entity = spec?.entities.find((e) => e.name === entityName);
      const field = entity?.fields.find((f) => f.name === fieldName);
      if (field?.personal !== undefined) return field.personal;
      const byColumn = entity !== undefined && field?.from !== undefined ? column(entity.source, field.from) : 'none';
      return byColumn !== 'none' ? byColumn : personalKindOf(fieldName, 'text');
    },
  };
}
