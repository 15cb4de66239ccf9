import { sampleSpecText } from '../../test-support/spec-fixtures.js';
import { describe, expect, test } from 'vitest';
import { CutoverError } from '../cutover-error.js';
import { SpecError } from './spec-error.js';
import { loadOrder } from './load-order.js';
import { parseSpec, parseSpecFiles, type SpecFile } from './spec-parser.js';

const SAMPLE = sampleSpecText;
const whole = parseSpec(SAMPLE, 'specs/estate-agency.yaml');

/** The sample's entity blocks by name, each as written (two-space indent under entities:). */
function entityBlocks(text: string): Map<string, string> {
  // the checklist that closes the sample counts every entity, so it stays out of the parts
  const body = text.slice(text.indexOf('entities:\n') + 'entities:\n'.length, text.indexOf('\n# The pre-migration checklist'));
  const blocks = new Map<string, string>();
  for (const block of body.split(/\n(?=  [a-z_]+:\n)/)) {
    const name = /^  ([a-z_]+):/.exec(block)?.[1];
    if (name !== undefined) blocks.set(name, `${block.trimEnd()}\n`);
  }
  return blocks;
}

const blocks = entityBlocks(SAMPLE);
const part = (file: string, names: readonly string[], head = ''): SpecFile => ({
  file,
  text: `${head}entities:\n${names.map((name) => blocks.get(name) ?? '').join('\n')}`,
});

/** The message of the SpecError that parsing `files` throws. */
function failure(files: readonly SpecFile[]): string {
  try {
    parseSpecFiles(files);
  } catch (error) {
    if (error instanceof SpecError) return error.message;
    throw error;
  }
  throw new Error('the spec parsed');
}

