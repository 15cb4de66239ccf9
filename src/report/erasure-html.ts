import type { ErasureReport } from '../core/privacy/index.js';
import { escapeHtml as e, formatCount as n } from './html.js';

const style = `
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem;color:#1d2433}
h1{font-size:1.6rem;margin-bottom:.2rem} h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #d8dde6;padding-bottom:.3rem}
.meta{color:#5a6272} code{font-size:.8em;background:#f1f3f7;padding:.05rem .3rem;border-radius:3px;word-break:break-all}
table{border-collapse:collapse;width:100%;margin:.6rem 0} th,td{padding:.35rem .6rem;border-bottom:1px solid #e6e9ef;text-align:left;vertical-align:top}
th{background:#f6f7fa;font-weight:600} td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.bad{color:#b3261e;font-weight:600}
`;

const children = (counts: Readonly<Record<string, number>>): string => {
  const parts = Object.entries(counts).map(([entity, rows]) => `${n(rows)} ${e(entity)}`);
  return parts.length === 0 ? 'none' : parts.join(', ');
};

/**
 * The evidence page of erasure and retention for a data protection officer: counts per
 * list and rule, and each entry of a list only as its salted hash, never its value.
 */
export function renderErasureReport(r: ErasureReport): string {
  const lists = r.lists.map((l) => {
    const rows = l.entries.map((x) => `<tr><td><code>${e(x.hash)}</code></td><td>${x.found === 0 ? 'not found' : `found (${n(x.found)} ${x.found === 1 ? 'row' : 'rows'})`}</td><td class="num">${n(x.keptOut)}</td></tr>`).join('\n');
    return `<h2>Erasure list ${e(l.id)}: ${e(l.entity)}, by ${e(l.match)}</h2>
<p class="meta">Imported ${e(l.importedAt)} by ${e(l.importedBy)}.${l.appliedByRun ? '' : ` <span class="bad">Run ${n(r.runId)} started before this list was imported and did not apply it: run the migration again.</span>`}</p>
<table><tr><th class="num">asked</th><th class="num">found in the snapshot</th><th class="num">not found</th><th class="num">rows kept out</th><th>rows naming them kept out</th></tr>
<tr><td class="num">${n(l.asked)}</td><td class="num">${n(l.found)}</td><td class="num">${n(l.notFound)}</td><td class="num">${n(l.rowsKeptOut)}</td><td>${children(l.childrenKeptOut)}</td></tr></table>
<details><summary>Each entry, as its salted hash</summary>
<table><tr><th>salted hash (SHA-256)</th><th>in the snapshot</th><th class="num">rows kept out</th></tr>
${rows}</table></details>`;
  }).join('\n');
  const retention = r.retention.length === 0
    ? '<p>The spec has no retention rules.</p>'
    : `<table><tr><th>entity</th><th>rule</th><th class="num">rows left behind</th><th>rows naming them left behind</th></tr>
${r.retention.map((t) => `<tr><td>${e(t.entity)}</td><td>${e(t.rule)}</td><td class="num">${n(t.rowsKeptOut)}</td><td>${children(t.childrenKeptOut)}</td></tr>`).join('\n')}</table>`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Erasure and retention evidence: ${e(r.customer)}</title><style>${style}</style></head><body>
<h1>Erasure and retention evidence</h1>
<p class="meta">${e(r.customer)} · run ${n(r.runId)} into ${e(r.env)} · snapshot ${e(r.snapshot.id)} collected ${e(r.snapshot.collectedAt)} (<code>${e(r.snapshot.hash)}</code>) · written ${e(r.generatedAt)}</p>
<p>People on an erasure list are never written to the new system, nor any row that names them. Each entry is shown only as a hash of the entry with a secret salt of its list, so this page names no one; the team can tell whether a given person was on a list from the sealed list.</p>
${r.lists.length === 0 ? '<p>No erasure list has been imported.</p>' : lists}
<h2>Retention</h2>
${retention}
</body></html>
`;
}
