import { exactlyInWords } from '../core/currency.js';
import { verdictWords, type CountLine, type Reconciliation, type TotalLine } from '../core/reconcile/index.js';
import type { RejectedRow } from '../core/ledger.js';
import { escapeHtml as e, formatCount as n, formatMoney } from './html.js';
import type { ReviewAnswer, WorkbookIdentity } from '../core/reconcile/index.js';
import { answerWords, explainedWords, reviewChecks, sheetNames, statusWords } from './review-workbook-content.js';

/** What the review page shows besides the reconciliation. */
export interface ReviewPageInput {
  readonly reconciliation: Reconciliation;
  readonly identity: WorkbookIdentity;
  /** the first rows not imported, and how many there are in all */
  readonly rejects: readonly RejectedRow[];
  readonly rejectCount: number;
  readonly answers: ReadonlyMap<string, ReviewAnswer>;
  /** the workbook's file name, to point at */
  readonly workbookFile: string;
  /** the project's currency (ISO 4217), for how exact money is said to be; GBP when absent */
  readonly currency?: string;
}

const style = `
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem auto;max-width:76rem;padding:0 1rem;color:#1d2433}
h1{font-size:1.6rem;margin-bottom:.2rem} h2{font-size:1.2rem;margin-top:2.2rem;border-bottom:1px solid #d8dde6;padding-bottom:.3rem}
h3{font-size:1rem;margin:1.2rem 0 .3rem}
.meta{color:#5a6272} code{font-size:.85em;background:#f1f3f7;padding:.05rem .3rem;border-radius:3px;word-break:break-all}
table{border-collapse:collapse;width:100%;margin:.6rem 0} th,td{padding:.35rem .6rem;border-bottom:1px solid #e6e9ef;text-align:left;vertical-align:top}
th{background:#f6f7fa;font-weight:600} td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
table.facts th{width:12rem;background:none}
.status{font-weight:600;white-space:nowrap} .s-balanced{color:#1c6b3a} .s-explained{color:#2d5aa0} .s-awaiting{color:#8a6d00} .s-unexplained{color:#b42318}
tr.off td{background:#fdecec} tr.differ td{background:#fdecec}
.verdict{padding:.8rem 1rem;border-radius:6px;margin:1rem 0;font-weight:600}
.verdict.ok{background:#e7f5ec;color:#1c6b3a} .verdict.bad{background:#fdecec;color:#b42318}
.notes{margin:.2rem 0 0;padding-left:1.1rem;color:#5a6272;font-size:.9em}
.blank{color:#8a93a3;font-style:italic}
table.checklist{table-layout:fixed} table.checklist th,table.checklist .status{white-space:normal}
table.checklist th:nth-child(1){width:3.5rem} table.checklist th:nth-child(2){width:21%} table.checklist th:nth-child(6){width:26%}
code.name{word-break:normal;white-space:nowrap}
nav ol{columns:2}
@media print{body{margin:0;max-width:none} section{break-before:page} nav{display:none}}
`;

const blank = '<span class="blank">blank</span>';
const shown = (v: string | null) => (v === null || v === '' ? blank : e(v));
const status = (s: CountLine['status']) => `<span class="status s-${s}">${e(statusWords(s))}</span>`;

function notes(line: CountLine | TotalLine): string {
  return line.notes.length === 0 ? '' : `<ul class="notes">${line.notes.map((x) => `<li>${e(x)}</li>`).join('')}</ul>`;
}

function checklist(r: Reconciliation): string {
  const counts = r.counts.map(
    (c) => `<tr class="${c.status === 'unexplained' ? 'off' : ''}"><td>${e(c.ref)}</td><td>${e(c.label)}<div class="meta">${e(c.entity)}: ${e(c.filter)}</div>${notes(c)}</td>
<td class="num">${c.customer === null ? blank : n(c.customer)}</td><td class="num">${n(c.snapshot)}</td><td class="num">${n(c.target)}</td>
<td>${e(explainedWords(c)) || '—'}</td><td class="num">${n(c.unexplained)}</td><td>${status(c.status)}</td></tr>`,
  );
  const totals = r.totals.map(
    (t) => `<tr class="${t.status === 'unexplained' ? 'off' : ''}"><td>${e(t.ref)}</td><td>${e(t.label)}<div class="meta">total of ${e(t.field)}${t.by === null ? '' : ` per ${e(t.by)}`}: ${e(t.filter)}</div>${notes(t)}</td>
<td class="num">${t.by !== null ? '<span class="blank">not asked</span>' : t.customer === null ? blank : formatMoney(t.customer)}</td><td class="num">${formatMoney(t.snapshot)}</td><td class="num">${formatMoney(t.target)}</td>
<td>${e(explainedWords(t)) || '—'}</td><td class="num">${formatMoney(t.unexplained)}</td><td>${status(t.status)}</td></tr>`,
  );
  return `<table class="checklist"><thead><tr><th>ref</th><th>what is counted</th><th class="num">in your current system</th><th class="num">in the delivered data</th><th class="num">in the new system</th><th>explained by</th><th class="num">not explained</th><th>status</th></tr></thead>
<tbody>${[...counts, ...totals].join('\n')}</tbody></table>`;
}