describe('parseSpecFiles', () => {
  const split = [
    { file: 'specs/main.yaml', text: '# shared settings\nversion: 1\n' },
    part('specs/people.yaml', ['person', 'person_role']),
    part('specs/property.yaml', ['supplier', 'property', 'tenancy', 'diary_entry']),
    part('specs/money.yaml', ['opening_balance'], 'version: 1\n'),
  ];

  test('reads a spec split into files as the one file it came from', () => {
    const spec = parseSpecFiles(split);
    expect(blocks.size).toBe(7);
    expect(spec.file).toBe('specs/main.yaml');
    expect(spec.files).toEqual(['specs/main.yaml', 'specs/people.yaml', 'specs/property.yaml', 'specs/money.yaml']);
    expect(spec.entities.map((entity) => [entity.name, entity.where.file, entity.where.line])).toEqual([
      ['person', 'specs/people.yaml', 2],
      ['person_role', 'specs/people.yaml', 43],
      ['supplier', 'specs/property.yaml', 2],
      ['property', 'specs/property.yaml', 16],
      ['tenancy', 'specs/property.yaml', 49],
      ['diary_entry', 'specs/property.yaml', 82],
      ['opening_balance', 'specs/money.yaml', 3],
    ]);
    expect(spec.hash).toBe(whole.hash);
  });

  test('keeps the hash when the files come in another order, are laid out otherwise or hold the entities in another order', () => {
    const relaid = entityBlocks(
      SAMPLE.replace(
        'last_name: { from: Surname, required: true, rules: [trim, title_case] }',
        'last_name:\n        from: Surname   # the family name\n        required: true\n        rules: [trim, title_case]',
      ),
    );
    const reordered = [
      part('a.yaml', ['opening_balance'], 'version: 1\n'),
      part('b.yaml', ['tenancy', 'diary_entry', 'property']),
      { file: 'c.yaml', text: `entities:\n${['person_role', 'supplier', 'person'].map((name) => relaid.get(name) ?? '').join('\n')}` },
    ];
    expect(reordered[2]?.text).toContain('# the family name');
    expect([parseSpecFiles(reordered).hash, parseSpecFiles([split[0] as SpecFile, ...split.slice(1).reverse()]).hash]).toEqual([whole.hash, whole.hash]);
  });

  test('changes the hash when a rule changes in any file', () => {
    const changed = split.map((source) => ({ ...source, text: source.text.replace('rules: [trim, lower] }', 'rules: [trim, upper] }') }));
    expect(parseSpecFiles(changed).hash).not.toBe(whole.hash);
  });

  test('looks up parents in other files and loads them first', () => {
    const spec = parseSpecFiles([part('specs/money.yaml', ['opening_balance'], 'version: 1\n'), part('specs/rest.yaml', ['tenancy', 'property', 'supplier', 'person'])]);
    expect(loadOrder(spec).map((entity) => entity.name)).toEqual(['supplier', 'person', 'property', 'tenancy', 'opening_balance']);
  });

  test('names both places of an entity defined in two files', () => {
    expect(failure([part('specs/a.yaml', ['supplier'], 'version: 1\n'), part('specs/b.yaml', ['person', 'supplier'])])).toBe(
      'specs/b.yaml line 43 column 3: entity "supplier" is defined twice (first in specs/a.yaml line 3); give each entity its own name',
    );
  });

  test('needs the version in the first file and entities in every later one', () => {
    expect(failure([part('specs/a.yaml', ['supplier']), { file: 'specs/b.yaml', text: 'version: 2\n' }])).toBe(
      [
        'specs/a.yaml line 1 column 1: this spec file has no "version"; write version: 1 at the top of the first spec file',
        'specs/b.yaml line 1 column 1: this spec file has no "entities"; write entities: followed by one map per entity, for example person: { source: people.csv, ... }',
        'specs/b.yaml line 1 column 10: "version" in this spec file must be 1, not "2"; write version: 1, or leave the version to the first file',
      ].join('\n'),
    );
  });

  test('needs an entity in some file', () => {
    expect(failure([{ file: 'specs/a.yaml', text: 'version: 1\n' }, { file: 'specs/b.yaml', text: 'version: 1\nentities: {}\n' }])).toBe(
      'specs/b.yaml line 2 column 11: this spec file has no entities; write entities: followed by one map per entity, for example person: { source: people.csv, ... }',
    );
    expect(failure([{ file: 'specs/a.yaml', text: 'version: 1\n' }, { file: 'specs/b.yaml', text: 'version: 1\nentities:\n  # none yet\n' }])).toBe(
      'specs/b.yaml line 2 column 10: "entities" in this spec file must be a map, not blank; write entities: followed by one map per entity, for example person: { source: people.csv, ... }',
    );
  });

  test('lists problems file by file, then by line', () => {
    const bad = (file: string, line: string) => ({ file, text: `version: 1\nentities:\n  x:\n    source: x.csv\n    key: [X]\n    table: x\n    fields:\n${line}` });
    expect(failure([bad('specs/a.yaml', '      a: { from: A, rules: [trimm] }\n'), bad('specs/b.yaml', '      b: { form: B }\n')])).toBe(
      [
        'specs/a.yaml line 8 column 29: unknown transform "trimm". Did you mean "trim"? Known transforms: trim, upper, lower, title_case, collapse_spaces, replace, pad, truncate, split_name, address_line, concat, date, time, datetime, money, email, uk_postcode, uk_phone, map, lookup, default, constant',
        'specs/b.yaml line 3 column 3: entity "x" is defined twice (first in specs/a.yaml line 3); give each entity its own name',
      ].join('\n'),
    );
  });

  test('reports YAML errors of every file before anything else', () => {
    expect(failure([{ file: 'specs/a.yaml', text: 'version: 1\nentities: [\n' }, { file: 'specs/b.yaml', text: 'entities:\n  x: "open\n' }])).toMatch(
      /^specs\/a\.yaml line \d+ column \d+: this is not valid YAML: .*\nspecs\/b\.yaml line \d+ column \d+: this is not valid YAML: /s,
    );
  });

  test('refuses an empty list of files', () => {
    expect(() => parseSpecFiles([])).toThrow(
      new CutoverError('spec_invalid', 'a spec needs at least one file: pass the spec file, or the files it is split into with the one holding version: 1 first'),
    );
  });
});
