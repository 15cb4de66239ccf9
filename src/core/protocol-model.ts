/** The protocol of one run: the spec it applied, in plain words, with real examples. */
export interface Protocol {
  readonly customer: string;
  readonly runId: number;
  readonly snapshot: { readonly id: string; readonly hash: string; readonly collectedAt: string };
  readonly spec: { readonly file: string; readonly hash: string };
  /** In load order. */
  readonly entities: readonly ProtocolEntity[];
}

/** One entity: where its rows come from, where they go, and every rule on the way. */
export interface ProtocolEntity {
  readonly name: string;
  /** 1-based position in the load order. */
  readonly position: number;
  readonly source: { readonly file: string; readonly rows: number; readonly sha256: string };
  readonly key: readonly string[];
  readonly table: string;
  readonly generateId: boolean;
  /** Entities its lookups need, so they load first. */
  readonly loadsAfter: readonly string[];
  readonly exclusions: readonly ProtocolExclusion[];
  readonly merge: { readonly on: readonly string[]; readonly reason: string } | null;
  readonly fields: readonly ProtocolField[];
  readonly examples: readonly ProtocolExample[];
  readonly specLine: number;
}

/** Rows deliberately left behind. */
export interface ProtocolExclusion {
  readonly rule: string;
  /** The condition in plain words: `Surname is one of TEST, Test, test`. */
  readonly when: string;
  readonly reason: string;
  readonly specLine: number;
}

/** Where a target field's value comes from. */
export type FieldOrigin =
  | { readonly kind: 'column'; readonly column: string }
  /** No column of its own: its rules read these columns (concat, datetime). */
  | { readonly kind: 'columns'; readonly columns: readonly string[] }
  /** No source column: the rules give every row this value. */
  | { readonly kind: 'constant'; readonly value: string | null }
  /** No source column, and the rules give no single value. */
  | { readonly kind: 'rules' };

/** One target field and how its value is made. */
export interface ProtocolField {
  readonly name: string;
  readonly origin: FieldOrigin;
  /** The condition in plain words, or null when the field is made for every row. */
  readonly when: string | null;
  readonly required: boolean;
  /** In the order they run. */
  readonly rules: readonly ProtocolRule[];
  readonly specLine: number;
}

/** One rule in plain words, e.g. trim: `remove surrounding spaces`. */
export interface ProtocolRule {
  readonly name: string;
  readonly words: string;
  readonly specLine: number;
}

/** One source row of the snapshot shown before and after every rule. */
export interface ProtocolExample {
  /** The line in the delivered file, or the row's ordinal in a database table. */
  readonly line: number;
  /** The source key as people read it, null when blank. */
  readonly key: string | null;
  readonly fields: readonly ExampleField[];
}

/** One field of an example row: the raw value and the value after each rule. */
export interface ExampleField {
  readonly field: string;
  /** The source column, null when the field has none. */
  readonly column: string | null;
  /** The value as delivered ('' from files, null from databases or without a column). */
  readonly source: string | null;
  /** False when the field's condition does not hold for this row, so no rule ran. */
  readonly used: boolean;
  readonly steps: readonly { readonly rule: string; readonly value: string | null }[];
  /** True when the value loaded differs from the value delivered. */
  readonly changed: boolean;
}
