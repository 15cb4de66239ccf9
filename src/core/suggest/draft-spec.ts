import type { EntitySuggestion, FieldSuggestion, MappingSuggestion } from './suggest-mapping.js';
import type { RuleOption, SuggestedRule } from './value-rules.js';

/** Where a draft came from, for its heading. */
export interface DraftOrigin {
  readonly snapshot: string;
  readonly collectedAt: string;
  readonly schemaFile: string;
}

const reserved = /^(?:true|false|yes|no|on|off|null|y|n|~)$/i;

/** A scalar as YAML: plain when that is safe and reads the same, else double-quoted (JSON's quoting is YAML's). */
export function yamlScalar(value: string): string {
  return /^[A-Za-z0-9_][A-Za-z0-9_./-]*$/.test(value) && !reserved.test(value) ? value : JSON.stringify(value);
}

/** A value in YAML's flow style, on one line. */
function flow(value: RuleOption | null): string {
  if (value === null) return '""';
  if (typeof value === 'string') return yamlScalar(value);
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(yamlScalar).join(', ')}]`;
  const entries = Object.entries(value as Record<string, RuleOption | null>);
  return `{ ${entries.map(([k, v]) => `${yamlScalar(k)}: ${flow(v)}`).join(', ')} }`;
}

function rule(r: SuggestedRule): string {
  return r.options === undefined ? yamlScalar(r.name) : `{ ${yamlScalar(r.name)}: ${flow(r.options)} }`;
}

/** One line of comment, whatever the text holds. */
const comment = (indent: string, text: string) => `${indent}# ${text.replace(/\s+/g, ' ').trim()}`;

function fieldLines(f: FieldSuggestion): string[] {
  const indent = '      ';
  if (f.from === undefined) {
    // commented out, so the draft still parses; the analyst fills it in
    return [
      comment(indent, `TODO ${f.name} (${f.type}${f.required ? ', required' : ''}): ${f.todo.join('; ')}`),
      comment(indent, `${f.name}: { from: COLUMN${f.required ? ', required: true' : ''}, rules: [trim] }`),
    ];
  }
  const why = `${f.from} → ${f.name}: ${f.confidence} (${f.reasons.join('; ')})`;
  const lines = [comment(indent, why), ...f.todo.map((t) => comment(indent, `TODO ${t}`))];
  const when = f.when ? `{ column: ${yamlScalar(f.when.column)}, equals: ${yamlScalar(f.when.equals)} }` : undefined;
  const parts = [`from: ${yamlScalar(f.from)}`, ...(when ? [`when: ${when}`] : []), ...(f.required ? ['required: true'] : []), `rules: [${f.rules.map(rule).join(', ')}]`];
  const line = `${indent}${yamlScalar(f.name)}: { ${parts.join(', ')} }`;
  if (line.length <= 110) return [...lines, line];
  // long rules (value maps) read better one to a line
  return [
    ...lines,
    `${indent}${yamlScalar(f.name)}:`,
    `${indent}  from: ${yamlScalar(f.from)}`,
    ...(when ? [`${indent}  when: ${when}`] : []),
    ...(f.required ? [`${indent}  required: true`] : []),
    `${indent}  rules:`,
    ...f.rules.map((r) => `${indent}    - ${rule(r)}`),
  ];
}

function entityLines(e: EntitySuggestion): string[] {
  const indent = '  ';
  const fields = e.fields.filter((f) => f.from !== undefined);
  if (e.source === undefined || fields.length === 0) {
    return [
      comment(indent, `TODO ${e.table}: no source table looks like it. Its columns: ${e.fields.map((f) => f.name).join(', ')}`),
      '',
    ];
  }
  const lines = [
    comment(indent, `${e.source.table} → ${e.table}: ${e.source.confidence} (${e.source.reasons.join('; ')})`),
    ...(e.source.confidence === 'low' ? [comment(indent, 'TODO a weak match: check that this file feeds this table')] : []),
    `${indent}${yamlScalar(e.entity)}:`,
    `${indent}  source: ${yamlScalar(e.source.table)}`,
  ];
  if (e.key.length === 0) {
    lines.push(comment(`${indent}  `, `TODO ${e.keyTodo.join('; ')}`), `${indent}  key: [TODO]`);
  } else {
    lines.push(comment(`${indent}  `, `key: ${e.keyReasons.join('; ')}`), ...e.keyTodo.map((t) => comment(`${indent}  `, `TODO ${t}`)));
    lines.push(`${indent}  key: [${e.key.map(yamlScalar).join(', ')}]`);
  }
  lines.push(`${indent}  table: ${yamlScalar(e.table)}`);
  if (!e.generateId) lines.push(`${indent}  generate_id: false`);
  lines.push(`${indent}  fields:`);
  for (const f of e.fields) lines.push(...fieldLines(f));
  if (e.unused.length > 0) lines.push(comment(`${indent}  `, `source columns not mapped: ${e.unused.join(', ')}`));
  lines.push('');
  return lines;
}

/**
 * Writes a suggested mapping as a draft spec the analyst edits: each guess with a comment
 * saying why, TODO where unsure, target columns without a source commented out, so the
 * draft parses as it is.
 */
export function renderDraftSpec(suggestion: MappingSuggestion, origin: DraftOrigin): string {
  const guessed = suggestion.entities.flatMap((e) => e.fields).filter((f) => f.from !== undefined).length;
  const all = suggestion.entities.flatMap((e) => e.fields).length;
  const body = suggestion.entities.flatMap(entityLines);
  const tail = suggestion.unusedSources.length > 0 ? [comment('', `TODO source tables no entity reads: ${suggestion.unusedSources.join(', ')}`)] : [];
  const todos = [...body, ...tail].filter((line) => line.trimStart().startsWith('# TODO')).length;
  const head = [
    `# DRAFT mapping spec, suggested from snapshot ${origin.snapshot} (collected ${origin.collectedAt})`,
    `# onto the target's tables in ${origin.schemaFile}: ${guessed} of ${all} target columns guessed, ${todos} TODO to check.`,
    '# Each guess says why: the names (and synonyms such as Forename = first_name), the type, and the values',
    '# the profile saw. Check every TODO, then copy what you keep into your own spec; nothing reads this file.',
    'version: 1',
    '',
    'entities:',
  ];
  return [...head, ...body, ...tail].join('\n').replace(/\n+$/, '\n');
}
