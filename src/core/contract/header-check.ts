import { closestName } from '../spec/closest-name.js';
import type { CheckCode, CheckProblem } from './check-problem.js';
import type { FileContract } from './contract-model.js';
import { listInWords } from './value-examples.js';

/** The header against the contract: the problems, and where each contract column sits (-1 when absent). */
export interface HeaderCheck {
  readonly problems: readonly CheckProblem[];
  readonly positions: ReadonlyMap<string, number>;
}

/**
 * Compares a file's header with its contract: missing columns (and the ones that look
 * renamed), columns the contract does not name, and the order when it is fixed.
 * @example checkHeader(contract, ['PersonID', 'Surname']).problems
 */
export function checkHeader(contract: FileContract, columns: readonly string[]): HeaderCheck {
  const file = contract.name;
  const problems: CheckProblem[] = [];
  const positions = new Map<string, number>();
  for (const rule of contract.columns) positions.set(rule.name, columns.indexOf(rule.name));
  const named = new Set(contract.columns.map((rule) => rule.name));
  const unexpected = columns.filter((column) => !named.has(column));
  const renamed = new Set<string>();
  const at = (column: string | null, code: CheckCode, severity: 'error' | 'warning', message: string): void => {
    problems.push({ file, line: 1, column, code, severity, message });
  };
  for (const rule of contract.columns) {
    if (positions.get(rule.name)! >= 0) continue;
    const candidate = closestName(rule.name, unexpected.filter((column) => !renamed.has(column)));
    if (candidate !== undefined) {
      renamed.add(candidate);
      at(candidate, 'column_renamed', rule.required ? 'error' : 'warning', `the header has "${candidate}" where the contract expects the column "${rule.name}": rename the column back, or correct the contract if the new name is agreed`);
    } else if (rule.required) {
      at(rule.name, 'column_missing', 'error', `the column "${rule.name}" is missing from the header; the file has ${listInWords(columns.map((c) => `"${c}"`))}`);
    }
  }
  if (contract.extraColumns !== 'allowed') {
    for (const column of unexpected) {
      if (!renamed.has(column)) at(column, 'column_unexpected', contract.extraColumns, `the header has a column "${column}" that the contract does not name`);
    }
  }
  if (contract.columnOrder === 'fixed') {
    const agreed = contract.columns.map((rule) => rule.name).filter((name) => positions.get(name)! >= 0);
    const found = [...agreed].sort((a, b) => positions.get(a)! - positions.get(b)!);
    if (agreed.some((name, k) => name !== found[k])) {
      at(null, 'column_order', 'error', `the columns are not in the agreed order: expected ${agreed.join(', ')}; found ${found.join(', ')}`);
    }
  }
  return { problems, positions };
}
