import { booksDifference } from '../core/ledger.js';
import { exactlyInWords } from '../core/currency.js';
import { attentionInWords } from '../core/reject-limit.js';
import type { RejectAttention } from '../core/run-result.js';
import { describeReadAs, escapeHtml as e, formatCount as n, formatMoney } from './html.js';

/** A group of ledger entries of one entity sharing one reason, with a few examples. */
export interface ReasonGroup {
  readonly entity: string;
  readonly outcome: string;
  readonly reason: string;
  readonly count: number;
  readonly examples: readonly { file: string; line: number; key: string | null; message: string }[];
}

/** Everything the run summary page shows. */
export interface RunSummary {
  readonly customer: string;
  readonly generatedAt: string;
  readonly run: {
    readonly runId: number;
    readonly env: string;
    readonly target: string;
    readonly status: string;
    readonly error: string | null;
    readonly entities: readonly { entity: string; file: string; table: string; source: number; loaded: number; rejected: number; excluded: number; merged: number; balanced: boolean }[];
    readonly money: readonly { entity: string; field: string; group: string; sourceRows: number; sourceTotal: string; notLoadedTotal: string; targetTotal: string; difference: string; unreadableRows: number; balanced: boolean }[];
    /** the entities past their limit of rejected rows, when the run needs attention */
    readonly attention?: readonly RejectAttention[];
  };
  readonly snapshot: {
    readonly id: string;
    readonly hash: string;
    readonly collectedAt: string;
    readonly tables: readonly { name: string; rows: number; sha256: string; details: Readonly<Record<string, string>> }[];
  };
  readonly spec: { readonly file: string; readonly hash: string };
  /** the project's currency (ISO 4217), for how exact money is said to be; GBP when absent */
  readonly currency?: string;
  readonly reasons: readonly ReasonGroup[];
  /** what the reader must know before trusting this run, such as a quality gate overridden for its environment */
  readonly notices?: readonly string[];
}

const style = `
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem;color:#1d2433}
h1{font-size:1.6rem;margin-bottom:.2rem} h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #d8dde6;padding-bottom:.3rem}
.meta{color:#5a6272} code{font-size:.85em;background:#f1f3f7;padding:.05rem .3rem;border-radius:3px;word-break:break-all}
table{border-collapse:collapse;width:100%;margin:.6rem 0} th,td{padding:.35rem .6rem;border-bottom:1px solid #e6e9ef;text-align:left;vertical-align:top}
th{background:#f6f7fa;font-weight:600} td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.ok{color:#136c2e;font-weight:600} .bad{color:#b3261e;font-weight:600}
.banner{padding:.8rem 1rem;border-radius:6px;margin:1rem 0} .banner.ok{background:#e7f5ea} .banner.bad{background:#fbe9e7}
td.msg{overflow-wrap:anywhere} details{margin:.3rem 0}
`;

/** The banner of a run that loaded but rejected more rows than its spec allows. */
function attentionBanner(lines: readonly RejectAttention[]): string {
  const items = attentionInWords(lines).map((line) => `<li>${e(line)}</li>`).join('');
  return `This run needs attention: every row is loaded or accounted for, but more rows were not imported than the spec allows.<ul>${items}</ul>`;
}

