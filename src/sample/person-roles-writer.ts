import type { CsvFileWriter } from './csv-file-writer.js';
import { plant, settle, type ExportContext, type SampleFile } from './export-context.js';
import { earlierPerson, personId, personKind } from './person-facts.js';
import { nearDuplicateRoles, personRoles } from './role-facts.js';

/** person_roles.csv: UTF-8 without BOM, LF; codes sometimes lower case or padded. */
export const personRolesFile: SampleFile = {
  name: 'person_roles.csv',
  entity: 'person_role',
  layout: { delimiter: ',', eol: '\n', encoding: 'utf-8', bom: false },
  columns: ['PersonID', 'RoleCode'],
  write: writePersonRoles,
};

/**
 * Writes the roles of every clean person and of every near duplicate; rows that are not
 * loaded (test records, blank or duplicate keys, impossible dates) get no roles.
 */
async function writePersonRoles(ctx: ExportContext, out: CsvFileWriter): Promise<void> {
  const { plan } = ctx;
  out.header(personRolesFile.columns);
  for (let i = 0; i < plan.people; i += 1) {
    const kind = personKind(plan, i);
    if (kind === 'clean') {
      for (const role of personRoles(plan, i)) out.row([personId(i), role.written]);
    } else if (kind === 'near-duplicate') {
      const original = earlierPerson(plan, i);
      for (const { row, survivor } of nearDuplicateRoles(plan, i, original)) {
        const line = out.row([personId(i), row.written]);
        plant(ctx, personRolesFile, {
          kind: 'role-of-duplicate', line, key: `${personId(i)} / ${row.written.trim()}`, outcome: 'merged',
          survivor: `${personId(original)} / ${survivor.written.trim()}`,
          note: `${personId(i)} is a near duplicate of ${personId(original)}, who already has role ${row.code}`,
        });
      }
    }
    if (out.full || ctx.defects.full) await settle(ctx, out);
  }
}
