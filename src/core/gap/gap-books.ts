/** What a gap migration did with one change: applied it, left the target row, or did not apply it, and why. */
export type GapAction =
  /** a new row, or one not in the new system before, now loaded */
  | 'inserted'
  /** a changed row, updated in the fields the spec writes */
  | 'updated'
  /** a deleted row, deleted in the new system too (`on_delete: delete`) */
  | 'deleted'
  /** a deleted row, left in the new system (`on_delete: keep`, or the new system refused to delete it) */
  | 'kept'
  /** a deleted row, marked in the new system (`on_delete: { mark, value }`) */
  | 'marked'
  /** a deleted row that had no record of its own in the new system */
  | 'absent'
  | 'rejected'
  | 'excluded'
  | 'merged'
  /** no change of its own: an unchanged row whose parent is gone, left in the new system and not imported from the later snapshot */
  | 'orphaned';

/** What a change of the diff can end as: each one ends in exactly one. */
export const gapActions: readonly GapAction[] = ['inserted', 'updated', 'deleted', 'kept', 'marked', 'absent', 'rejected', 'excluded', 'merged'];

/**
 * One entity's books for a gap migration: the diff of its source table between the two
 * snapshots, and what became of every change. They balance when every new, changed and
 * deleted row ended in exactly one action.
 */
export interface GapBooks extends Readonly<Record<GapAction, number>> {
  readonly entity: string;
  readonly file: string;
  readonly table: string;
  readonly rowsBefore: number;
  readonly rowsAfter: number;
  readonly added: number;
  readonly changed: number;
  readonly removedAtSource: number;
  readonly unchanged: number;
  readonly balanced: boolean;
}

/** Counts actions into books, given the diff's counts: balanced when the changes and the actions agree. */
export function gapBooks(
  head: { entity: string; file: string; table: string },
  diff: { rowsBefore: number; rowsAfter: number; added: number; changed: number; deleted: number; unchanged: number },
  actions: Readonly<Partial<Record<GapAction, number>>>,
): GapBooks {
  const counted = Object.fromEntries([...gapActions, 'orphaned'].map((a) => [a, actions[a as GapAction] ?? 0])) as Record<GapAction, number>;
  const done = gapActions.reduce((sum, a) => sum + counted[a], 0);
  return {
    ...head, rowsBefore: diff.rowsBefore, rowsAfter: diff.rowsAfter, added: diff.added, changed: diff.changed, removedAtSource: diff.deleted, unchanged: diff.unchanged,
    ...counted,
    balanced: done === diff.added + diff.changed + diff.deleted,
  };
}

/** How far a gap's books are off: changes in the diff that ended in no action (negative: more actions than changes). */
export function gapBooksDifference(b: GapBooks): number {
  return b.added + b.changed + b.removedAtSource - gapActions.reduce((sum, a) => sum + b[a], 0);
}