/** The one-page summary of a test migration: books per entity, money, and why rows were not loaded. */
export function renderRunSummary(s: RunSummary): string {
  const ok = s.run.status === 'succeeded';
  const books = s.run.entities
    .map(
      (b) => `<tr><td>${e(b.entity)}</td><td><code>${e(b.file)}</code></td><td class="num">${n(b.source)}</td><td class="num">${n(b.loaded)}</td>
<td class="num">${n(b.rejected)}</td><td class="num">${n(b.excluded)}</td><td class="num">${n(b.merged)}</td>
<td class="${b.balanced ? 'ok' : 'bad'}">${b.balanced ? 'balanced' : `${n(booksDifference(b))} rows unaccounted for`}</td></tr>`,
    )
    .join('\n');
  const money = s.run.money
    .map(
      (m) => `<tr><td>${e(m.entity)}.${e(m.field)}</td><td>${e(m.group)}</td><td class="num">${n(m.sourceRows)}</td><td class="num">${formatMoney(m.sourceTotal)}</td>
<td class="num">${formatMoney(m.notLoadedTotal)}</td><td class="num">${formatMoney(m.targetTotal)}</td><td class="num ${m.balanced ? 'ok' : 'bad'}">${formatMoney(m.difference)}</td>
<td class="num">${n(m.unreadableRows)}</td></tr>`,
    )
    .join('\n');
  const reasons = s.reasons
    .map(
      (r) => `<tr><td>${e(r.entity)}</td><td>${e(r.outcome)}</td><td>${e(r.reason)}</td><td class="num">${n(r.count)}</td><td class="msg"><details><summary>${e(r.examples[0]?.message ?? '')}</summary>
<table><tr><th>file</th><th class="num">line</th><th>reference</th><th>why</th></tr>
${r.examples.map((x) => `<tr><td><code>${e(x.file)}</code></td><td class="num">${x.line}</td><td>${e(x.key ?? '')}</td><td class="msg">${e(x.message)}</td></tr>`).join('\n')}
</table></details></td></tr>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Test migration ${s.run.runId}: ${e(s.customer)}</title><style>${style}</style></head>
<body>
<h1>Test migration ${s.run.runId}: ${e(s.customer)}</h1>
<p class="meta">Environment <b>${e(s.run.env)}</b> (${e(s.run.target)}) · written ${e(s.generatedAt)}</p>
<div class="banner ${ok ? 'ok' : 'bad'}">${ok ? 'Every source row is accounted for and the money adds up.' : s.run.status === 'needs_attention' ? attentionBanner(s.run.attention ?? []) : `This run failed: ${e(s.run.error ?? 'unknown reason')}`}</div>
${(s.notices ?? []).map((x) => `<div class="banner bad">${e(x)}</div>`).join('\n')}
<h2>Books per entity</h2>
<p>Every row of the customer's files is either loaded, rejected (with its reason), excluded by a rule, or merged into another record.</p>
<table><tr><th>entity</th><th>file</th><th class="num">source rows</th><th class="num">loaded</th><th class="num">rejected</th><th class="num">excluded</th><th class="num">merged</th><th>books</th></tr>
${books}</table>
<h2>Money</h2>
<p>Totals in exact decimals: source rows, less the rows not loaded, must equal the new system ${exactlyInWords(s.currency)}.</p>
<table><tr><th>field</th><th>account</th><th class="num">source rows</th><th class="num">source total</th><th class="num">not loaded</th><th class="num">in the new system</th><th class="num">difference</th><th class="num">unreadable amounts</th></tr>
${money || '<tr><td colspan="8">No money fields are declared for reconciliation in the spec.</td></tr>'}</table>
<h2>Rows not loaded, by reason</h2>
<table><tr><th>entity</th><th>outcome</th><th>reason</th><th class="num">rows</th><th>example (open for more)</th></tr>
${reasons || '<tr><td colspan="5">Every source row was loaded.</td></tr>'}</table>
<h2>What was migrated</h2>
<p>Snapshot <code>${e(s.snapshot.id)}</code> collected ${e(s.snapshot.collectedAt)}, content hash <code>${e(s.snapshot.hash)}</code>.<br>
Spec <code>${e(s.spec.file)}</code>, hash <code>${e(s.spec.hash)}</code>.</p>
<table><tr><th>table</th><th>read as</th><th class="num">rows</th><th>SHA-256</th></tr>
${s.snapshot.tables.map((t) => `<tr><td><code>${e(t.name)}</code></td><td>${e(describeReadAs(t.details))}</td><td class="num">${n(t.rows)}</td><td><code>${e(t.sha256)}</code></td></tr>`).join('\n')}
</table>
</body></html>
`;
}
