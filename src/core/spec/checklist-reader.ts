import { isMap, isSeq } from 'yaml';
import { z } from 'zod';
import { didYouMean } from './closest-name.js';
import type { ChecklistFilter, ChecklistItem, EntitySpec, SpecLocation } from './spec-model.js';
import type { SpecReader } from './spec-reader.js';
import { levelWording, type SpecLevel } from './spec-schemas.js';

const text = z.string().min(1);
/** `Current`, or `[Current, Pending]`: the values a column may have. */
const filterValues = z.preprocess((v) => (typeof v === 'string' ? [v] : v), z.array(text).min(1));

export const checklistItemLevel = {
  schema: z.strictObject({
    label: text,
    entity: text,
    where: z.record(z.string(), filterValues).optional(),
    total: text.optional(),
    by: text.optional(),
  }),
  help: {
    '': 'write each checklist line as - { label: TEXT, entity: ENTITY, where: { COLUMN: VALUE } }',
    label: 'write label: TEXT, the line as the customer reads it, for example label: Tenancies with status Current',
    entity: 'write entity: ENTITY, the entity whose source rows are counted, for example entity: tenancy',
    where: 'write where: { COLUMN: VALUE } or where: { COLUMN: [VALUE, VALUE] }, source columns and the values counted',
    total: 'write total: FIELD, a money field of the entity to add up instead of counting rows, for example total: amount',
    by: 'write by: COLUMN, a source column whose values split the total, for example by: HolderID',
  },
} satisfies SpecLevel;

/**
 * Reads the top-level `checklist:`, the pre-migration checklist: the figures the customer
 * writes down from their current system, each a count (or a money total) of one entity's
 * source rows, optionally filtered on source columns.
 */
export function readChecklist(
  reader: SpecReader,
  node: unknown,
  entities: readonly EntitySpec[],
  written: readonly string[],
  earlier: readonly ChecklistItem[] = [],
): ChecklistItem[] {
  const items: ChecklistItem[] = [];
  const anchor = reader.locate(node);
  if (!isSeq(node)) {
    reader.report('invalid_value', anchor, 'checklist: must be a list; write checklist: followed by lines such as - { label: Contacts, entity: person }');
    return items;
  }
  const labels = new Map<string, SpecLocation>(earlier.map((i) => [i.label, i.where]));
  node.items.forEach((item, index) => {
    const label = reader.text(reader.child(item, 'label'));
    const what = label === undefined ? `checklist line ${index + 1}` : `checklist line "${label}"`;
    const where = reader.locate(item, anchor);
    const before = reader.problems.length;
    const data = reader.check(item, checklistItemLevel.schema, levelWording(checklistItemLevel, what), where);
    if (data === undefined) return;
    const first = labels.get(data.label);
    if (first !== undefined) {
      const place = first.file === where.file ? `line ${first.line}` : `${first.file} line ${first.line}`;
      reader.report('duplicate_name', where, `${what} is written twice (first on ${place}); give each checklist line its own label`);
    }
    labels.set(data.label, where);
    const entity = entities.find((e) => e.name === data.entity);
    const entityWhere = reader.locate(reader.child(item, 'entity'), where);
    if (entity === undefined) {
      // an entity with problems of its own is written but not read: say nothing more here
      if (!written.includes(data.entity)) {
        reader.report('unknown_entity', entityWhere, `${what} counts entity "${data.entity}", which is not in this spec.${didYouMean(data.entity, written)} Its entities are: ${written.join(', ')}`);
      }
      return;
    }
    if (!entity.generateId) {
      reader.report(
        'invalid_value',
        entityWhere,
        `${what} counts entity "${entity.name}", whose rows have no id of their own in the new system (generate_id: false), so they cannot be followed into it; count a parent entity instead`,
      );
    }
    const fieldNames = entity.fields.map((f) => f.name);
    if (data.total !== undefined && !fieldNames.includes(data.total)) {
      reader.report('unknown_field', reader.locate(reader.child(item, 'total'), where), `${what} adds up "${data.total}", which is not a field of entity "${entity.name}".${didYouMean(data.total, fieldNames)}`);
    }
    if (data.by !== undefined && data.total === undefined) {
      reader.report('invalid_value', reader.locate(reader.child(item, 'by'), where), `${what} has by: but no total:; by: splits a money total, write total: FIELD too`);
    }
    const whereNode = reader.child(item, 'where');
    const filter: ChecklistFilter[] = Object.entries(data.where ?? {}).map(([column, values]) => {
      const pair = isMap(whereNode) ? whereNode.items.find((p) => reader.text(p.key) === column) : undefined;
      return { column, values, where: reader.locate(pair?.key, where) };
    });
    if (reader.problems.length > before) return;
    items.push({
      label: data.label,
      entity: entity.name,
      filter,
      ...(data.total === undefined ? {} : { total: data.total }),
      ...(data.by === undefined ? {} : { by: data.by }),
      where,
    });
  });
  return items;
}
