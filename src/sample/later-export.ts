import { CutoverError } from '../core/cutover-error.js';
import type { ChangesWriter } from './change-manifest.js';
import type { CsvFileWriter, RowEditor } from './csv-file-writer.js';
import { daysFromCivil } from './date-text.js';
import { settle, type ExportContext, type SampleFile } from './export-context.js';
import { fileEdits } from './later-edits.js';
import { newBalance, newDiaryEntry, newPerson, newPersonId, newProperty, newRole, newTenancy, type NewRows } from './later-rows.js';
import { randomFor, type Random } from './random.js';
import type { SamplePlan } from './sample-plan.js';

/** The most days a later export may be taken after the first. */
export const daysLaterMax = 365;

// about 1% of rows a day: 0.6% of existing rows touched (not every touch changes something), 0.4% new
const TOUCHED_PER_DAY = 0.006;
const NEW_PER_DAY = 0.004;
// the day the first export was taken; a later one is taken `days` after it
const FIRST_EXPORT_DAY = daysFromCivil(2025, 11, 20);

// the random streams of a later export, past the first export's, one per file and purpose
const EDIT_STREAM = 100;
const NEW_STREAM = 200;

/** The source key columns of each file, as the sample project's spec names them. */
const KEY_COLUMNS: Readonly<Record<string, readonly number[]>> = {
  'person_roles.csv': [0, 1],
};

/** Checks the days asked for a later export. */
export function checkDaysLater(days: number): void {
  if (!Number.isInteger(days) || days < 0 || days > daysLaterMax) {
    throw new CutoverError('sample_days', `The days after the first export must be a whole number from 0 to ${daysLaterMax}; got ${days}.`);
  }
}

/**
 * The same customer's export `days` days later: existing rows edited, deleted or moved
 * to another parent as they are written, new rows added at the end of each file, and
 * every change recorded in `changes.json`. Every decision is a pure function of the
 * seed, the file, the row and the days, so the same seed and days give the same bytes.
 */
export class LaterExport {
  private readonly fresh: NewRows;
  private readonly touched: number;

  constructor(
    private readonly plan: SamplePlan,
    private readonly days: number,
    private readonly changes: ChangesWriter,
  ) {
    const count = (rows: number) => Math.max(1, Math.round(rows * NEW_PER_DAY * days));
    this.touched = Math.min(0.5, TOUCHED_PER_DAY * days);
    this.fresh = {
      plan, firstDay: FIRST_EXPORT_DAY + 1, day: FIRST_EXPORT_DAY + days,
      people: count(plan.people), properties: count(plan.properties), tenancies: count(plan.tenancies), diary: count(plan.diary),
    };
  }

  private random(stream: number, file: SampleFile, index: number): Random {
    return randomFor(this.plan.seed, stream + fileNumber(file), index);
  }

  /** The editor of `file`'s existing rows; rows with a blank key are never touched (no key, no change to name). */
  editor(file: SampleFile): RowEditor {
    const edits = fileEdits[file.name];
    const keyColumns = KEY_COLUMNS[file.name] ?? [0];
    return {
      edit: (values, ordinal) => {
        if (edits === undefined) return values;
        const parts = keyColumns.map((i) => (values[i] ?? '').trim());
        if (parts.some((p) => p === '')) return values;
        const r = this.random(EDIT_STREAM, file, ordinal);
        if (r.float() >= this.touched) return values;
        const edit = edits(values, r, this.plan, this.fresh.day);
        if (edit === undefined) return values;
        const key = parts.join(' / ');
        if (edit.kind === 'deleted') {
          this.changes.add({ table: file.name, key, kind: 'deleted' });
          return null;
        }
        this.changes.add({ table: file.name, key, kind: edit.kind, columns: edit.columns });
        return edit.values;
      },
    };
  }

  /** Writes the rows added to `file` since the first export, at its end, and records them. */
  async addNew(file: SampleFile, ctx: ExportContext, out: CsvFileWriter): Promise<void> {
    const n = this.fresh;
    const rows = (count: number, make: (j: number, r: Random) => string[]) => ({ count, make });
    const added = {
      'people.csv': rows(n.people, (j, r) => newPerson(n, j, r)),
      'person_roles.csv': rows(n.people, (j) => [newPersonId(n, j), newRole(j)]),
      'properties.csv': rows(n.properties, (j, r) => newProperty(n, j, r)),
      'tenancies.csv': rows(n.tenancies, (j, r) => newTenancy(n, j, r)),
      'diary.csv': rows(n.diary, (j, r) => newDiaryEntry(n, j, r)),
      'balances.csv': rows(n.tenancies, (j, r) => newBalance(n, j, r)),
    }[file.name];
    if (added === undefined) return;
    const keyColumns = KEY_COLUMNS[file.name] ?? [0];
    for (let j = 0; j < added.count; j++) {
      const values = added.make(j, this.random(NEW_STREAM, file, j));
      out.added(values);
      this.changes.add({ table: file.name, key: keyColumns.map((i) => values[i]).join(' / '), kind: 'new' });
      if (out.full || ctx.defects.full || this.changes.full) await settle(ctx, out);
    }
  }
}

const FILES = ['people.csv', 'person_roles.csv', 'suppliers.csv', 'properties.csv', 'tenancies.csv', 'diary.csv', 'balances.csv'];
const fileNumber = (file: SampleFile) => FILES.indexOf(file.name);
