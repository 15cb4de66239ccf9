/** What mapping a row needs from the run: the target id a parent row was given. */
export interface MappingContext {
  /** The new target id of the `entity` row whose source key is `key`, if it was loaded. */
  lookup(entity: string, key: string): string | undefined;
  /** Why the `entity` row with this key was not loaded, in words (see LookupContext). */
  missing?(entity: string, key: string): string;
  /** A mapped field of a loaded parent row (see LookupContext). */
  take?(entity: string, field: string, key: string): string | null | undefined;
  /** A column of a table of the snapshot that is not migrated (see LookupContext). */
  reference?(table: string, key: string, take: string, value: string): string | null | undefined;
  /** Why the `entity` row with this key is kept out for privacy (see LookupContext). */
  keptOut?(entity: string, key: string): { readonly rule: string; readonly cause: string } | undefined;
}
