/** What became of one source row in the mapper. */
export type RowOutcome =
  /**
   * One value per field, in the entity's field order; with a deferred lookup into the
   * entity itself, that field holds the id of a row mapped already or is blank, and
   * `selfRefs` holds the keys, one per `selfFields`.
   */
  | { readonly kind: 'mapped'; readonly values: readonly (string | null)[]; readonly selfRefs?: readonly (string | null)[] }
  /**
   * The first exclusion rule that matched; `message` is its reason. A row kept out by an
   * erasure list or a retention rule, or with a parent that is, has `cause`: the root
   * reason, which the rows naming it are kept out with.
   */
  | { readonly kind: 'excluded'; readonly rule: string; readonly message: string; readonly cause?: string }
  /** The first field that failed; `value` is the raw source value, `others` counts the other failing fields. */
  | {
      readonly kind: 'rejected';
      readonly code: 'invalid_value' | 'orphan';
      readonly field: string;
      readonly value: string | null;
      readonly message: string;
      readonly others: number;
    };
