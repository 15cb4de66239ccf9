// The app's one style sheet and one script, served from /static: the CSP allows no inline script or style.

/** The style sheet: readable at 1280 px and 768 px, focus always visible. */
export const appCss = `
:root { --ink: #1b1b1b; --muted: #4a4a4a; --line: #c8c8c8; --accent: #0b4f8a; --bad: #a4161a; --good: #1e6b34; --warn: #7a4b00; --paper: #fff; --shade: #f2f4f7; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: var(--paper); }
a { color: var(--accent); }
a:focus, button:focus, input:focus, select:focus, textarea:focus, summary:focus { outline: 3px solid #f0a500; outline-offset: 2px; }
.skip { position: absolute; left: -999px; top: 0; background: #fff; padding: .5rem; }
.skip:focus { left: .5rem; z-index: 10; }
header.top { display: flex; flex-wrap: wrap; align-items: center; gap: .5rem 1.5rem; padding: .6rem 1.5rem; background: #0b2e4f; color: #fff; }
header.top .brand { font-weight: 700; margin-right: auto; }
header.top .who { font-size: .9rem; }
header.top button { background: #fff; color: #0b2e4f; border: 0; }
nav.main { background: var(--shade); border-bottom: 1px solid var(--line); }
nav.main ul { list-style: none; display: flex; flex-wrap: wrap; margin: 0; padding: 0 1rem; }
nav.main a { display: block; padding: .6rem .8rem; text-decoration: none; color: var(--ink); }
nav.main a[aria-current="page"] { font-weight: 700; border-bottom: 3px solid var(--accent); }
main { padding: 1rem 1.5rem 3rem; max-width: 1200px; }
h1 { font-size: 1.6rem; margin: .5rem 0 1rem; }
h2 { font-size: 1.2rem; margin-top: 2rem; }
.guide { background: #eef5fb; border-left: 4px solid var(--accent); padding: .6rem 1rem; margin: 0 0 1rem; }
.table-wrap { overflow-x: auto; position: relative; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; }
th, td { text-align: left; padding: .4rem .6rem; border-bottom: 1px solid var(--line); vertical-align: top; }
th { background: var(--shade); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.status-agrees, .status-ok { color: var(--good); font-weight: 600; }
.status-awaiting { color: var(--warn); font-weight: 600; }
.status-unexplained, .status-differs, .status-bad { color: var(--bad); font-weight: 600; }
form.inline { display: inline; }
label { font-weight: 600; }
input[type=text], input[type=email], input[type=password], input[type=search], select, textarea { font: inherit; padding: .35rem .5rem; border: 1px solid #767676; border-radius: 3px; max-width: 100%; }
textarea { width: 100%; min-height: 5rem; }
button, .button { font: inherit; padding: .4rem .9rem; border-radius: 3px; border: 1px solid var(--accent); background: var(--accent); color: #fff; cursor: pointer; text-decoration: none; display: inline-block; }
button.secondary { background: #fff; color: var(--accent); }
button[disabled] { background: #767676; border-color: #767676; cursor: not-allowed; }
.field { margin: 0 0 .8rem; display: flex; flex-direction: column; gap: .2rem; max-width: 32rem; }
.error { color: var(--bad); }
.notice { background: #eaf6ec; border-left: 4px solid var(--good); padding: .6rem 1rem; }
.problem { background: #fbeaea; border-left: 4px solid var(--bad); padding: .6rem 1rem; white-space: pre-line; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr)); gap: 1rem; }
.card { border: 1px solid var(--line); border-radius: 4px; padding: .8rem 1rem; }
.card .big { font-size: 1.6rem; font-weight: 700; }
.side { display: grid; grid-template-columns: 1fr 1fr; gap: 1rem; }
@media (max-width: 900px) { .side { grid-template-columns: 1fr; } main { padding: 1rem; } th, td { padding: .35rem .3rem; } input.figure { width: 7rem; } }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .3rem 1rem; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; overflow-wrap: anywhere; }
.thread { border: 1px solid var(--line); border-radius: 4px; padding: .6rem 1rem; margin: 0 0 1rem; }
.thread ol { padding-left: 1.2rem; }
.muted { color: var(--muted); }
.timeline { list-style: none; padding: 0; border-left: 3px solid var(--accent); margin-left: .4rem; }
.milestone { padding: .25rem .8rem; }
.milestone-days { display: inline-block; min-width: 7.5rem; font-weight: 600; }
.milestone-done .milestone-state { color: var(--good); font-weight: 600; }
.milestone-overdue .milestone-state, .milestone-at_risk .milestone-state { color: var(--bad); font-weight: 600; }
.login { max-width: 26rem; margin: 3rem auto; }
progress { width: 100%; }
.visually-plain { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
`;

/** The script: the live run refreshes its figures without reloading. */
export const appJs = `
'use strict';
(function () {
  var live = document.querySelector('[data-live-source]');
  if (!live) return;
  var source = live.getAttribute('data-live-source');
  function cell(text, numeric) { var td = document.createElement('td'); td.textContent = text; if (numeric) td.className = 'num'; return td; }
  function show(p) {
    var status = document.getElementById('live-status');
    if (!p) { status.textContent = 'No run yet.'; return; }
    status.textContent = 'Run ' + p.runId + ': ' + p.status;
    var body = live.querySelector('tbody');
    while (body.firstChild) body.removeChild(body.firstChild);
    p.entities.forEach(function (e) {
      var tr = document.createElement('tr');
      tr.appendChild(cell(e.entity));
      tr.appendChild(cell(e.done.toLocaleString('en-GB'), true));
      tr.appendChild(cell(e.total === null ? '' : e.total.toLocaleString('en-GB'), true));
      tr.appendChild(cell(e.rowsPerSecond === null ? '' : Math.round(e.rowsPerSecond).toLocaleString('en-GB'), true));
      tr.appendChild(cell(e.secondsLeft === null ? '' : Math.ceil(e.secondsLeft) + ' s', true));
      body.appendChild(tr);
    });
    document.getElementById('live-updated').textContent = 'Updated ' + new Date().toLocaleTimeString('en-GB');
  }
  function poll() {
    fetch(source, { credentials: 'same-origin', headers: { accept: 'application/json' } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (p) { show(p); if (p && p.status === 'running') setTimeout(poll, 1000); else setTimeout(poll, 5000); })
      .catch(function () { setTimeout(poll, 5000); });
  }
  poll();
})();
`;
