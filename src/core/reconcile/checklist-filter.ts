import { ColumnBinder } from '../mapping/column-binder.js';
import { SpecError } from '../spec/spec-error.js';
import type { ChecklistItem } from '../spec/spec-model.js';

/** A compiled checklist filter: does this raw source row count? */
export type RowFilter = (values: readonly (string | null)[]) => boolean;

/**
 * Binds a checklist line's filter to a source's columns. Values compare with the
 * surrounding spaces removed, as the customer's own screens show them. A column the
 * source lacks throws a SpecError pointing at the spec line.
 */
export function compileChecklistFilter(item: ChecklistItem, columns: readonly string[], sourceName: string): RowFilter {
  const binder = new ColumnBinder(columns, sourceName);
  const tests = item.filter.map((f) => ({ index: binder.index(f.column, f.where), values: new Set(f.values.map((v) => v.trim())) }));
  if (binder.problems.length > 0) throw new SpecError(binder.problems);
  return (values) => tests.every((t) => t.values.has((values[t.index] ?? '').trim()));
}

/**
 * A checklist line's filter in words.
 * @example describeFilter(item) // 'Status is Current'; 'Status is For Sale or To Let'; 'every row'
 */
export function describeFilter(item: Pick<ChecklistItem, 'filter'>): string {
  if (item.filter.length === 0) return 'every row';
  return item.filter.map((f) => `${f.column} is ${f.values.join(' or ')}`).join(', and ');
}