function money(r: Reconciliation): string {
  if (r.totals.length === 0) return '<p>The checklist has no money totals.</p>';
  return r.totals
    .map((t) => {
      const groups =
        t.groups.length === 0
          ? ''
          : `<details${t.groups.some((g) => g.difference !== '0.00') ? ' open' : ''}><summary>${n(t.groups.length)} of ${n(t.groupCount)} values of ${e(t.by ?? '')}</summary>
<table><thead><tr><th>${e(t.by ?? '')}</th><th class="num">delivered</th><th class="num">not imported</th><th class="num">new system</th><th class="num">difference</th></tr></thead><tbody>
${t.groups.map((g) => `<tr class="${g.difference === '0.00' ? '' : 'off'}"><td>${e(g.group)}</td><td class="num">${formatMoney(g.snapshot)}</td><td class="num">${formatMoney(g.notLoaded)}</td><td class="num">${formatMoney(g.target)}</td><td class="num">${formatMoney(g.difference)}</td></tr>`).join('\n')}
</tbody></table></details>`;
      const records =
        t.records.length === 0
          ? ''
          : `<table><thead><tr><th>record</th><th>file and line</th><th>what</th><th class="num">delivered amount</th><th class="num">in the new system</th><th>details</th></tr></thead><tbody>
${t.records.map((x) => `<tr class="${x.problem === 'missing' || x.problem === 'changed' ? 'off' : ''}"><td>${e(x.reference)}</td><td>${e(x.file)} line ${x.line}</td><td>${e(x.problem)}</td><td class="num">${x.expected === null ? blank : formatMoney(x.expected)}</td><td class="num">${x.inTarget === null ? blank : formatMoney(x.inTarget)}</td><td>${e(x.words)}</td></tr>`).join('\n')}
</tbody></table>`;
      return `<h3>${e(t.ref)}. ${e(t.label)} ${status(t.status)}</h3>
<table class="facts"><tr><th>in the delivered data</th><td class="num">${formatMoney(t.snapshot)}</td></tr><tr><th>not imported</th><td class="num">${formatMoney(t.notLoaded)}</td></tr>
<tr><th>in the new system</th><td class="num">${formatMoney(t.target)}</td></tr><tr><th>not explained</th><td class="num">${formatMoney(t.unexplained)}</td></tr></table>${notes(t)}${groups}${records}`;
    })
    .join('\n');
}

function sample(r: Reconciliation): string {
  if (r.sample.length === 0) return '<p>No record could be sampled.</p>';
  return r.sample
    .map(
      (s) => `<h3>${e(s.entity)} <code>${e(s.reference)}</code> <span class="meta">${e(s.file)} line ${s.line}, new id ${e(s.targetId)}</span></h3>
<table><thead><tr><th>field</th><th>delivered (${'column'})</th><th>rules</th><th>value after the rules</th><th>in the new system</th><th>same?</th></tr></thead><tbody>
${s.fields.map((f) => `<tr class="${f.same ? '' : 'differ'}"><td><code class="name">${e(f.field)}</code></td><td>${shown(f.delivered)}${f.column === null ? '' : ` <span class="meta">(${e(f.column)})</span>`}</td><td class="meta">${e(f.rules)}</td><td>${shown(f.expected)}</td><td>${shown(f.inTarget)}</td><td>${f.same ? 'yes' : '<b>NO</b>'}</td></tr>`).join('\n')}
</tbody></table>`,
    )
    .join('\n');
}

function columns(r: Reconciliation): string {
  return `<table><thead><tr><th>record type</th><th>field</th><th class="num">values compared</th><th class="num">differ</th><th>fingerprints (delivered / new system)</th><th>note</th></tr></thead><tbody>
${r.columns.map((c) => `<tr class="${c.differ > 0 ? 'off' : ''}"><td>${e(c.entity)}</td><td><code class="name">${e(c.field)}</code></td><td class="num">${n(c.compared)}</td><td class="num">${n(c.differ)}</td><td>${c.skipped === null ? `<code>${e(c.sourceDigest)}</code> / <code>${e(c.targetDigest)}</code>` : '—'}</td><td>${e(c.skipped ?? (c.differ === 0 ? 'every value agrees' : c.examples.map((x) => `${x.file} line ${x.line} (${x.reference}): ${x.words}`).join('; ')))}</td></tr>`).join('\n')}
</tbody></table>`;
}

