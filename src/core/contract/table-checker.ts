import type { SourceRow } from '../source-row.js';
import type { CheckCode, CheckProblem } from './check-problem.js';
import { compileValueCheck, type ValueCheck } from './column-check.js';
import type { ContractEncoding, FileContract, ReferenceRule, Severity } from './contract-model.js';
import { checkHeader } from './header-check.js';
import { KeyTable } from '../key-table.js';
import { encodingName, hasNonAscii, textProblem } from './text-check.js';

/** The values of a column of a file read earlier, or undefined when that file was not read. */
export type ParentKeys = (file: string, column: string) => KeyLookup | undefined;

/** The values a column held, asked one at a time. */
export interface KeyLookup {
  has(value: string): boolean;
  /** The first problem of the row that holds this value, when it has an error of its own. */
  problemOf?(value: string): { readonly line: number; readonly message: string } | undefined;
}

/** A referenced column's values, and for rows with an error of their own, which error: only those are noted. */
class ReferencedValues implements KeyLookup {
  readonly values = new KeyTable();
  readonly #problems = new Map<string, { line: number; message: string }>();

  has(value: string): boolean {
    return this.values.has(value);
  }

  problemOf(value: string): { line: number; message: string } | undefined {
    // most parents have no row with a problem: no lookup at all then
    return this.#problems.size === 0 ? undefined : this.#problems.get(value);
  }

