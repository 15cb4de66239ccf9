import type { ExampleField, FieldOrigin, Protocol, ProtocolEntity } from '../core/protocol-model.js';
import { escapeHtml as e, formatCount as n } from './html.js';

const style = `
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem;color:#1d2433}
h1{font-size:1.6rem;margin-bottom:.2rem} h2{font-size:1.3rem;margin-top:2.5rem;border-bottom:2px solid #1d2433;padding-bottom:.3rem}
h3{font-size:1.05rem;margin:1.4rem 0 .4rem} h4{font-size:.95rem;margin:1rem 0 .3rem}
.meta,.line{color:#5a6272} .line{font-size:.8rem;white-space:nowrap}
code{font-size:.85em;background:#f1f3f7;padding:.05rem .3rem;border-radius:3px;overflow-wrap:anywhere}
table{border-collapse:collapse;width:100%;margin:.5rem 0;table-layout:fixed}
th,td{padding:.35rem .6rem;border-bottom:1px solid #e6e9ef;text-align:left;vertical-align:top;overflow-wrap:anywhere}
th{background:#f6f7fa;font-weight:600}
table.facts th{width:18%;background:none}
table.fields col.f{width:17%} table.fields col.o{width:15%} table.fields col.w{width:15%} table.fields col.r{width:13%}
table.example col.f{width:20%}
ol.rules{margin:0;padding-left:1.3rem} ol.rules li{margin:.1rem 0}
.v{font-family:ui-monospace,"SF Mono",Consolas,monospace;font-size:.85em;background:#f1f3f7;padding:.05rem .3rem;border-radius:3px;white-space:pre-wrap;overflow-wrap:anywhere}
.blank{color:#5a6272;font-style:italic} .arrow{color:#8a93a3;padding:0 .25rem} .rule{color:#24548f;font-weight:600}
tr.same td{color:#5a6272} tr.same .v{background:#f7f8fa} .skip{color:#5a6272;font-style:italic}
.req{font-weight:600} nav ol{columns:2;padding-left:1.5rem}
@page{size:A4;margin:15mm}
@media print{
  body{margin:0;max-width:none;font-size:10pt}
  a{color:inherit;text-decoration:none}
  section.entity{break-before:page;page-break-before:always}
  h2,h3,h4{break-after:avoid;page-break-after:avoid}
  tr,.example{break-inside:avoid;page-break-inside:avoid}
  thead{display:table-header-group}
  th{background:none}
}
`;

/** A value as people should see it: quoted so surrounding spaces show, or "blank". */
function value(v: string | null): string {
  return v === null || v === '' ? '<span class="blank">blank</span>' : `<span class="v">"${e(v)}"</span>`;
}

function origin(o: FieldOrigin): string {
  if (o.kind === 'column') return `column <code>${e(o.column)}</code>`;
  if (o.kind === 'columns') return `columns ${list(o.columns)}`;
  if (o.kind === 'constant') return o.value === null ? 'always blank' : `always ${value(o.value)}`;
  return 'made by its rules';
}

function list(items: readonly string[]): string {
  return items.map((item) => `<code>${e(item)}</code>`).join(', ');
}

function facts(x: ProtocolEntity): string {
  const rows: [string, string][] = [
    ['source file', `<code>${e(x.source.file)}</code>, ${n(x.source.rows)} rows, SHA-256 <code>${e(x.source.sha256)}</code>`],
    [
      x.key.length === 1 ? 'source key' : 'source key (together)',
      `${list(x.key)}; a row whose key is blank, or was already used earlier in the file, is rejected`,
    ],
    ['target table', `<code>${e(x.table)}</code>`],
    ['new ids', x.generateId ? 'each loaded row gets a new id' : 'none: the table has no id column of its own'],
    ['loads after', x.loadsAfter.length === 0 ? 'nothing: it looks up no other entity' : list(x.loadsAfter)],
  ];
  return `<table class="facts">${rows.map(([k, v]) => `<tr><th scope="row">${e(k)}</th><td>${v}</td></tr>`).join('')}</table>`;
}

function exclusions(x: ProtocolEntity): string {
  if (x.exclusions.length === 0) return '<p>None: no row is left behind by a rule.</p>';
  return `<ul>${x.exclusions
    .map(
      (r) =>
        `<li><b>${e(r.rule)}</b>: a row is left behind when ${e(r.when)}. Reason given to the customer: “${e(r.reason)}”. <span class="line">spec line ${r.specLine}</span></li>`,
    )
    .join('')}</ul>`;
}

