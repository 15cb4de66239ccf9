import { maskFreeText, maskPersonal, maskQuoted, maskValue, maskValuesIn } from '../core/profile/index.js';
import { personalColumns, type PersonalColumns } from '../core/personal-columns.js';
import type { Spec } from '../core/spec/index.js';
import { readContractFile } from './check.js';
import { readProjectSpec } from './project-files.js';
import type { ProjectSession } from './project-session.js';

/** How a step shows values to the team: masked by the project's classification, unless the person asked to see them. */
export interface PersonalDataView {
  readonly shown: boolean;
  readonly columns: PersonalColumns;
  /** a value known to be personal, whatever its column */
  personal(value: string): string;
  /** a value of a column of a delivered file */
  column(file: string, column: string, value: string): string;
  /** a value of an entity's field */
  field(entity: string, field: string, value: string): string;
  /** a message that quotes `values` of an entity's field, and may hold e-mails or phones from elsewhere */
  message(text: string, entity?: string, field?: string | null, values?: readonly (string | null)[]): string;
  /** a message about a column of a delivered file, which quotes the value in "double quotes" */
  problem(text: string, file: string, column: string | null): string;
}

/** A view over the classification: the spec's and contract's statements, else the names. */
export function viewOf(columns: PersonalColumns, shown: boolean): PersonalDataView {
  return {
    shown,
    columns,
    personal: (value) => (shown ? value : maskValue(value)),
    column: (file, column, value) => (shown ? value : maskPersonal(value, columns.column(file, column))),
    field: (entity, field, value) => (shown ? value : maskPersonal(value, columns.field(entity, field))),
    message(text, entity, field, values = []) {
      if (shown) return text;
      const personal = entity !== undefined && field !== undefined && field !== null && columns.field(entity, field) !== 'none';
      return personal ? maskValuesIn(text, values) : maskFreeText(text);
    },
    problem(text, file, column) {
      if (shown) return text;
      return column !== null && columns.column(file, column) !== 'none' ? maskQuoted(text) : maskFreeText(text);
    },
  };
}

/**
 * The session's view of personal data. The spec and contract are read when they can be:
 * a project whose spec does not parse still masks, by the columns' names.
 */
export async function personalDataView(session: ProjectSession, spec?: Spec): Promise<PersonalDataView> {
  const config = await session.configIfAny().catch(() => undefined);
  const readSpec = spec ?? (config === undefined ? undefined : await readProjectSpec(session.layout, config).then((s) => s.spec, () => undefined));
  const contract = config === undefined ? undefined : await readContractFile(session.layout.root, config.contract).catch(() => undefined);
  return viewOf(personalColumns(readSpec, contract), session.personalData === 'shown');
}
