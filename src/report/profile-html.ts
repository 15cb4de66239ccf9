import type { ColumnProfile, SnapshotProfile, TableProfile, ValueCount } from '../core/profile/index.js';
import { escapeHtml as e, formatCount as n } from './html.js';

const css = `
*{box-sizing:border-box}
body{font:13px/1.4 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;background:#f4f5f7;color:#1d2433}
header{background:#1d2433;color:#fff;padding:18px 28px}
header h1{margin:0 0 4px;font-size:20px;overflow-wrap:anywhere}
header p{margin:0;color:#c5cbd8;overflow-wrap:anywhere}
main{padding:20px 28px;max-width:1600px}
.totals{display:flex;gap:12px;margin-bottom:18px;flex-wrap:wrap}
.total{background:#fff;border-radius:8px;padding:10px 16px;box-shadow:0 1px 2px #0002}
.total b{display:block;font-size:20px}
.card{background:#fff;border-radius:10px;box-shadow:0 1px 3px #0002;margin-bottom:22px;overflow:hidden}
.card h2{margin:0;padding:12px 16px;font-size:16px;border-bottom:1px solid #e3e6ec;display:flex;gap:4px 12px;align-items:baseline;flex-wrap:wrap;overflow-wrap:anywhere}
.card h2 small{font-weight:normal;color:#5b6478;min-width:0}
table{width:100%;border-collapse:collapse;table-layout:fixed}
th{text-align:left;font-weight:600;color:#5b6478;font-size:11px;text-transform:uppercase;letter-spacing:.03em;padding:6px 10px;border-bottom:1px solid #e3e6ec}
td{padding:8px 10px;border-bottom:1px solid #eef0f4;vertical-align:top;overflow:hidden}
tr:last-child td{border-bottom:0}
.cut{display:block;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.col{font-weight:600}
.tag{display:inline-block;border-radius:4px;padding:1px 6px;font-size:11px;background:#e8ecf4;color:#34405a}
.tag.empty{background:#fde8e8;color:#9b1c1c}
.tag.pii{background:#fff4d6;color:#7a5200}
.muted{color:#7a8397;font-size:11px}
.fill{display:flex;height:10px;border-radius:3px;overflow:hidden;background:#eef0f4;margin:3px 0}
.fill i{display:block;height:100%}
.ok{background:#3f8f5f}.blank{background:#e3a33b}.null{background:#c94b4b}
.bars{display:grid;grid-template-columns:minmax(0,1fr) 70px 52px;gap:1px 6px;align-items:center;font-size:12px}
.bar{height:8px;background:#e8ecf4;border-radius:2px;overflow:hidden}
.bar i{display:block;height:100%;background:#4a6fd1}
.num{text-align:right;font-variant-numeric:tabular-nums}
code{font:11px/1.5 ui-monospace,Menlo,Consolas,monospace;background:#f1f3f7;border-radius:3px;padding:0 3px}
.pat{display:grid;grid-template-columns:minmax(0,1fr) 52px;gap:1px 6px}
/* a narrow window: each column of the source becomes a small card of labelled facts */
@media (max-width:900px){
header,main{padding-left:14px;padding-right:14px}
table,tbody,tr,td{display:block;width:auto}
colgroup,thead{display:none}
tr{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:2px 14px;padding:10px 14px;border-bottom:1px solid #e3e6ec}
tr:last-child{border-bottom:0}
td{border:0;padding:3px 0}
td:first-child,td:nth-child(5){grid-column:1/-1}
td.num{text-align:left}
td:not(:first-child)::before{content:attr(data-label);display:block;font-size:10px;font-weight:600;text-transform:uppercase;letter-spacing:.03em;color:#5b6478}
}
`;

const percent = (part: number, whole: number) => (whole === 0 ? 0 : (100 * part) / whole);
const pct = (part: number, whole: number) => {
  const p = percent(part, whole);
  return p === 0 || p >= 10 || p === 100 ? `${Math.round(p)}%` : `${p.toFixed(1)}%`;
};

/** A value cut to one line, the whole of it in the tooltip. */
function cut(value: string, extraClass = ''): string {
  // leading and trailing spaces made visible: `Let ` and `Let` are two values
  const shown = value === '' ? '(empty)' : value.replace(/^\s+|\s+$/g, (s) => '␣'.repeat(s.length));
  return `<span class="cut${extraClass}" title="${e(shown)}">${e(shown)}</span>`;
}

function fillBar(c: ColumnProfile): string {
  const filled = c.rows - c.nulls - c.blanks;
  const seg = (cls: string, k: number) => (k > 0 ? `<i class="${cls}" style="width:${percent(k, c.rows).toFixed(2)}%"></i>` : '');
  const title = `${n(filled)} filled, ${n(c.blanks)} blank, ${n(c.nulls)} null`;
  const words = [c.nulls > 0 ? `${pct(c.nulls, c.rows)} null` : '', c.blanks > 0 ? `${pct(c.blanks, c.rows)} blank` : ''].filter(Boolean).join(', ');
  return `<div class="fill" title="${e(title)}">${seg('ok', filled)}${seg('blank', c.blanks)}${seg('null', c.nulls)}</div><span class="muted">${pct(filled, c.rows)} filled${words ? ` · ${words}` : ''}</span>`;
}

