import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bookkeepingTablesSql } from './store/bookkeeping-schema.js';
import { reviewSchemaSql } from './store/review-schema.js';
import { storeSchemaSql } from './store/store-schema.js';

// The layers of DESIGN.md, held against the source tree: the shells are thin, the report
// renders what it is given, and the store owns the SQL of its own tables.
const src = fileURLToPath(new URL('.', import.meta.url));

/** The library's own files of one layer, tests and test support left out. */
function sources(layer: string): { file: string; text: string }[] {
  const dir = join(src, layer);
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => (f.endsWith('.ts') || f.endsWith('.tsx')) && !/\.test\.tsx?$/.test(f))
    .map((f) => ({ file: relative(src, join(dir, f)), text: readFileSync(join(dir, f), 'utf8') }));
}

/** The layers a file imports from, static or dynamic: `../store/x.js` is `store`. */
export function importedLayers(file: string, text: string): string[] {
  const layers = new Set<string>();
  for (const m of text.matchAll(/(?:from|import\()\s*'(\.{1,2}\/[^']+)'/g)) {
    const target = relative(src, join(src, file, '..', m[1]!));
    layers.add(target.split('/')[0]!);
  }
  return [...layers];
}

/** The store's own tables, as its schema scripts create them in schema `cutover`. */
const storeTables = [...`${storeSchemaSql}\n${reviewSchemaSql}\n${bookkeepingTablesSql('cutover')}`.matchAll(/CREATE (?:TABLE|(?:OR REPLACE )?VIEW) (?:IF NOT EXISTS )?"?cutover"?\."?(\w+)/g)].map((m) => m[1]!);

/** Lines of `text` that name one of the store's tables in SQL, or its schema. */
export function storeSql(text: string): string[] {
  const table = storeTables.join('|');
  const sql = new RegExp(`\\b(?:FROM|INTO|UPDATE|JOIN|TABLE)\\s+(?:"?cutover"?\\.)?"?(?:${table})\\b|\\b"?cutover"?\\."?(?:${table})\\b|schema: 'cutover'`, 'i');
  return text.split('\n').filter((line) => sql.test(line));
}

describe('the layers', () => {
  it('the command line uses the library, never the store or the connectors itself', () => {
    const wrong = sources('cli').filter((f) => importedLayers(f.file, f.text).some((l) => l === 'store' || l === 'connectors'));
    expect(wrong.map((f) => f.file)).toEqual([]);
  });

  it('the review app uses the library, never the store or the connectors itself', () => {
    const files = sources('web');
    expect(files.map((f) => f.file)).toContain('web/app.tsx');
    const wrong = files.filter((f) => importedLayers(f.file, f.text).some((l) => l === 'store' || l === 'connectors'));
    expect(wrong.map((f) => f.file)).toEqual([]);
  });

  it('the report renders what it is given and never imports the pipeline', () => {
    const wrong = sources('report').filter((f) => importedLayers(f.file, f.text).includes('pipeline'));
    expect(wrong.map((f) => f.file)).toEqual([]);
  });

  it('the pipeline holds no SQL against the store\'s own tables: it asks the store', () => {
    const wrong = sources('pipeline').flatMap((f) => storeSql(f.text).map((line) => `${f.file}: ${line.trim()}`));
    expect(wrong).toEqual([]);
  });

  it('the core does no I/O and imports nothing of ours from outside it', () => {
    const wrong = sources('core').filter((f) => importedLayers(f.file, f.text).some((l) => l !== 'core') || /from 'node:(fs|child_process|net|http)/.test(f.text));
    expect(wrong.map((f) => f.file)).toEqual([]);
  });

  it('the checks find what they look for', () => {
    expect(storeTables).toEqual(expect.arrayContaining(['audit_event', 'run', 'run_entity', 'ledger_entry', 'key_map_batch', 'key_map', 'run_progress', 'money_check', 'customer_figure']));
    expect(importedLayers('cli/x.ts', "import { a } from '../store/project-store.js';\nconst b = await import('../connectors/target.js');")).toEqual(['store', 'connectors']);
    expect(importedLayers('pipeline/x.ts', "import { a } from './collect.js';")).toEqual(['pipeline']);
    expect(storeSql("await db.query('SELECT id FROM cutover.run WHERE env = $1');")).toHaveLength(1);
    expect(storeSql('await db.query(`DELETE FROM ledger_entry WHERE run_id = $1`);')).toHaveLength(1);
    expect(storeSql("await target.query(`SELECT count(*) FROM ${table}`);")).toEqual([]);
  });
});
