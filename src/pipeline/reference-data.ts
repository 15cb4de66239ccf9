import { CutoverError } from '../core/cutover-error.js';
import { ColumnBinder, type MappingContext } from '../core/mapping/index.js';
import { SpecError, type EntitySpec, type Spec, type SpecLocation } from '../core/spec/index.js';
import { transformRegistry } from '../core/transforms/transform-registry.js';
import type { SnapshotKey } from '../store/sealed/index.js';
import type { SnapshotManifest } from '../store/snapshot-manifest.js';
import type { ProjectLayout } from '../store/project-layout.js';
import { snapshotTableSource } from '../store/snapshot-table-source.js';
import type { KeyMaps } from './entity-mapper.js';
import { TakenValues } from './taken-values.js';

const sep = '\u001f';

/** Where a rule names reference data: the entity and field it takes, or the table, key and column. */
interface TakeUse {
  readonly entity: string;
  readonly field: string;
}
interface TableUse {
  readonly table: string;
  readonly key: string;
  readonly take: string;
  readonly where: SpecLocation;
}

/** What the rules of a spec take besides parents' ids: parents' fields, and columns of tables not migrated. */
function usesOf(spec: Spec): { takes: TakeUse[]; tables: TableUse[] } {
  const takes = new Map<string, TakeUse>();
  const tables = new Map<string, TableUse>();
  for (const entity of spec.entities) {
    for (const field of entity.fields) {
      for (const rule of field.rules) {
        const transform = transformRegistry.get(rule.name);
        const parent = transform?.parentOf?.(rule.options);
        const take = transform?.takesField?.(rule.options);
        if (parent !== undefined && take !== undefined) takes.set(`${parent}${sep}${take}`, { entity: parent, field: take });
        const table = transform?.readsTable?.(rule.options);
        if (table !== undefined) tables.set(`${table.table}${sep}${table.key}${sep}${table.take}`, { ...table, where: rule.where });
      }
    }
  }
  return { takes: [...takes.values()], tables: [...tables.values()] };
}

/**
 * The reference data a run's lookups take: the fields of parents some rule takes (kept as
 * each parent is mapped, only those fields) and the tables of the snapshot read by key (read
 * once each, before mapping). Memory: a key and a value per row, off the heap.
 */
export class ReferenceData {
  private readonly taken = new Map<string, TakenValues>();
  private readonly tables = new Map<string, TakenValues>();

  private constructor(private readonly keyMaps: KeyMaps, private readonly takes: readonly TakeUse[]) {
    for (const t of takes) this.taken.set(`${t.entity}${sep}${t.field}`, new TakenValues());
  }

  /** Reads the tables the spec's lookups take values from. */
  static async load(spec: Spec, o: { layout: ProjectLayout; snapshot: SnapshotManifest; key: SnapshotKey; keyMaps: KeyMaps; opened?: (blob: string) => void }): Promise<ReferenceData> {
    const { takes, tables } = usesOf(spec);
    const data = new ReferenceData(o.keyMaps, takes);
    for (const use of tables) {
      if (!o.snapshot.tables.some((t) => t.name === use.table)) {
        throw new CutoverError(
          'source_missing',
          `${use.where.file} line ${use.where.line}: a lookup reads ${use.table}, which is not in snapshot ${o.snapshot.id} (it holds: ${o.snapshot.tables.map((t) => t.name).join(', ')}).`,
        );
      }
      const source = snapshotTableSource(o.layout, o.snapshot, use.table, o.key, o.opened);
      const binder = new ColumnBinder(source.columns, source.name);
      const keyAt = binder.index(use.key, use.where);
      const takeAt = binder.index(use.take, use.where);
      if (binder.problems.length > 0) throw new SpecError(binder.problems);
      const values = new TakenValues();
      for await (const chunk of source.rowChunks()) {
        for (const row of chunk) {
          const key = row.values[keyAt]?.trim();
          const value = row.values[takeAt] ?? null;
          // the first row of a key is the one taken, as a database's first match would be
          if (key) values.set(key, value === '' ? null : value, true);
        }
      }
      data.tables.set(`${use.table}${sep}${use.key}${sep}${use.take}`, values);
    }
    return data;
  }

  /** The fields of `entity` to keep as it is mapped, by index. */
  keepFor(entity: EntitySpec): { index: number; values: TakenValues }[] {
    return this.takes
      .filter((t) => t.entity === entity.name)
      .map((t) => ({ index: entity.fields.findIndex((f) => f.name === t.field), values: this.taken.get(`${t.entity}${sep}${t.field}`)! }));
  }

  /** What lookups ask besides a parent's id. */
  context(): Pick<MappingContext, 'take' | 'reference'> {
    return {
      take: (entity, field, key) => {
        // a parent row the target refused, or took out again, gives nothing
        const id = this.keyMaps.get(entity)?.get(key);
        if (id === undefined || id === null) return undefined;
        return this.taken.get(`${entity}${sep}${field}`)?.get(key);
      },
      reference: (table, key, take, value) => this.tables.get(`${table}${sep}${key}${sep}${take}`)?.get(value),
    };
  }
}