function topValues(c: ColumnProfile, rows: number): string {
  const top = c.top.values;
  if (top.length === 0) return '<span class="muted">no values</span>';
  // a key-like column: counts say nothing, show what the values look like
  if (top[0]!.count <= 1) return `<span class="muted">no value repeats · e.g.</span>${c.samples.slice(0, 3).map((s) => cut(s)).join('')}`;
  const max = top[0]!.count;
  const approx = c.top.exact ? '' : '≥';
  const line = (t: ValueCount) =>
    `${cut(t.value)}<div class="bar" title="${e(pct(t.count, rows))} of rows"><i style="width:${percent(t.count, max).toFixed(1)}%"></i></div><span class="num">${approx}${n(t.count)}</span>`;
  return `<div class="bars">${top.map(line).join('')}</div>`;
}

function patterns(c: ColumnProfile): string {
  if (c.patterns.values.length === 0) return '';
  return `<div class="pat">${c.patterns.values.map((p) => `<code class="cut" title="${e(p.value)}">${e(p.value)}</code><span class="num muted">${n(p.count)}</span>`).join('')}</div>`;
}

function typeCell(c: ColumnProfile): string {
  const filled = c.rows - c.nulls - c.blanks;
  const odd = filled - c.typed;
  const tag = `<span class="tag${c.type === 'empty' ? ' empty' : ''}">${e(c.type)}</span>`;
  const pii = c.personal ? ' <span class="tag pii" title="personal data: values are masked">personal</span>' : '';
  const note = c.type !== 'text' && c.type !== 'empty' && odd > 0 ? `<br><span class="muted">${n(odd)} not ${e(c.type)}</span>` : '';
  return `${tag}${pii}${note}`;
}

function rangeCell(c: ColumnProfile): string {
  const length = c.length ? `<span class="muted">length ${c.length.min === c.length.max ? n(c.length.min) : `${n(c.length.min)}–${n(c.length.max)}`}</span>` : '';
  if (!c.range) return length;
  return `<span class="muted">min (${e(c.range.as)})</span>${cut(c.range.min)}<span class="muted">max</span>${cut(c.range.max)}${length}`;
}

function columnRow(c: ColumnProfile, rows: number): string {
  const distinct = `${c.distinct.exact ? '' : '≈'}${n(c.distinct.count)}`;
  // the labels head each fact when a narrow window stacks the cells
  return `<tr><td>${cut(c.name, ' col')}</td><td data-label="Type">${typeCell(c)}</td><td data-label="Filled">${fillBar(c)}</td><td class="num" data-label="Distinct">${distinct}${c.distinct.exact ? '' : '<br><span class="muted">estimate</span>'}</td><td data-label="Top values">${topValues(c, rows)}</td><td data-label="Patterns">${patterns(c)}</td><td data-label="Range">${rangeCell(c)}</td></tr>`;
}

function tableCard(t: TableProfile): string {
  const empty = t.columns.filter((c) => c.type === 'empty').length;
  return `<section class="card"><h2>${e(t.name)} <small>${n(t.rows)} rows · ${n(t.columns.length)} columns${empty ? ` · ${n(empty)} empty` : ''} · source ${e(t.source)}</small></h2>
<table><colgroup><col style="width:13%"><col style="width:9%"><col style="width:12%"><col style="width:7%"><col style="width:29%"><col style="width:15%"><col style="width:15%"></colgroup>
<thead><tr><th>Column</th><th>Type</th><th>Filled</th><th class="num">Distinct</th><th>Top values</th><th>Patterns</th><th>Range</th></tr></thead>
<tbody>${t.columns.map((c) => columnRow(c, t.rows)).join('\n')}</tbody></table></section>`;
}

/** The profile of a snapshot as one self-contained HTML page: a card per table, a row per column. */
export function renderProfile(profile: SnapshotProfile, customer: string): string {
  const rows = profile.tables.reduce((s, t) => s + t.rows, 0);
  const columns = profile.tables.reduce((s, t) => s + t.columns.length, 0);
  const empty = profile.tables.reduce((s, t) => s + t.columns.filter((c) => c.type === 'empty').length, 0);
  const total = (value: string, label: string) => `<div class="total"><b>${value}</b>${e(label)}</div>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${e(customer)}: profile of snapshot ${e(profile.snapshot.id)}</title><style>${css}</style></head>
<body><header><h1>${e(customer)}: what is in snapshot ${e(profile.snapshot.id)}</h1>
<p>Collected ${e(profile.snapshot.collectedAt)} · hash <code style="background:none;color:inherit">${e(profile.snapshot.hash)}</code> · ${profile.personalDataShown ? 'personal values are shown unmasked, as asked (--show-personal-data)' : 'values of personal columns are masked'}</p></header>
<main><div class="totals">${total(n(profile.tables.length), 'tables')}${total(n(rows), 'rows')}${total(n(columns), 'columns')}${total(n(empty), 'empty columns')}</div>
${profile.tables.map(tableCard).join('\n')}
</main></body></html>
`;
}