function merge(x: ProtocolEntity): string {
  if (x.merge === null) return '<p>None: every loaded row is its own record.</p>';
  return `<p>Rows with the same ${list(x.merge.on)} after the rules (a blank never matches) are one record: the first in the file is loaded,
the later ones are merged into it and lookups of their keys find its id. Reason given to the customer: “${e(x.merge.reason)}”.</p>`;
}

function fields(x: ProtocolEntity): string {
  const rows = x.fields.map((f) => {
    const rules =
      f.rules.length === 0
        ? '<span class="skip">none: the value is copied as delivered</span>'
        : `<ol class="rules">${f.rules.map((r) => `<li><span class="rule">${e(r.name)}</span>: ${e(r.words)}</li>`).join('')}</ol>`;
    return `<tr><td><code>${e(f.name)}</code> <span class="line">line ${f.specLine}</span></td><td>${origin(f.origin)}</td><td>${rules}</td>
<td>${f.when === null ? 'every row' : `only when ${e(f.when)}`}</td><td>${f.required ? '<span class="req">yes</span>: blank rejects the row' : 'no'}</td></tr>`;
  });
  return `<table class="fields"><colgroup><col class="f"><col class="o"><col><col class="w"><col class="r"></colgroup>
<thead><tr><th>target field</th><th>comes from</th><th>rules, in order</th><th>applies to</th><th>required</th></tr></thead>
<tbody>${rows.join('\n')}</tbody></table>`;
}

function chain(f: ExampleField): string {
  const parts = [f.column === null ? '<span class="blank">no source column</span>' : value(f.source)];
  if (!f.used) return `${parts[0]}<span class="arrow">→</span><span class="skip">not used for this row</span>`;
  for (const step of f.steps) parts.push(`<span class="rule">${e(step.rule)}</span>`, value(step.value));
  return parts.join('<span class="arrow">→</span>');
}

function examples(x: ProtocolEntity): string {
  if (x.examples.length === 0) return '<p>No row of the snapshot could be shown: none of the first rows is loaded by these rules.</p>';
  return x.examples
    .map(
      (ex) => `<div class="example"><h4><code>${e(x.source.file)}</code> line ${ex.line}${ex.key === null ? '' : `, key <code>${e(ex.key)}</code>`}</h4>
<table class="example"><colgroup><col class="f"><col></colgroup><thead><tr><th>target field</th><th>delivered → rule → value …</th></tr></thead><tbody>
${ex.fields.map((f) => `<tr class="${f.changed ? 'changed' : 'same'}"><td><code>${e(f.field)}</code></td><td>${chain(f)}</td></tr>`).join('\n')}
</tbody></table></div>`,
    )
    .join('\n');
}

function entity(x: ProtocolEntity): string {
  return `<section class="entity" id="entity-${x.position}">
<h2>${x.position}. ${e(x.name)} <span class="line">spec line ${x.specLine}</span></h2>
${facts(x)}
<h3>Rows left behind</h3>
${exclusions(x)}
<h3>Merging</h3>
${merge(x)}
<h3>Fields</h3>
${fields(x)}
<h3>Examples from the snapshot</h3>
<p class="meta">Real rows, chosen among the first of the file to show the rules at work; ids from lookups are shown as placeholders.</p>
${examples(x)}
</section>`;
}

/** The protocol as one standalone, printable HTML page: header, contents, then one entity per page. */
export function renderProtocol(p: Protocol): string {
  const contents = p.entities
    .map((x) => `<li><a href="#entity-${x.position}">${e(x.name)}</a>: <code>${e(x.source.file)}</code> → <code>${e(x.table)}</code></li>`)
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Migration protocol, run ${p.runId}: ${e(p.customer)}</title><style>${style}</style></head>
<body>
<header>
<h1>Migration protocol: ${e(p.customer)}</h1>
<table class="facts">
<tr><th scope="row">run</th><td>${p.runId}</td></tr>
<tr><th scope="row">snapshot</th><td><code>${e(p.snapshot.id)}</code>, collected ${e(p.snapshot.collectedAt)}, content hash <code>${e(p.snapshot.hash)}</code></td></tr>
<tr><th scope="row">spec</th><td><code>${e(p.spec.file)}</code>, hash <code>${e(p.spec.hash)}</code></td></tr>
</table>
<p>This is every rule the run applied to the customer's data, in the order the data is loaded. Rules work on whole columns; no row is edited by hand,
so the same snapshot and the same spec always give the same result. Each entity shows real rows of the snapshot before and after each rule.</p>
</header>
<nav><h2>Contents</h2><ol>
${contents}
</ol></nav>
${p.entities.map(entity).join('\n')}
</body></html>
`;
}
