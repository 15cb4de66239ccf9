/** Where a new project's data comes from: a folder of delivered files, or a database named by a variable. */
export type InitSource =
  | { readonly kind: 'files'; readonly folder: string; readonly include: readonly string[] }
  | { readonly kind: 'database'; readonly variable: string };

/** The file patterns a new project collects from a delivery folder, by the extensions found in it. */
export function includePatterns(fileNames: readonly string[]): string[] {
  const readable = ['csv', 'tsv', 'txt', 'psv', 'tab', 'xlsx', 'json', 'ndjson', 'jsonl'];
  const found = new Set(fileNames.map((name) => /\.([^.]+)$/.exec(name)?.[1]?.toLowerCase() ?? '').filter((ext) => readable.includes(ext)));
  return found.size === 0 ? ['*.csv'] : readable.filter((ext) => found.has(ext)).map((ext) => `*.${ext}`);
}

/**
 * The `cutover.yaml` of a new project, with comments saying what each part is and what to
 * do next; `contract` is named only once a draft exists.
 */
export function renderInitConfig(o: { customer: string; source: InitSource; spec: string; contract?: string }): string {
  const source =
    o.source.kind === 'files'
      ? [
        '  delivery:',
        `    files: ${yamlText(o.source.folder)}`,
        `    include: [${o.source.include.map((p) => yamlText(p)).join(', ')}]`,
        '    # reading options per file, when sniffing is not enough:',
        '    # options: { people.csv: { encoding: windows-1252, delimiter: ";", null_values: [NULL, "\\\\N"] } }',
      ]
      : [
        '  legacy:',
        `    database_url_env: ${o.source.variable}`,
        '    # every table and view, or only those named:',
        '    # tables: [customers, invoices]',
      ];
  return [
    '# A Cutover migration project: one customer\'s move to a new system.',
    `customer: ${yamlText(o.customer)}`,
    '',
    '# Where the data comes from. `cutover collect` copies every source into one immutable,',
    '# encrypted snapshot; everything after reads snapshots, never the live sources.',
    'sources:',
    ...source,
    '',
    '# The environment variable holding the key snapshots are encrypted with: 32 random',
    '# bytes in hex (openssl rand -hex 32). Keep it safe; it is never written to disk.',
    'snapshot_key_env: CUTOVER_SNAPSHOT_KEY',
    '',
    '# The mapping spec: every change to the data is a rule in it. `cutover suggest` drafts one.',
    `spec: ${yamlText(o.spec)}`,
    '',
    '# What the customer agreed to deliver; `cutover contract draft` proposes one.',
    o.contract === undefined ? '# contract: contract.yaml' : `contract: ${yamlText(o.contract)}`,
    '',
    '# The new system\'s tables, as CREATE TABLE statements.',
    'target:',
    '  schema: target/schema.sql',
    '',
    '# Where test migrations load: the project\'s embedded PostgreSQL, or a server named by a',
    '# variable holding its URL. The new system\'s own database comes last, for the final run:',
    '#   production: { database_url_env: NEW_SYSTEM_URL, schema: public, stage: production }',
    'environments:',
    '  test:',
    '    database: embedded',
    '',
  ].join('\n');
}

/** A value as YAML text: plain when that reads back the same, quoted otherwise. */
function yamlText(value: string): string {
  return /^[A-Za-z0-9_./][A-Za-z0-9_./ -]*$/.test(value) && !/ $/.test(value) ? value : JSON.stringify(value);
}

/** The new system's schema file of a new project: empty, saying what goes in it. */
export const initSchemaText = [
  '-- The new system\'s tables, as CREATE TABLE statements: ask its vendor for them, or',
  '-- dump them (pg_dump --schema-only). `cutover suggest` maps the snapshot onto them, and',
  '-- test migrations create them afresh in each test environment.',
  '',
].join('\n');
