import type { DedupProposal, ProposedPair } from '../core/dedup/index.js';
import { escapeHtml, formatCount } from './html.js';

/** What the dedup review page shows. */
export interface DedupPage extends DedupProposal {
  readonly entity: string;
  readonly snapshot: string;
  readonly mergeAt: number;
  readonly reviewAt: number;
  /** the comparisons' names, in spec order */
  readonly comparisons: readonly string[];
  /** per source key shown, the compared values as the file held them */
  readonly values: ReadonlyMap<string, Readonly<Record<string, string>>>;
}

const decisionWords: Readonly<Record<ProposedPair['decision'], string>> = {
  merge: 'merge',
  review: 'to review',
  apart: 'kept apart',
  accepted: 'accepted by a person',
  rejected: 'rejected by a person',
  forced: 'forced together by a person',
};

const style = `
body { font: 14px/1.4 system-ui, sans-serif; margin: 2em; color: #222; }
table { border-collapse: collapse; margin: 0.5em 0 1.5em; }
th, td { border: 1px solid #ccc; padding: 0.25em 0.6em; text-align: left; vertical-align: top; }
th { background: #f3f3f3; }
td.agree { background: #e3f4e3; } td.close { background: #fdf3d0; } td.differ { background: #f8dede; } td.blank { color: #888; }
.survivor { font-weight: 600; }
`;

/** The values of one row, one cell per comparison. */
function valueCells(page: DedupPage, key: string): string {
  const values = page.values.get(key) ?? {};
  return page.comparisons.map((c) => `<td>${escapeHtml(values[c] ?? '')}</td>`).join('');
}

/** One pair: its keys, score and decision, then per comparison both values, coloured by how they compared. */
function pairRows(page: DedupPage, p: ProposedPair): string {
  const a = page.values.get(p.a) ?? {};
  const b = page.values.get(p.b) ?? {};
  const cells = page.comparisons
    .map((c) => `<td class="${p.fields[c]}">${escapeHtml(a[c] ?? '')}<br>${escapeHtml(b[c] ?? '')}<br><small>${p.fields[c]}</small></td>`)
    .join('');
  return `<tr><td>${escapeHtml(p.a)}<br>${escapeHtml(p.b)}</td><td>${p.score.toFixed(3)}</td><td>${decisionWords[p.decision]}</td>${cells}</tr>`;
}

/**
 * The review page of a dedup proposal: the clusters with each member's values, then
 * every pair at or above review_at with which fields agreed, were close or differed.
 */
export function renderDedupPage(page: DedupPage): string {
  const head = page.comparisons.map((c) => `<th>${escapeHtml(c)}</th>`).join('');
  const clusters = page.clusters
    .map((c) =>
      c.members
        .map((m, i) => `<tr${m === c.survivor ? ' class="survivor"' : ''}>${i === 0 ? `<td rowspan="${c.members.length}">${escapeHtml(c.id)}</td>` : ''}<td>${escapeHtml(m)}${m === c.survivor ? ' (keeps)' : ''}</td>${valueCells(page, m)}</tr>`)
        .join(''),
    )
    .join('\n');
  const review = page.pairs.filter((p) => p.decision === 'review');
  const others = page.pairs.filter((p) => p.decision !== 'review');
  const pairTable = (pairs: readonly ProposedPair[]) =>
    `<table><tr><th>rows</th><th>score</th><th>decision</th>${head}</tr>\n${pairs.map((p) => pairRows(page, p)).join('\n')}</table>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Duplicate ${escapeHtml(page.entity)} rows, snapshot ${escapeHtml(page.snapshot)}</title><style>${style}</style></head>
<body>
<h1>Duplicate ${escapeHtml(page.entity)} rows in snapshot ${escapeHtml(page.snapshot)}</h1>
<p>${formatCount(page.rows)} rows, ${formatCount(page.compared)} pairs compared within their blocks.
Pairs scoring ${page.mergeAt} or more are merged; from ${page.reviewAt} they wait for a person to decide.
${formatCount(page.clusters.length)} clusters to merge, ${formatCount(review.length)} pairs to review.</p>
<h2>Pairs to review</h2>
${review.length === 0 ? '<p>None.</p>' : `${pairTable(review)}
<p>Decide with <code>cutover dedup review accept KEY KEY</code> or <code>cutover dedup review reject KEY KEY</code>.</p>`}
<h2>Clusters to merge</h2>
${page.clusters.length === 0 ? '<p>None.</p>' : `<table><tr><th>cluster</th><th>row</th>${head}</tr>\n${clusters}</table>`}
<h2>Every merged or decided pair</h2>
${others.length === 0 ? '<p>None.</p>' : pairTable(others)}
</body></html>
`;
}
