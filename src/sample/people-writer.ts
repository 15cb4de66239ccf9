import type { CsvFileWriter } from './csv-file-writer.js';
import { dateText, dayBetween, impossibleDateText, pickDateFormat, type DateFormat } from './date-text.js';
import { plant, settle, type ExportContext, type SampleFile } from './export-context.js';
import { noteText } from './note-text.js';
import { earlierPerson, nearDuplicateIdentity, personId, personIdentity, personKind } from './person-facts.js';
import { phoneText } from './phone-text.js';
import { rowRandom, streams } from './sample-plan.js';
import { personNotes } from './word-lists.js';

/** people.csv: UTF-8 with a BOM, CRLF line ends, notes that span lines. */
export const peopleFile: SampleFile = {
  name: 'people.csv',
  entity: 'person',
  layout: { delimiter: ',', eol: '\r\n', encoding: 'utf-8', bom: true },
  columns: ['PersonID', 'Title', 'Forename', 'Surname', 'Email', 'Phone', 'Created', 'Notes'],
  write: writePeople,
};

/** Writes every people row, planting and recording the people's defects. */
async function writePeople(ctx: ExportContext, out: CsvFileWriter): Promise<void> {
  const { plan } = ctx;
  out.header(peopleFile.columns);
  plant(ctx, peopleFile, { kind: 'utf8-bom', line: 1, key: '', outcome: 'repaired', note: 'people.csv starts with a UTF-8 byte order mark' });
  plant(ctx, peopleFile, { kind: 'crlf-line-ends', line: 1, key: '', outcome: 'repaired', note: 'people.csv ends its lines with CRLF' });
  for (let i = 0; i < plan.people; i += 1) {
    const kind = personKind(plan, i);
    const r = rowRandom(plan, streams.personDetail, i);
    const loads = kind === 'clean';
    const original = kind === 'duplicate' || kind === 'near-duplicate' ? earlierPerson(plan, i) : -1;
    const id = kind === 'blank' ? (r.chance(0.5) ? '' : '   ') : kind === 'duplicate' ? personId(original) : personId(i);
    const who = kind === 'near-duplicate' ? nearDuplicateIdentity(plan, i, original) : personIdentity(plan, i);
    const phone = phoneText(r);
    const format: DateFormat = i === 0 ? 'yyyy-MM-dd' : i === 1 ? 'd MMM yyyy' : pickDateFormat(r, loads);
    const created = dateText(dayBetween(r, 2003, 2024), format);
    const createdText = kind === 'impossible' ? impossibleDateText(r, 2003, 2024) : created.text;
    const notes = noteText(r, personNotes, '\r\n', !loads ? 'never' : i === 1 ? 'always' : 'sometimes');
    const line = out.row([id, who.title, who.forename, who.surname, who.email, phone, createdText, notes.text]);

    const key = id.trim();
    switch (kind) {
      case 'blank':
        plant(ctx, peopleFile, { kind: 'blank-key', line, key, outcome: 'rejected', reason: 'blank_key', note: 'PersonID is blank' });
        break;
      case 'duplicate':
        plant(ctx, peopleFile, { kind: 'duplicate-key', line, key, outcome: 'rejected', reason: 'duplicate_key', note: `PersonID ${key} was already used by an earlier row` });
        break;
      case 'test':
        plant(ctx, peopleFile, { kind: 'test-record', line, key, outcome: 'excluded', reason: 'test-records', note: `a staff training record (Surname ${who.surname})` });
        break;
      case 'near-duplicate':
        plant(ctx, peopleFile, {
          kind: 'near-duplicate-person', line, key, outcome: 'merged', survivor: personId(original),
          note: `${personId(original)} typed in again as ${key}: email "${who.email}", forename "${who.forename}"`,
        });
        break;
      case 'impossible':
        plant(ctx, peopleFile, { kind: 'impossible-date', line, key, outcome: 'rejected', reason: 'invalid_value', field: 'created_on', note: `Created ${createdText} is not a real date` });
        break;
      case 'clean':
        if (format !== 'dd/MM/yyyy') {
          plant(ctx, peopleFile, { kind: 'date-format-variant', line, key, outcome: 'repaired', field: 'created_on', expected: created.iso, note: `Created written ${created.text} (${format})` });
        }
        if (notes.multiline) {
          plant(ctx, peopleFile, { kind: 'embedded-newline', line, key, outcome: 'repaired', field: 'notes', expected: notes.text.trim(), note: 'Notes spans two lines inside quotes (CRLF kept)' });
        }
        break;
    }
    if (out.full || ctx.defects.full) await settle(ctx, out);
  }
}