function rejects(input: ReviewPageInput): string {
  if (input.rejectCount === 0) return '<p>Every row of the delivered data was imported.</p>';
  const more = input.rejectCount - input.rejects.length;
  return `<p>${n(input.rejectCount)} ${input.rejectCount === 1 ? 'row was' : 'rows were'} not imported.${more > 0 ? ` The first ${n(input.rejects.length)} are shown; the whole list is in the workbook (${e(input.workbookFile)}).` : ''}</p>
<table><thead><tr><th>record type</th><th>file and line</th><th>reference</th><th>what happened</th><th>why</th><th>details</th></tr></thead><tbody>
${input.rejects.map((x) => `<tr><td>${e(x.entity)}</td><td>${e(x.file)} line ${x.line}</td><td>${e(x.reference)}</td><td>${e({ rejected: 'not imported', excluded: 'left out', merged: 'merged' }[x.outcome])}</td><td>${e(x.why)}</td><td>${e(x.message)}</td></tr>`).join('\n')}
</tbody></table>`;
}

function signOff(input: ReviewPageInput): string {
  const checks = reviewChecks(input.reconciliation, input.currency);
  return `<p>Confirm each check, or raise a query, in the <b>${e(sheetNames.signOff)}</b> sheet of the workbook <code>${e(input.workbookFile)}</code>, and send it back.</p>
<table><thead><tr><th>ref</th><th>check</th><th>your answer</th><th>your query or comment</th><th>checked by</th></tr></thead><tbody>
${checks.map((c) => {
  const a = input.answers.get(c.ref);
  return `<tr><td>${e(c.ref)}</td><td>${e(c.text)}</td><td>${a ? e(answerWords[a.answer]) : blank}</td><td>${a?.comment ? e(a.comment) : ''}</td><td>${a?.checkedBy ? e(a.checkedBy) : ''}</td></tr>`;
}).join('\n')}
</tbody></table>`;
}

/** The review workbook as one standalone, printable HTML page, the same content as the XLSX. */
export function renderReviewPage(input: ReviewPageInput): string {
  const r = input.reconciliation;
  const ok = r.unexplained === 0;
  const verdict = verdictWords(r);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Test migration review, run ${r.runId}: ${e(r.customer)}</title><style>${style}</style></head>
<body>
<header>
<h1>Test migration review: ${e(r.customer)}</h1>
<table class="facts">
<tr><th scope="row">test migration</th><td>run ${r.runId}, environment ${e(r.env)}, loaded into ${e(r.target)}</td></tr>
<tr><th scope="row">snapshot</th><td><code>${e(r.snapshot.id)}</code>, content hash <code>${e(r.snapshot.hash)}</code></td></tr>
<tr><th scope="row">mapping spec</th><td><code>${e(r.spec.file)}</code>, hash <code>${e(r.spec.hash)}</code></td></tr>
<tr><th scope="row">written</th><td>${e(input.identity.writtenAt)}, workbook <code>${e(input.identity.id)}</code></td></tr>
</table>
<p class="verdict ${ok ? 'ok' : 'bad'}">${e(verdict)}</p>
${(r.notices ?? []).map((x) => `<p class="verdict bad">${e(x)}</p>`).join('\n')}
</header>
<nav><h2>Contents</h2><ol><li><a href="#checklist">Pre-migration checklist</a></li><li><a href="#money">Money</a></li><li><a href="#sample">Sample records</a></li><li><a href="#columns">Whole columns</a></li><li><a href="#rejects">Not imported</a></li><li><a href="#signoff">Sign-off</a></li></ol></nav>
<section id="checklist"><h2>Pre-migration checklist</h2>
<p>Your figures from your current system beside the same count in the data you delivered and in the new system. Every difference is explained by the rows not imported, or marked NOT EXPLAINED.</p>
${checklist(r)}</section>
<section id="money"><h2>Money</h2>
<p>Opening balances added up exactly, ${exactlyInWords(input.currency)}, in the data you delivered and in the new system.</p>
${money(r)}</section>
<section id="sample"><h2>Sample records</h2>
<p>Records chosen at random (seed ${r.sampleSeed}, so the same records come up again), every field as delivered, the rules applied and the value in the new system.</p>
${sample(r)}</section>
<section id="columns"><h2>Whole columns</h2>
<p>Every value of each column, as the rules make it from the delivered data (ids of other records found through the key map), compared with the new system.</p>
${columns(r)}</section>
<section id="rejects"><h2>Not imported</h2>
${rejects(input)}</section>
<section id="signoff"><h2>Sign-off</h2>
${signOff(input)}</section>
</body></html>
`;
}
