/** One column of a target table, as the target's schema script declares it. */
export interface TargetColumn {
  readonly name: string;
  /** PostgreSQL's name for the type: `text`, `bigint`, `numeric`, `date`, `time without time zone`… */
  readonly type: string;
  readonly nullable: boolean;
  /** digits after the point, for a numeric column that declares them */
  readonly scale?: number;
  /** the table a foreign key of this one column points at */
  readonly references?: string;
  /** the values a `CHECK (column IN (...))` allows */
  readonly allowed?: readonly string[];
}

/** One table of the target, its columns in declared order. */
export interface TargetTable {
  readonly name: string;
  readonly columns: readonly TargetColumn[];
  readonly primaryKey: readonly string[];
}