  noteProblem(value: string, line: number, message: string): void {
    if (!this.#problems.has(value)) this.#problems.set(value, { line, message });
  }
}

/** One table to check: its name, header and how it was read, with its contract when it has one. */
export interface TableCheckInput {
  readonly table: string;
  readonly columns: readonly string[];
  /** the encoding the file was read in, for files */
  readonly encoding?: string | undefined;
  readonly contract?: FileContract | undefined;
  readonly parents: ParentKeys;
  /** columns of this table that other files refer to: their values are kept */
  readonly referenced: readonly string[];
}

/** Checks the rows of one table as they stream past; holds only keys, never rows. */
export interface TableChecker {
  /** Problems of the header and the file as a whole, before any row. */
  start(): CheckProblem[];
  /** Appends the problems of one row to `out`. */
  row(row: SourceRow, out: CheckProblem[]): void;
  /** Appends the problems known only at the end. */
  finish(out: CheckProblem[]): void;
  /** The values of the referenced columns, for the files checked after this one. */
  keys(): ReadonlyMap<string, KeyLookup>;
}

interface ColumnSlot {
  readonly index: number;
  readonly name: string;
  readonly label: string;
  readonly severity: Severity;
  readonly allowBlank: boolean;
  readonly check: ValueCheck | undefined;
}

interface ReferenceSlot {
  readonly rule: ReferenceRule;
  readonly index: number;
  readonly label: string;
  readonly when: number;
  readonly values: ReadonlySet<string>;
  readonly parent: KeyLookup;
  /** a reference into the same file, whose rows may come later: checked at the end */
  readonly self?: boolean;
}

const none: readonly CheckProblem[] = [];

// a value held until the file ends must not pin the chunk of text it was cut from
const detach = (text: string): string => (text.length < 13 ? text : (' ' + text).slice(1));

/**
 * Builds the checker of one table: header against contract, then per row ragged rows,
 * broken text, values against their column's rules, blank and repeated keys, and
 * references to files checked before. Keys (with their first line) and referenced values
 * are kept in off-heap key tables: the only memory that grows, a few bytes a character.
 */
export function createTableChecker(input: TableCheckInput): TableChecker {
  const { table: file, columns, contract, encoding } = input;
  const width = columns.length;
  const header = contract ? checkHeader(contract, columns) : undefined;
  const at = (name: string): number => header?.positions.get(name) ?? columns.indexOf(name);
  const slots: ColumnSlot[] = [];
  for (const rule of contract?.columns ?? []) {
    const index = at(rule.name);
    if (index < 0) continue;
    slots.push({ index, name: rule.name, label: rule.label, severity: rule.severity, allowBlank: rule.allowBlank || contract!.key.includes(rule.name), check: compileValueCheck(rule) });
  }
  const labelOf = (name: string): string => contract?.columns.find((rule) => rule.name === name)?.label ?? name;
  const rowLabel = contract?.label ?? 'row';
  const keyIndexes = (contract?.key ?? []).map(at);
  const hasKey = keyIndexes.length > 0 && keyIndexes.every((k) => k >= 0);
  const keyLabel = (contract?.key ?? []).map(labelOf).join(' and ');
  const firstLine = new KeyTable();
  const unchecked: ReferenceRule[] = [];
  const references: ReferenceSlot[] = [];
  // references into this same file: its own values of the key, and the references not yet met
  const selfKeys = new Map<string, KeyTable>();
  const selfPending: { line: number; value: string; slot: ReferenceSlot }[] = [];
  const selfSlots: { index: number; values: KeyTable }[] = [];
  for (const rule of contract?.references ?? []) {
    const index = at(rule.column);
    const when = rule.when ? at(rule.when.column) : -1;
    if (index < 0 || (rule.when && when < 0)) continue;
    if (rule.file === file && at(rule.key) >= 0) {
      let values = selfKeys.get(rule.key);
      if (values === undefined) {
        selfKeys.set(rule.key, (values = new KeyTable()));
        selfSlots.push({ index: at(rule.key), values });
      }
      references.push({ rule, index, label: labelOf(rule.column), when, values: new Set(rule.when?.values ?? []), parent: values, self: true });
      continue;
    }
    const parent = input.parents(rule.file, rule.key);
    if (parent === undefined) unchecked.push(rule);
    else references.push({ rule, index, label: labelOf(rule.column), when, values: new Set(rule.when?.values ?? []), parent });
  }
  const kept = new Map<string, ReferencedValues>();
  const keptSlots: { index: number; values: ReferencedValues }[] = [];
  for (const name of input.referenced) {
    const index = at(name);
    const values = new ReferencedValues();
    kept.set(name, values);
    if (index >= 0) keptSlots.push({ index, values });
  }
  const expected: ContractEncoding = contract?.encoding ?? 'any';
  let encodingToWarn = expected !== 'any' && encoding !== undefined && encoding !== expected;
  let rows = 0;

  const problem = (line: number, column: string | null, code: CheckCode, severity: Severity, message: string): CheckProblem => ({ file, line, column, code, severity, message });

  function missingReference(line: number, ref: ReferenceSlot, value: string): CheckProblem {
    return problem(line, ref.rule.column, 'reference_missing', 'error', `the ${ref.label} "${value}" does not exist in ${ref.rule.file}: no row there has the ${ref.rule.key} "${value}"`);
  }

  /** Keeps the values others refer to; a row with an error of its own (its first in `mine`) is noted with it. */
  function keepValues(values: readonly (string | null)[], line: number, mine: readonly CheckProblem[]): void {
    for (const slot of selfSlots) {
      const value = values[slot.index]?.trim();
      if (value) slot.values.set(value, null);
    }
    const error = mine.find((p) => p.severity === 'error');
    for (const slot of keptSlots) {
      const value = values[slot.index]?.trim();
      if (!value) continue;
      slot.values.values.set(value, null);
      if (error !== undefined) slot.values.noteProblem(detach(value), line, error.message);
    }
  }

  return {
    start() {
      const out: CheckProblem[] = [...(header?.problems ?? [])];
      for (const rule of unchecked) {
        out.push({ file, line: null, column: rule.column, code: 'reference_unchecked', severity: 'warning', message: `the ${labelOf(rule.column)} was not checked against ${rule.file}, which is not part of this check: check the whole delivery to check it` });
      }
      return out;
    },

    row(row, out) {
      rows++;
      const before = out.length;
      const { values, line } = row;
      for (let i = 0; i < values.length; i++) {
        const value = values[i];
        if (!value) continue;
        const text = textProblem(value, encoding);
        if (text) out.push(problem(line, columns[i] ?? `value ${i + 1}`, text.code, 'error', `the ${i < width ? labelOf(columns[i]!) : `value ${i + 1}`} ${text.message}`));
        if (encodingToWarn && hasNonAscii(value)) {
          encodingToWarn = false;
          out.push(problem(line, columns[i] ?? null, 'encoding_unexpected', 'warning', `${file} is written in ${encodingName(encoding!)}, not in ${encodingName(expected)} as agreed; this line holds its first letter outside plain English ("${value}"). It was read correctly, but ask for ${encodingName(expected)} next time`));
        }
      }
      if (values.length !== width) {
        const many = values.length > width;
        const broken = values.some((v) => v !== null && /[\r\n]/.test(v));
        const hint = broken
          ? 'a quote is probably missing or misplaced, so line breaks or separators inside a value were read as the end of it'
          : many
            ? 'a value probably holds the separator without quotes around it'
            : 'values are missing at the end of the row';
        out.push(problem(line, null, 'ragged_row', 'error', `this ${rowLabel} has ${values.length} values but the header has ${width} columns: ${hint}`));
        // its values cannot be trusted to sit under their columns; the key still names a row others may refer to
        keepValues(values, line, out.length > before ? out.slice(before) : none);
        return;
      }
      for (const slot of slots) {
        const raw = values[slot.index];
        const value = raw == null ? '' : raw.trim();
        if (value === '') {
          if (!slot.allowBlank) out.push(problem(line, slot.name, 'value_blank', slot.severity, `the ${slot.label} is empty, and it must be filled in`));
          continue;
        }
        const found = slot.check?.(value);
        if (found) out.push(problem(line, slot.name, found.code, found.severity ?? slot.severity, found.message));
      }
      if (hasKey) {
        let blank = -1;
        const parts: string[] = [];
        for (const k of keyIndexes) {
          const part = values[k]?.trim() ?? '';
          if (part === '' && blank < 0) blank = k;
          parts.push(part);
        }
        if (blank >= 0) {
          out.push(problem(line, columns[blank]!, 'key_blank', 'error', `the ${keyLabel} is empty, so this ${rowLabel} cannot be told apart from the others`));
        } else {
          const key = parts.join('\u001f');
          const first = firstLine.get(key);
          if (first == null) firstLine.set(key, line);
          else out.push(problem(line, columns[keyIndexes[0]!]!, 'key_duplicate', 'error', `the ${keyLabel} "${parts.join(' / ')}" is used again: line ${first.toLocaleString('en-GB')} has the same one`));
        }
      }
      for (const ref of references) {
        const value = values[ref.index]?.trim();
        if (!value) continue;
        if (ref.when >= 0 && !ref.values.has(values[ref.when]?.trim() ?? '')) continue;
        if (ref.parent.has(value)) {
          const theirs = ref.parent.problemOf?.(value);
          if (theirs !== undefined) {
            out.push(problem(line, ref.rule.column, 'reference_problem', 'warning', `the ${ref.label} "${value}" is on line ${theirs.line} of ${ref.rule.file}, which has a problem of its own (${theirs.message}): if that row is not imported, this one will not be either`));
          }
          continue;
        }
        if (ref.self) selfPending.push({ line, value: detach(value), slot: ref });
        else out.push(missingReference(line, ref, value));
      }
      keepValues(values, line, out.length > before ? out.slice(before) : none);
    },

    finish(out) {
      // the rows a reference into this file pointed ahead to have all been read now
      for (const { line, value, slot } of selfPending) if (!slot.parent.has(value)) out.push(missingReference(line, slot, value));
      selfPending.length = 0;
      if (rows === 0) out.push({ file, line: null, column: null, code: 'file_no_rows', severity: 'warning', message: `${file} has a header but no rows: ask whether it was meant to be empty` });
      firstLine.clear();
    },

    keys: () => kept,
  };
}
