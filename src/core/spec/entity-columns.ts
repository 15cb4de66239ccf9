import { transformRegistry } from '../transforms/transform-registry.js';
import type { Condition, EntitySpec } from './spec-model.js';

/** The parts of an entity that name source columns. */
export type ColumnReader = Pick<EntitySpec, 'key' | 'keyAliases' | 'exclude' | 'retention' | 'fields'>;

/** A condition's column with its aliases, first name first. */
export function conditionColumn(condition: Condition): readonly string[] {
  return [condition.column, ...(condition.aliases ?? [])];
}

/**
 * Every source column an entity reads, each as the names a file may give it (first name
 * first), in the order the spec names them, each once.
 * @example entityColumns(person) // [['PersonID'], ['Surname'], ['Title'], ['Email', 'EmailAddress'], …]
 */
export function entityColumns(entity: ColumnReader): (readonly string[])[] {
  const found = new Map<string, readonly string[]>();
  const add = (names: readonly string[]): void => {
    const id = names.join('\u001f');
    if (!found.has(id)) found.set(id, names);
  };
  entity.key.forEach((column, part) => add([column, ...(entity.keyAliases?.[part] ?? [])]));
  for (const exclusion of entity.exclude) add(conditionColumn(exclusion.when));
  for (const rule of entity.retention ?? []) add([rule.column, ...(rule.aliases ?? [])]);
  for (const field of entity.fields) {
    if (field.when !== undefined) add(conditionColumn(field.when));
    if (field.from !== undefined) add([field.from, ...(field.fromAliases ?? [])]);
    for (const rule of field.rules) {
      for (const names of transformRegistry.get(rule.name)?.readsColumns?.(rule.options) ?? []) add(names);
    }
  }
  return [...found.values()];
}
