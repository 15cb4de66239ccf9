import type { MoneyFormat } from '../transforms/index.js';
import type { PersonalKind } from '../profile/personal-data.js';

/** The kinds of value a delivery contract can ask of a column. */
export const columnTypes = ['text', 'integer', 'decimal', 'money', 'date', 'datetime', 'time', 'email', 'uk_phone', 'uk_postcode', 'enum'] as const;

/** One kind of value a column must hold. */
export type ColumnType = (typeof columnTypes)[number];

/** The text encodings a contract can ask for; `any` accepts whatever the file is in. */
export const contractEncodings = ['utf-8', 'windows-1252', 'utf-16le', 'utf-16be', 'any'] as const;

export type ContractEncoding = (typeof contractEncodings)[number];

/** How bad a problem is: an error makes a delivery unacceptable, a warning does not. */
export type Severity = 'error' | 'warning';

/** What one column of a delivered file must hold. */
export interface ColumnRule {
  readonly name: string;
  /** What people call the column in messages, e.g. `tenancy start date`. */
  readonly label: string;
  readonly type: ColumnType;
  /** The column must be in the header. */
  readonly required: boolean;
  /** Rows may leave the column empty. */
  readonly allowBlank: boolean;
  /** How bad a wrong value in this column is. */
  readonly severity: Severity;
  /** Date, date-and-time or time formats, such as `dd/MM/yyyy` or `yyyy-MM-dd HH:mm:ss`. */
  readonly formats?: readonly string[];
  /** How numbers and amounts are written. */
  readonly number?: MoneyFormat;
  /** The values an enumeration allows. */
  readonly values?: readonly string[];
  readonly ignoreCase: boolean;
  /** A regular expression the whole value must match. */
  readonly pattern?: string;
  /** A value of the agreed form, shown in messages. */
  readonly example?: string;
  readonly maxLength?: number;
  /** The personal data the column holds, when the contract states it (`personal: full_name`, `personal: none`). */
  readonly personal?: PersonalKind;
}

/** A column whose values must name a row of another file, perhaps only when another column says so. */
export interface ReferenceRule {
  readonly column: string;
  readonly file: string;
  readonly key: string;
  readonly when?: { readonly column: string; readonly values: readonly string[] };
}

/** What one delivered file (or sheet, or table) must look like. */
export interface FileContract {
  readonly name: string;
  /** What one row is, for people: `tenancy`. */
  readonly label: string;
  readonly encoding: ContractEncoding;
  readonly columns: readonly ColumnRule[];
  /** `fixed`: the columns come in the order written; `any`: in any order. */
  readonly columnOrder: 'fixed' | 'any';
  /** What a column the contract does not name is. */
  readonly extraColumns: 'allowed' | Severity;
  /** The columns that tell rows apart: never blank, never repeated. */
  readonly key: readonly string[];
  readonly references: readonly ReferenceRule[];
}

/** A delivery contract: what the customer agreed to deliver, file by file. */
export interface DeliveryContract {
  /** Where it was read from, for messages. */
  readonly source: string;
  readonly files: readonly FileContract[];
}
