import type { QualifiedName } from '../database.js';

/**
 * Splits `schema.table` at its first dot; a name without a dot is in `public`.
 * @example parsePostgresTableName('crm.people') // { schema: 'crm', table: 'people' }
 */
export function parsePostgresTableName(name: string): QualifiedName {
  const dot = name.indexOf('.');
  return dot < 0 ? { schema: 'public', table: name } : { schema: name.slice(0, dot), table: name.slice(dot + 1) };
}
