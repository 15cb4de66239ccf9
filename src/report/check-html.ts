import { problemKindName, type CheckProblem } from '../core/contract/index.js';
import type { CheckSummary } from '../core/contract/index.js';
import { escapeHtml as e, formatCount as n } from './html.js';

/** What the page shows: whose delivery, what was checked, the counts and the first problems. */
export interface CheckPage {
  readonly customer: string;
  /** `snapshot 20260105-…` or `people.csv` */
  readonly subject: string;
  readonly summary: CheckSummary;
  /** the problems to list, in the order found; perhaps only the first of them */
  readonly problems: readonly CheckProblem[];
}

const css = `
*{box-sizing:border-box}
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;background:#f4f5f7;color:#1d2433}
header{background:#1d2433;color:#fff;padding:18px 28px}
header h1{margin:0 0 4px;font-size:20px}
header p{margin:0;color:#c5cbd8}
main{padding:20px 28px;max-width:1400px}
.verdict{padding:12px 16px;border-radius:8px;margin-bottom:18px;font-weight:600}
.verdict.ok{background:#e3f4e8;color:#1f5e35}
.verdict.bad{background:#fde8e8;color:#8a1c1c}
.card{background:#fff;border-radius:10px;box-shadow:0 1px 3px #0002;margin-bottom:22px;overflow:hidden}
.card h2{margin:0;padding:12px 16px;font-size:16px;border-bottom:1px solid #e3e6ec}
table{width:100%;border-collapse:collapse}
th{text-align:left;font-weight:600;color:#5b6478;font-size:12px;padding:6px 10px;border-bottom:1px solid #e3e6ec}
td{padding:7px 10px;border-bottom:1px solid #eef0f4;vertical-align:top}
.num{text-align:right;font-variant-numeric:tabular-nums}
.error{color:#8a1c1c;font-weight:600;white-space:nowrap}
.warning{color:#7a5200;white-space:nowrap}
.muted{color:#7a8397}
`;

const severityWords = (p: { severity: string }) => (p.severity === 'error' ? '<span class="error">must be fixed</span>' : '<span class="warning">to note</span>');

/**
 * Renders the problem list of a check as one self-contained HTML page the team can send
 * to the customer: the verdict, counts per file and per kind, then each problem with its
 * file, line and column, in plain words.
 */
export function renderCheckPage(page: CheckPage): string {
  const { summary, problems } = page;
  const verdict = summary.acceptable
    ? `<div class="verdict ok">The delivery can be accepted: nothing must be fixed${summary.warnings > 0 ? `, ${n(summary.warnings)} ${summary.warnings === 1 ? 'thing' : 'things'} to note` : ''}.</div>`
    : `<div class="verdict bad">The delivery cannot be accepted yet: ${n(summary.errors)} ${summary.errors === 1 ? 'problem must' : 'problems must'} be fixed${summary.warnings > 0 ? `, and ${n(summary.warnings)} to note` : ''}.</div>`;
  const files = summary.files
    .map((f) => `<tr><td>${e(f.file)}</td><td class="num">${n(f.rows)}</td><td class="num">${n(f.errors)}</td><td class="num">${n(f.warnings)}</td></tr>`)
    .join('');
  const kinds = summary.kinds
    .map((k) => `<tr><td>${e(k.file)}</td><td>${e(problemKindName(k.code))}</td><td>${severityWords(k)}</td><td class="num">${n(k.count)}</td></tr>`)
    .join('');
  const total = summary.errors + summary.warnings;
  const list = problems
    .map((p) => `<tr><td>${e(p.file)}</td><td class="num">${p.line === null ? '' : n(p.line)}</td><td>${e(p.column ?? '')}</td><td>${severityWords(p)}</td><td>${e(p.message)}</td></tr>`)
    .join('');
  const more = problems.length < total ? `<p class="muted" style="padding:0 16px">The first ${n(problems.length)} of ${n(total)} problems are listed here; the workbook lists them all.</p>` : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Delivery check: ${e(page.subject)}</title><style>${css}</style></head>
<body><header><h1>Delivery check for ${e(page.customer)}</h1><p>${e(page.subject)}: ${n(summary.files.length)} files, ${n(summary.rows)} rows</p></header>
<main>${verdict}
<section class="card"><h2>Per file</h2><table><thead><tr><th>File</th><th class="num">Rows</th><th class="num">Must be fixed</th><th class="num">To note</th></tr></thead><tbody>${files}</tbody></table></section>
<section class="card"><h2>Per kind of problem</h2>${kinds ? `<table><thead><tr><th>File</th><th>Kind of problem</th><th></th><th class="num">Count</th></tr></thead><tbody>${kinds}</tbody></table>` : '<p style="padding:0 16px">No problems were found.</p>'}</section>
<section class="card"><h2>Problems</h2>${list ? `<table><thead><tr><th>File</th><th class="num">Line</th><th>Column</th><th></th><th>What is wrong</th></tr></thead><tbody>${list}</tbody></table>` : '<p style="padding:0 16px">No problems were found.</p>'}${more}</section>
</main></body></html>
`;
}
