import type { FieldSpec } from '../spec/index.js';
import { transformRegistry, type ValueKind } from '../transforms/index.js';

/** The kind of value a field holds once its rules have run: the last rule that decides it, text when none does. */
export function fieldValueKind(field: FieldSpec): ValueKind {
  let kind: ValueKind = 'text';
  for (const rule of field.rules) {
    const transform = transformRegistry.get(rule.name);
    kind = transform?.givesFor?.(rule.options) ?? transform?.gives ?? kind;
  }
  return kind;
}

// per kind of value, the column types (information_schema's data_type) that hold it unchanged
const fits: Readonly<Record<ValueKind, { readonly types: readonly string[]; readonly wording: string }>> = {
  text: { types: ['text', 'character varying', 'character', 'citext'], wording: 'text (text or varchar)' },
  // money stays decimal: never a binary float
  amount: { types: ['numeric'], wording: 'an amount (numeric)' },
  date: { types: ['date', 'timestamp without time zone', 'timestamp with time zone'], wording: 'a date (date or timestamp)' },
  time: { types: ['time without time zone', 'time with time zone'], wording: 'a time of day (time)' },
  timestamp: { types: ['timestamp with time zone', 'timestamp without time zone'], wording: 'a date and time (timestamp)' },
  id: { types: ['integer', 'bigint'], wording: 'an id (integer or bigint)' },
};

/** True when a column of type `dataType` (as information_schema words it; `udtName` for user-defined ones) holds a value of `kind`. */
export function columnFits(kind: ValueKind, dataType: string, udtName = ''): boolean {
  return fits[kind].types.includes(dataType === 'USER-DEFINED' ? udtName : dataType);
}

/** A kind of value in words, naming the column types that hold it: "an amount (numeric)". */
export function valueKindWording(kind: ValueKind): string {
  return fits[kind].wording;
}
