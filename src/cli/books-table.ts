import { formatMoney } from '../report/html.js';
import { attentionInWords } from '../core/reject-limit.js';
import type { RunResult } from '../core/run-result.js';

/** Lays out rows of cells as a plain-text table with right-aligned numbers. */
export function textTable(header: readonly string[], rows: readonly (readonly string[])[], numeric: ReadonlySet<number>): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells.map((c, i) => (numeric.has(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}

/** The run's books per entity and its money lines, for a terminal. */
export function formatBooks(run: RunResult): string {
  const n = (x: number) => x.toLocaleString('en-GB');
  const books = textTable(
    ['entity', 'source', 'loaded', 'rejected', 'excluded', 'merged', 'books'],
    run.entities.map((b) => [b.entity, n(b.source), n(b.loaded), n(b.rejected), n(b.excluded), n(b.merged), b.balanced ? 'balanced' : 'NOT BALANCED']),
    new Set([1, 2, 3, 4, 5]),
  );
  if (run.money.length === 0) return books;
  const money = textTable(
    ['money', 'account', 'source', 'not loaded', 'target', 'difference'],
    run.money.map((m) => [`${m.entity}.${m.field}`, m.group, formatMoney(m.sourceTotal), formatMoney(m.notLoadedTotal), formatMoney(m.targetTotal), m.balanced ? '0.00' : formatMoney(m.difference)]),
    new Set([2, 3, 4, 5]),
  );
  return `${books}\n\n${money}`;
}

/** How a run ended, in words: the status, and for a run that needs attention each entity past its limit with its commonest reasons. */
export function runEnding(run: RunResult, noun = 'Run'): string {
  if (run.status === 'failed') return `${noun} ${run.runId} FAILED: ${run.error}`;
  if (run.status === 'succeeded') return `${noun} ${run.runId} succeeded: every source row is accounted for.`;
  const lines = attentionInWords(run.attention ?? []).map((line) => `  ${line}`);
  return [`${noun} ${run.runId} NEEDS ATTENTION: every row is loaded or accounted for, but more rows were not imported than the spec allows.`, ...lines].join('\n');
}

/** The exit code of a run: 0 when it succeeded, 2 when it needs attention, 1 when it failed. */
export function runExitCode(run: RunResult): number {
  return run.status === 'succeeded' ? 0 : run.status === 'needs_attention' ? 2 : 1;
}
