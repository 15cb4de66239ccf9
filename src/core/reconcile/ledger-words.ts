import { rejectReasonLabels, type RejectReason } from '../ledger.js';

/**
 * Plain words for a group of ledger rows, for people who know their data, not SQL.
 * @example explanationWords('excluded', 'test-records', 'test record created for staff training')
 * // 'left out by the rule "test-records": test record created for staff training'
 */
export function explanationWords(outcome: string, reason: string, ruleReason?: string): string {
  if (outcome === 'excluded') return `left out by the rule "${reason}"${ruleReason === undefined ? '' : `: ${ruleReason}`}`;
  if (outcome === 'merged') return 'merged into another record (the same record typed in twice)';
  const label = rejectReasonLabels[reason as RejectReason];
  return `not imported: ${label ?? reason}`;
}
