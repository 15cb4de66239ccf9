#!/usr/bin/env node
// How often `cutover suggest` is right: it runs on (a) the sample project and (b) an arts
// centre's patron CRM (bench/suggest-accuracy/patrons: a legacy box-office export with its
// mess, a target schema and a spec written by hand as the answer key), and prints per
// project the share of the key's target fields whose suggested source column and rules
// agree with the key. Rules agree when their names agree in order, `trim` aside, with a
// lookup's entity and a date's or time's formats (in any order) the same; a map's values
// and a money rule's options are not compared.
// usage: node bench/suggest-accuracy.mjs [--dist DIR] [--verbose]   (needs npm run build)
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { writePatronExport } from './suggest-accuracy/patrons/patron-export.mjs';

const args = process.argv.slice(2);
const distArg = args.indexOf('--dist');
const dist = distArg >= 0 ? resolve(args[distArg + 1]) : new URL('../dist/', import.meta.url).pathname;
const verbose = args.includes('--verbose');
const cli = join(dist, 'cli/main.js');
if (!existsSync(cli)) throw new Error(`Build first: npm run build (no ${cli})`);
const template = new URL('../sample-project/', import.meta.url).pathname;
const patrons = new URL('./suggest-accuracy/patrons/', import.meta.url).pathname;
const env = { ...process.env, CUTOVER_SNAPSHOT_KEY: 'c0ffee00'.repeat(8) };

function cutover(...command) {
  const out = spawnSync(process.execPath, [cli, ...command], { encoding: 'utf8', env, maxBuffer: 1 << 28 });
  if (out.status !== 0) throw new Error(`cutover ${command.join(' ')} failed:\n${out.stdout}\n${out.stderr}`);
  return out.stdout;
}

/** A rule as compared: its name, and the option that decides what it does. */
function ruleKey(rule) {
  if (typeof rule === 'string') return rule;
  const [name, options] = Object.entries(rule)[0];
  if (name === 'lookup') return `lookup ${typeof options === 'string' ? options : JSON.stringify(options)}`;
  if ((name === 'date' || name === 'time') && options?.formats) return `${name} ${[...options.formats].sort().join(' | ')}`;
  return name;
}
const rulesKey = (rules) => rules.map(ruleKey).filter((r) => r !== 'trim').join(', ');

// the suggestion's rules as the draft writes them
const suggestedRule = (r) => (r.options === undefined ? r.name : { [r.name]: r.options });

function score(name, keyFile, suggestion) {
  const key = parse(readFileSync(keyFile, 'utf8'));
  let fields = 0;
  let columns = 0;
  let right = 0;
  const wrong = [];
  for (const [entityName, entity] of Object.entries(key.entities)) {
    const suggested = suggestion.entities.find((e) => e.table === entity.table);
    const sourceRight = suggested?.source?.table === entity.source;
    for (const [field, spec] of Object.entries(entity.fields)) {
      fields++;
      const s = sourceRight ? suggested.fields.find((f) => f.name === field) : undefined;
      const columnRight = s?.from === spec.from && (s?.when?.column ?? null) === (spec.when?.column ?? null);
      if (columnRight) columns++;
      const want = rulesKey(spec.rules ?? []);
      const got = s ? rulesKey(s.rules.map(suggestedRule)) : '';
      if (columnRight && want === got) right++;
      else wrong.push(`${entityName}.${field}: want ${spec.from} [${want}], got ${s?.from ?? '-'} [${got}]`);
    }
  }
  const pct = (n) => `${((100 * n) / fields).toFixed(0)}%`;
  console.log(`${name.padEnd(28)} ${String(fields).padStart(6)} ${`${columns} (${pct(columns)})`.padStart(14)} ${`${right} (${pct(right)})`.padStart(16)}`);
  if (verbose) for (const w of wrong) console.log(`    ${w}`);
}

function suggestIn(dir) {
  cutover('collect', '--project', dir);
  return JSON.parse(cutover('suggest', '--project', dir, '--json'));
}

console.log(`node ${process.version}, ${new Date().toISOString()}, ${dist}`);
console.log('project                      fields  right column   column + rules');
const dirs = [];
try {
  const sample = mkdtempSync(join(tmpdir(), 'cutover-suggest-sample-'));
  dirs.push(sample);
  for (const part of ['cutover.yaml', 'specs', 'target']) cpSync(join(template, part), join(sample, part), { recursive: true });
  cutover('sample', '--out', join(sample, 'export'), '--rows', '400', '--seed', '2');
  score('sample (estate agency)', join(sample, 'specs/estate-agency.yaml'), suggestIn(sample));

  const crm = mkdtempSync(join(tmpdir(), 'cutover-suggest-patrons-'));
  dirs.push(crm);
  writePatronExport(join(crm, 'export'), { seed: 7, patrons: 300 });
  mkdirSync(join(crm, 'target'));
  mkdirSync(join(crm, 'specs'));
  cpSync(join(patrons, 'schema.sql'), join(crm, 'target/schema.sql'));
  cpSync(join(patrons, 'spec.yaml'), join(crm, 'specs/answer-key.yaml'));
  writeFileSync(join(crm, 'cutover.yaml'), [
    'customer: Arts centre patron CRM (benchmark)',
    'sources:', '  export:', '    files: export', '    include: ["*.csv"]',
    'snapshot_key_env: CUTOVER_SNAPSHOT_KEY', 'spec: specs/answer-key.yaml', 'target:', '  schema: target/schema.sql',
    'environments:', '  test:', '    database: embedded', '',
  ].join('\n'));
  score('patron CRM (arts centre)', join(crm, 'specs/answer-key.yaml'), suggestIn(crm));
} finally {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
}
