import type { CsvFileWriter } from './csv-file-writer.js';
import { dateText, dayBetween, impossibleDateText, pickDateFormat, type DateFormat } from './date-text.js';
import { diaryId, diaryKind, earlierEntry } from './diary-facts.js';
import { plant, settle, type ExportContext, type SampleFile } from './export-context.js';
import { noteText } from './note-text.js';
import { findPerson, personId } from './person-facts.js';
import { findProperty, propertyId } from './property-facts.js';
import { rowRandom, streams } from './sample-plan.js';
import { diaryNotes } from './word-lists.js';

/** diary.csv: UTF-8, LF. */
export const diaryFile: SampleFile = {
  name: 'diary.csv',
  entity: 'diary_entry',
  layout: { delimiter: ',', eol: '\n', encoding: 'utf-8', bom: false },
  columns: ['EntryID', 'Type', 'PropertyID', 'PersonID', 'Date', 'Time', 'Notes'],
  write: writeDiary,
};

// notes typed with a comma the old export did not quote: the row gets one field too many
const RAGGED_NOTES: readonly (readonly [string, string])[] = [
  ['Keys collected', ' all fine'],
  ['Buyer keen', ' wants a second viewing'],
  ['Tenant out', ' keys left with neighbour'],
];

const TYPES = ['Viewing', 'Viewing', 'Valuation', 'Inspection'] as const;
const MINUTES = ['00', '15', '30', '45'] as const;

/** Writes every diary entry; the person, when there is one, may be a near duplicate (it loads through the original). */
async function writeDiary(ctx: ExportContext, out: CsvFileWriter): Promise<void> {
  const { plan } = ctx;
  out.header(diaryFile.columns);
  for (let d = 0; d < plan.diary; d += 1) {
    const kind = diaryKind(plan, d);
    const r = rowRandom(plan, streams.diary, d);
    const loads = kind === 'clean';
    const id = kind === 'blank' ? (r.chance(0.5) ? '' : ' ') : kind === 'duplicate' ? diaryId(earlierEntry(plan, d)) : diaryId(d);
    const type = r.pick(TYPES);
    const property = findProperty(plan, r.int(plan.properties), () => true);
    const personStart = r.int(plan.people);
    const person = r.chance(0.7) ? personId(findPerson(plan, personStart, (_, k) => k === 'clean' || k === 'near-duplicate')) : '';
    const format: DateFormat = d === 5 ? 'yyyy-MM-dd' : d === 6 ? 'd MMM yyyy' : pickDateFormat(r, loads);
    const date = dateText(dayBetween(r, 2015, 2024), format);
    const dateWritten = kind === 'impossible' ? impossibleDateText(r, 2015, 2024) : date.text;
    const time = r.chance(0.9) ? `${String(r.between(8, 19)).padStart(2, '0')}:${r.pick(MINUTES)}` : '';
    const notes = noteText(r, diaryNotes, '\n', !loads ? 'never' : d === 5 ? 'always' : 'sometimes');
    const head = [id, type, propertyId(property), person, dateWritten, time];
    const line = kind === 'ragged' ? out.row([...head, ...r.pick(RAGGED_NOTES)]) : out.row([...head, notes.text]);

    const key = id.trim();
    switch (kind) {
      case 'blank':
        plant(ctx, diaryFile, { kind: 'blank-key', line, key, outcome: 'rejected', reason: 'blank_key', note: 'EntryID is blank' });
        break;
      case 'duplicate':
        plant(ctx, diaryFile, { kind: 'duplicate-key', line, key, outcome: 'rejected', reason: 'duplicate_key', note: `EntryID ${key} was already used by an earlier row` });
        break;
      case 'ragged':
        plant(ctx, diaryFile, { kind: 'ragged-row', line, key, outcome: 'rejected', reason: 'ragged_row', note: 'Notes holds an unquoted comma, so the row has 8 fields instead of 7' });
        break;
      case 'impossible':
        plant(ctx, diaryFile, { kind: 'impossible-date', line, key, outcome: 'rejected', reason: 'invalid_value', field: 'entry_date', note: `Date ${dateWritten} is not a real date` });
        break;
      case 'clean':
        if (format !== 'dd/MM/yyyy') {
          plant(ctx, diaryFile, { kind: 'date-format-variant', line, key, outcome: 'repaired', field: 'entry_date', expected: date.iso, note: `Date written ${date.text} (${format})` });
        }
        if (notes.multiline) {
          plant(ctx, diaryFile, { kind: 'embedded-newline', line, key, outcome: 'repaired', field: 'notes', expected: notes.text.trim(), note: 'Notes spans two lines inside quotes (LF kept)' });
        }
        break;
    }
    if (out.full || ctx.defects.full) await settle(ctx, out);
  }
}
