import { sampleSpecText, specFailure } from '../../test-support/spec-fixtures.js';
import { describe, expect, test } from 'vitest';
import { SpecError } from './spec-error.js';
import { parseSpec } from './spec-parser.js';

const SAMPLE = sampleSpecText;
const FILE = 'specs/x.yaml';
const KNOWN_TRANSFORMS =
  'trim, upper, lower, title_case, collapse_spaces, replace, pad, truncate, split_name, address_line, concat, ' +
  'date, time, datetime, money, email, uk_postcode, uk_phone, map, lookup, default, constant';

/** The message of the SpecError that parsing `text` throws. */
const failure = (text: string): string => specFailure(text, FILE);

/** A one-entity spec with `fields` (indented by six spaces) and extra entity keys. */
function personSpec(fields: string, extra = ''): string {
  return `version: 1
entities:
  person:
    source: people.csv
    key: [PersonID]
    table: person
${extra}    fields:
${fields}`;
}

describe('parseSpec on the sample spec', () => {
  const spec = parseSpec(SAMPLE, 'specs/estate-agency.yaml');

  test('reads every entity in file order with its parents', () => {
    expect(spec.entities.map((entity) => [entity.name, entity.source, entity.key, entity.table, entity.parents])).toEqual([
      ['person', 'people.csv', ['PersonID'], 'person', []],
      ['person_role', 'person_roles.csv', ['PersonID', 'RoleCode'], 'person_role', ['person']],
      ['supplier', 'suppliers.csv', ['SupplierID'], 'supplier', []],
      ['property', 'properties.csv', ['PropertyID'], 'property', ['person']],
      ['tenancy', 'tenancies.csv', ['TenancyID'], 'tenancy', ['property', 'person']],
      ['diary_entry', 'diary.csv', ['EntryID'], 'diary_entry', ['property', 'person']],
      ['opening_balance', 'balances.csv', ['AccountRef'], 'opening_balance', ['person', 'tenancy', 'supplier']],
    ]);
    expect(spec.version).toBe(1);
    expect(spec.file).toBe('specs/estate-agency.yaml');
    expect(spec.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  test('normalises an entity completely', () => {
    const at = (line: number, column: number) => ({ file: 'specs/estate-agency.yaml', line, column });
    const balance = spec.entities.find((entity) => entity.name === 'opening_balance');
    const holder = (name: string, type: string, parent: string, line: number) => ({
      name,
      from: 'HolderID',
      fromWhere: at(line + 1, 15),
      required: true,
      when: { column: 'HolderType', equals: type, where: at(line + 2, 25) },
      rules: [
        { name: 'trim', options: undefined, where: at(line + 4, 17) },
        { name: 'lookup', options: parent, where: at(line + 4, 25) },
      ],
      where: at(line, 7),
    });
    expect(balance).toEqual({
      name: 'opening_balance',
      source: 'balances.csv',
      key: ['AccountRef'],
      table: 'opening_balance',
      generateId: true,
      exclude: [],
      reconcile: { money: [{ field: 'amount', by: 'account' }] },
      maxRejected: { share: 20 },
      fields: [
        {
          name: 'account',
          from: 'Account',
          fromWhere: at(198, 15),
          required: true,
          rules: [
            { name: 'trim', options: undefined, where: at(201, 13) },
            {
              name: 'map',
              options: { values: { Client: 'client', Deposit: 'deposit' }, unmapped: 'reject' },
              where: at(202, 13),
            },
          ],
          where: at(197, 7),
        },
        holder('landlord_id', 'Landlord', 'person', 205),
        holder('tenancy_id', 'Tenancy', 'tenancy', 210),
        holder('supplier_id', 'Supplier', 'supplier', 215),
        {
          name: 'amount',
          from: 'Balance',
          fromWhere: at(220, 23),
          required: true,
          rules: [{ name: 'money', options: { currency: '£', decimal_separator: '.', thousands_separator: ',', scale: 2 }, where: at(220, 58) }],
          where: at(220, 7),
        },
      ],
      parents: ['person', 'tenancy', 'supplier'],
      examples: [
        {
          source: { AccountRef: 'B1', Account: 'Client', HolderType: 'Landlord', HolderID: ' P0001 ', Balance: '£1,000' },
          parents: { person: { P0001: '1' } },
          expected: { outcome: 'mapped', target: { account: 'client', landlord_id: '1', amount: '1000.00' } },
          where: at(222, 9),
        },
        {
          source: { AccountRef: 'B2', Account: 'Deposit', HolderType: 'Supplier', HolderID: 'S001', Balance: '(12.50)' },
          parents: { supplier: { S001: '30' } },
          expected: { outcome: 'mapped', target: { account: 'deposit', supplier_id: '30', amount: '-12.50' } },
          where: at(225, 9),
        },
        {
          source: { AccountRef: 'B3', Account: 'Client', HolderType: 'Tenancy', Balance: '5' },
          parents: {},
          expected: { outcome: 'rejected', reason: 'tenancy_id is blank, and it is required' },
          where: at(228, 9),
        },
      ],
      where: at(188, 3),
      keyWhere: [at(190, 11)],
    });
  });

  test('reads the share or count of rows a run may reject', () => {
    const read = (limit: string) => parseSpec(personSpec('      a: { from: A }\n', `    max_rejected: ${limit}\n`), FILE).entities[0]?.maxRejected;
    expect([read('2%'), read('10'), read('"0.5%"')]).toEqual([{ share: 2 }, { rows: 10 }, { share: 0.5 }]);
    expect(parseSpec(personSpec('      a: { from: A }\n'), FILE).entities[0]).not.toHaveProperty('maxRejected');
  });

  test('reads a limit written beside version: for every entity that sets none, and leaves it out of the hash', () => {
    const two = `${personSpec('      a: { from: A }\n', '    max_rejected: 3\n')}  role:\n    source: r.csv\n    key: [R]\n    table: role\n    fields:\n      b: { from: B }\n`;
    const spec = parseSpec(`${two}max_rejected: 20%\n`, FILE);
    expect(spec.entities.map((e) => [e.name, e.maxRejected])).toEqual([['person', { rows: 3 }], ['role', { share: 20 }]]);
    expect(spec.hash).toBe(parseSpec(two, FILE).hash);
  });

  test('reads exclusions, merges and generate_id', () => {
    const [person, role] = spec.entities;
    expect(person?.exclude).toEqual([
      {
        rule: 'test-records',
        when: { column: 'Surname', in: ['TEST', 'Test', 'test'], where: { file: 'specs/estate-agency.yaml', line: 12, column: 25 } },
        reason: 'test record created for staff training',
        where: { file: 'specs/estate-agency.yaml', line: 11, column: 9 },
      },
    ]);
    expect(person?.merge).toEqual({ on: ['email'], reason: 'the same person was typed in twice' });
    expect(role?.generateId).toBe(false);
    expect(role?.keyWhere.map((where) => where.column)).toEqual([11, 21]);
  });

  test('returns a frozen model', () => {
    expect(Object.isFrozen(spec)).toBe(true);
    expect(Object.isFrozen(spec.entities[0]?.fields[0]?.rules)).toBe(true);
  });

  test('keeps the hash when only comments and layout change', () => {
    const relaid = SAMPLE.replace('# Mapping spec', '# Another comment\n# Mapping spec').replace(
      'last_name: { from: Surname, required: true, rules: [trim, title_case] }',
      'last_name:\n        required: true\n        from: Surname   # the family name\n        rules:\n          - trim\n          - title_case',
    );
    expect(relaid).not.toBe(SAMPLE);
    expect(parseSpec(relaid, 'elsewhere.yaml').hash).toBe(spec.hash);
  });

  test('changes the hash when a rule changes', () => {
    const changed = SAMPLE.replace('last_name: { from: Surname, required: true, rules: [trim, title_case] }', 'last_name: { from: Surname, required: true, rules: [trim, upper] }');
    expect(parseSpec(changed, 'specs/estate-agency.yaml').hash).not.toBe(spec.hash);
  });
});

const SPECS: Readonly<Record<string, string>> = {
  tabel: personSpec('      a: { from: A }\n').replace('    table: person', '    tabel: person'),
  nokey: personSpec('      a: { from: A }\n').replace('    key: [PersonID]\n', ''),
  lookup: personSpec('      a: { from: A, rules: [{ lookup: persn }] }\n'),
  yaml: personSpec('      a: { from: A, rules: [trim }\n'),
  yaml2: 'version: 1\nentities:\n  person:\n    source: "people.csv\n',
  dupEntity: personSpec('      a: { from: A }\n') + '  person:\n    source: x.csv\n    key: [X]\n    table: x\n    fields:\n      b: { from: B }\n',
  dupField: personSpec('      a: { from: A }\n      b: { from: B }\n      a: { from: C }\n'),
  regex: personSpec('      a: { from: A }\n', '    exclude:\n      - rule: tests\n        when: { column: Surname, matches: "^(TEST" }\n        reason: test rows\n'),
  mapNeither: personSpec('      a:\n        from: A\n        rules:\n          - map:\n              values: { X: x }\n'),
  merge: personSpec('      email: { from: A }\n', '    merge: { on: [emial], reason: same }\n    reconcile:\n      money:\n        - { field: amount, by: acount }\n'),
  dupMoney: personSpec('      amount: { from: A }\n      branch: { from: B }\n', '    reconcile:\n      money:\n        - { field: amount }\n        - { field: amount, by: branch }\n        - { field: amount }\n'),
  twoTests: personSpec('      a: { from: A, when: { column: T, equals: X, in: [Y] } }\n'),
  noTest: personSpec('      a: { from: A, when: { column: T } }\n'),
  dateNoFormats: personSpec('      a: { from: A, when: { column: T, before: 2015-01-01 } }\n'),
  dateBadFormat: personSpec('      a: { from: A, when: { column: T, after: 2015-01-01, formats: [DD/MM] } }\n'),
  dateNotIso: personSpec('      a: { from: A, when: { column: T, before: 01/01/2015, formats: [dd/MM/yyyy] } }\n'),
  indent: personSpec('      a:\n        from: A\n        rules:\n          - date:\n            formats: [dd/MM/yyyy]\n'),
  required: personSpec('      a: { from: A, required: yes }\n'),
  cycle: `version: 1
entities:
  person:
    source: people.csv
    key: [PersonID]
    table: person
    fields:
      home: { from: HomeID, rules: [{ lookup: property }] }
  property:
    source: properties.csv
    key: [PropertyID]
    table: property
    fields:
      landlord: { from: LandlordID, rules: [{ lookup: person }] }
`,
  takeUnknown: personSpec('      a: { from: A }\n') + '  role:\n    source: r.csv\n    key: [R]\n    table: role\n    fields:\n      who: { from: P, rules: [{ lookup: { entity: person, take: emial } }] }\n      track: { from: T, rules: [{ lookup: { table: people.csv, key: PersonID, take: Name } }] }\n',
  selfNotLast: personSpec('      referrer: { from: Ref, rules: [{ lookup: person }, trim] }\n'),
  selfMerge: personSpec('      email: { from: E }\n      referrer: { from: Ref, rules: [trim, { lookup: person }] }\n', '    merge: { on: [email], reason: same e-mail }\n'),
  selfNoIds: personSpec('      referrer: { from: Ref, rules: [{ lookup: person }] }\n', '    generate_id: false\n'),
  composite: personSpec('      a: { from: A }\n') + '  role:\n    source: r.csv\n    key: [P, R]\n    table: role\n    fields:\n      p: { from: P }\n  other:\n    source: o.csv\n    key: [O]\n    table: o\n    fields:\n      r: { from: R, rules: [{ lookup: role }] }\n',
  trimOpts: personSpec('      a: { from: A, rules: [{ trim: both }] }\n'),
  bareDate: personSpec('      a: { from: A, rules: [date] }\n'),
  blankDate: personSpec('      a: { from: A, rules: [{ date: }] }\n'),
  noFrom: personSpec('      a: { required: true }\n      b: { rules: [{ constant: X }] }\n'),
  version: personSpec('      a: { from: A }\n').replace('version: 1', 'version: 2'),
  noVersion: personSpec('      a: { from: A }\n').replace('version: 1\n', ''),
  empty: '',
  notMap: '- a\n- b\n',
  noEntities: 'version: 1\nentities: {}\n',
  keyMap: personSpec('      a: { from: A }\n').replace('key: [PersonID]', 'key: { a: b }'),
  fieldBlank: personSpec('      a:\n      b: { from: B }\n'),
  fieldsList: personSpec('      - a\n'),
  badDateFormat: personSpec('      a: { from: A, rules: [{ date: { formats: [DD/MM/YYYY] } }] }\n'),
  dateFormatKey: personSpec('      a: { from: A, rules: [{ date: { format: [dd/MM/yyyy] } }] }\n'),
  moneyScale: personSpec('      a: { from: A, rules: [{ money: { scale: two } }] }\n'),
  mapValuesList: personSpec('      a: { from: A, rules: [{ map: { values: [a, b], unmapped: keep } }] }\n'),
  dupMapKey: personSpec('      a: { from: A, rules: [{ map: { values: { X: x, X: y }, unmapped: keep } }] }\n'),
  exclMissing: personSpec('      a: { from: A }\n', '    exclude:\n      - rule: tests\n        when: { column: Surname, equals: TEST }\n      - { rule: tests, when: { column: S, blank: true }, reason: r }\n'),
  unknownCondKey: personSpec('      a: { from: A, when: { colum: T, equals: X } }\n'),
  many: personSpec('      a: { from: A, rules: [trimm] }\n      b: { form: B }\n').replace('table: person', 'table: person\n    generate_id: nope'),
  fromMap: personSpec('      a: { from: { Email: x } }\n'),
  fromEmpty: personSpec('      a: { from: [] }\n'),
  keyAliasMap: personSpec('      a: { from: A }\n').replace('key: [PersonID]', 'key: [[PersonID, { a: b }]]'),
  concatWithFrom: personSpec('      a: { from: A, rules: [{ concat: { columns: [B, C] } }] }\n'),
  concatNotFirst: personSpec('      a: { rules: [trim, { concat: { columns: [B, C] } }] }\n'),
  concatOneColumn: personSpec('      a: { rules: [{ concat: { columns: [B] } }] }\n'),
  phoneFormat: personSpec('      a: { from: A, rules: [{ uk_phone: { format: local } }] }\n'),
  phoneKey: personSpec('      a: { from: A, rules: [{ uk_phone: { fromat: national } }] }\n'),
  splitPart: personSpec('      a: { from: A, rules: [{ split_name: { part: surname } }] }\n'),
  maxRejected: personSpec('      a: { from: A }\n', '    max_rejected: most\n'),
  replaceRegex: personSpec('      a: { from: A, rules: [{ replace: { pattern: "[0-9", with: "" } }] }\n'),
};


const PROBLEMS: Readonly<Record<string, { title: string; lines: readonly string[] }>> = {
  tabel: {
    title: "a misspelt key, and the key it leaves missing",
    lines: [
      "specs/x.yaml line 3 column 3: entity \"person\" has no \"table\"; write table: TABLE, the target table, for example table: person",
      "specs/x.yaml line 6 column 5: unknown key \"tabel\" in entity \"person\". Did you mean \"table\"? Known keys: source, key, table, generate_id, exclude, retention, merge, dedup, reconcile, fields, examples, max_rejected, on_delete",
    ],
  },
  nokey: {
    title: "a missing key",
    lines: [
      "specs/x.yaml line 3 column 3: entity \"person\" has no \"key\"; write key: [COLUMN], the source column or columns that identify a row, for example key: [PersonID]",
    ],
  },
  lookup: {
    title: "a lookup to an entity that is not in the spec",
    lines: [
      "specs/x.yaml line 8 column 39: the lookup in entity \"person\" names entity \"persn\", which is not in this spec. Did you mean \"person\"? Its entities are: person",
    ],
  },
  yaml: {
    title: "a YAML syntax error",
    lines: [
      "specs/x.yaml line 8 column 34: this is not valid YAML: flow sequence in block collection must be sufficiently indented and end with a ]; check the indentation, the colons and the quotes here",
      "specs/x.yaml line 8 column 35: this is not valid YAML: flow map in block collection must be sufficiently indented and end with a }; check the indentation, the colons and the quotes here",
    ],
  },
  yaml2: {
    title: "an unclosed quote",
    lines: [
      "specs/x.yaml line 5 column 1: this is not valid YAML: missing closing \"quote; check the indentation, the colons and the quotes here",
    ],
  },
  dupEntity: {
    title: "an entity defined twice",
    lines: [
      "specs/x.yaml line 9 column 3: entity \"person\" is defined twice (first on line 3); give each entity its own name",
    ],
  },
  dupField: {
    title: "a field defined twice",
    lines: [
      "specs/x.yaml line 10 column 7: field \"a\" of entity \"person\" is defined twice (first on line 8); give each field its own name",
    ],
  },
  regex: {
    title: "an invalid regular expression in a matches condition",
    lines: [
      "specs/x.yaml line 9 column 43: \"^(TEST\" in the \"when\" of exclusion \"tests\" of entity \"person\" is not a valid regular expression (Unterminated group); write a JavaScript regular expression such as ^TEST or ^(TEST|DEMO)$",
    ],
  },
  mapNeither: {
    title: "a value map without default or unmapped",
    lines: [
      "specs/x.yaml line 12 column 15: a value map needs `default: VALUE` or `unmapped: keep|reject`",
    ],
  },
  merge: {
    title: "merge and reconcile naming fields that do not exist",
    lines: [
      "specs/x.yaml line 7 column 19: the merge of entity \"person\" names \"emial\", which is not a field of this entity. Did you mean \"email\"? Its fields are: email",
      "specs/x.yaml line 10 column 20: money check 1 of entity \"person\" names \"amount\", which is not a field of this entity. Its fields are: email",
      "specs/x.yaml line 10 column 32: money check 1 of entity \"person\" names \"acount\", which is not a field of this entity. Its fields are: email",
    ],
  },
  dupMoney: {
    title: "the same money field listed twice",
    lines: [
      "specs/x.yaml line 11 column 11: money check 3 of entity \"person\" adds up \"amount\" again, as money check 1 does (line 9); list each money field once, or give it its own \"by\"",
    ],
  },
  twoTests: {
    title: "a condition with two tests",
    lines: [
      "specs/x.yaml line 8 column 27: a condition needs exactly one test of equals, in, matches or blank, or a date test of before and/or after, but this one has equals and in; write for example { column: Status, equals: Archived } or { column: Archived, before: 2015-01-01, formats: [dd/MM/yyyy] }",
    ],
  },
  noTest: {
    title: "a condition without a test",
    lines: [
      "specs/x.yaml line 8 column 27: a condition needs exactly one test of equals, in, matches or blank, or a date test of before and/or after, but this one has none; write for example { column: Status, equals: Archived } or { column: Archived, before: 2015-01-01, formats: [dd/MM/yyyy] }",
    ],
  },
  dateNoFormats: {
    title: "a date test without formats",
    lines: ["specs/x.yaml line 8 column 27: a date test needs formats: the ways the column writes its dates, for example formats: [dd/MM/yyyy]"],
  },
  dateBadFormat: {
    title: "a date test with a format that is not one",
    lines: ["specs/x.yaml line 8 column 68: \"DD/MM\" is not a date format: \"DD\" is not one of dd, d, MM, M, MMM, yyyy, HH, H, mm, ss, S, SSS, SSSSSS, T; build it from dd, d, MM, M, MMM, yyyy and separators, with HH, mm, ss and SSS for a time written after the date, for example dd/MM/yyyy or yyyy-MM-dd HH:mm:ss (in the \"when\" of field \"a\" of entity \"person\")"],
  },
  dateNotIso: {
    title: "a date test whose bound is not written yyyy-MM-dd",
    lines: ["specs/x.yaml line 8 column 48: \"before\" in the \"when\" of field \"a\" of entity \"person\" must be written yyyy-MM-dd, for example 2015-01-01, not \"01/01/2015\"; write before: yyyy-MM-dd, for rows dated before that day"],
  },
  indent: {
    title: "rule options that are not indented under the rule",
    lines: [
      "specs/x.yaml line 11 column 13: a rule is a name such as trim, or a map with one key such as { date: { formats: [dd/MM/yyyy] } }, but this one has 2 keys (date, formats); indent the options under the rule name, or start each rule on its own line with \"- \"",
    ],
  },
  required: {
    title: "a flag that is not true or false",
    lines: [
      "specs/x.yaml line 8 column 31: \"required\" in field \"a\" of entity \"person\" must be true or false, not \"yes\"; write required: true or required: false",
    ],
  },
  cycle: {
    title: "lookups that form a cycle",
    lines: [
      "specs/x.yaml line 8 column 39: the lookups go round in a circle: person looks up property (line 8), property looks up person (line 14); a parent must be loaded before the rows that look it up, so remove one of these lookups",
    ],
  },
  takeUnknown: {
    title: "a lookup taking a field its parent does not have, and one reading a table the spec migrates",
    lines: [
      "specs/x.yaml line 14 column 41: the lookup in entity \"role\" takes \"emial\", which is not a field of entity \"person\". Its fields are: a",
      "specs/x.yaml line 15 column 43: the lookup in entity \"role\" reads table people.csv, which entity \"person\" migrates; take a field of it with lookup: { entity: person, take: FIELD }",
    ],
  },
  selfNotLast: {
    title: "a lookup into the same entity followed by another rule",
    lines: [
      "specs/x.yaml line 8 column 40: field \"referrer\" of entity \"person\" looks up person itself, so its lookup is filled in once every person is loaded and must be its last rule; move the rules after it before it",
    ],
  },
  selfMerge: {
    title: "a lookup into the same entity that also merges",
    lines: [
      "specs/x.yaml line 10 column 46: entity \"person\" looks itself up and merges duplicates; a row that points at a merged one cannot be told apart yet, so remove the merge or the lookup",
    ],
  },
  selfNoIds: {
    title: "a lookup into the same entity that gives no ids",
    lines: [
      "specs/x.yaml line 9 column 40: entity \"person\" looks itself up, but with generate_id: false its rows have no new id to point at; remove generate_id: false or the lookup",
    ],
  },
  composite: {
    title: "a lookup to an entity with a composite key",
    lines: [
      "specs/x.yaml line 20 column 39: the lookup in entity \"other\" names entity \"role\", whose key has 2 columns (P, R); a lookup needs a parent whose key is one column",
    ],
  },
  trimOpts: {
    title: "options for a transform that takes none",
    lines: [
      "specs/x.yaml line 8 column 37: the \"trim\" rule of field \"a\" in entity \"person\" takes no options; write - trim",
    ],
  },
  bareDate: {
    title: "a transform written without the options it needs",
    lines: [
      "specs/x.yaml line 8 column 29: the \"date\" rule of field \"a\" in entity \"person\" needs options; write date: { formats: [dd/MM/yyyy, yyyy-MM-dd, d MMM yyyy] }",
    ],
  },
  blankDate: {
    title: "a transform with blank options",
    lines: [
      "specs/x.yaml line 8 column 37: the \"date\" rule of field \"a\" in entity \"person\" must be a map, not blank; write date: { formats: [dd/MM/yyyy, yyyy-MM-dd, d MMM yyyy] }",
    ],
  },
  noFrom: {
    title: "a field with neither from nor a rule that makes a value",
    lines: [
      "specs/x.yaml line 8 column 7: field \"a\" of entity \"person\" has no \"from\"; write from: COLUMN naming the source column, or use a rule such as constant: VALUE that makes the value",
    ],
  },
  version: {
    title: "a version other than 1",
    lines: [
      "specs/x.yaml line 1 column 10: \"version\" in the spec must be 1, not \"2\"; write version: 1 at the top of the spec",
    ],
  },
  noVersion: {
    title: "no version",
    lines: [
      "specs/x.yaml line 1 column 1: the spec has no \"version\"; write version: 1 at the top of the spec",
    ],
  },
  empty: {
    title: "an empty file",
    lines: [
      "specs/x.yaml line 1 column 1: the spec must be a map, not blank; a spec is a map with version: 1 and entities:",
    ],
  },
  notMap: {
    title: "a file that is a list",
    lines: [
      "specs/x.yaml line 1 column 1: the spec must be a map, not a list; a spec is a map with version: 1 and entities:",
    ],
  },
  noEntities: {
    title: "no entities",
    lines: [
      "specs/x.yaml line 2 column 11: the spec has no entities; write entities: followed by one map per entity, for example person: { source: people.csv, ... }",
    ],
  },
  keyMap: {
    title: "a key written as a map",
    lines: [
      "specs/x.yaml line 5 column 10: \"key\" in entity \"person\" must be a list, not a map; write key: [COLUMN], the source column or columns that identify a row, for example key: [PersonID]",
    ],
  },
  fieldBlank: {
    title: "a blank field",
    lines: [
      "specs/x.yaml line 8 column 9: field \"a\" of entity \"person\" must be a map, not blank; write the field as a map, for example email: { from: Email, rules: [trim, lower] }",
    ],
  },
  fieldsList: {
    title: "fields written as a list",
    lines: [
      "specs/x.yaml line 8 column 7: \"fields\" in entity \"person\" must be a map, not a list; write fields: followed by one map per target column, for example email: { from: Email, rules: [trim, lower] }",
    ],
  },
  badDateFormat: {
    title: "a date format in capitals",
    lines: [
      "specs/x.yaml line 8 column 49: \"DD/MM/YYYY\" is not a date format: \"DD\" is not one of dd, d, MM, M, MMM, yyyy, HH, H, mm, ss, S, SSS, SSSSSS, T; build it from dd, d, MM, M, MMM, yyyy and separators, with HH, mm, ss and SSS for a time written after the date, for example dd/MM/yyyy or yyyy-MM-dd HH:mm:ss",
    ],
  },
  dateFormatKey: {
    title: "a misspelt transform option",
    lines: [
      "specs/x.yaml line 8 column 31: the \"date\" rule of field \"a\" in entity \"person\" has no \"formats\"; write date: { formats: [dd/MM/yyyy, yyyy-MM-dd, d MMM yyyy] }",
      "specs/x.yaml line 8 column 39: unknown key \"format\" in the \"date\" rule of field \"a\" in entity \"person\". Did you mean \"formats\"? Known keys: formats, require_midnight",
    ],
  },
  moneyScale: {
    title: "a scale that is not a number",
    lines: [
      "specs/x.yaml line 8 column 47: \"scale\" in the \"money\" rule of field \"a\" in entity \"person\" must be a whole number such as 2, not \"two\"; write money: { currency: \"£\", decimal_separator: \".\", thousands_separator: \",\", scale: 2 }",
    ],
  },
  mapValuesList: {
    title: "value map values written as a list",
    lines: [
      "specs/x.yaml line 8 column 46: \"values\" in the \"map\" rule of field \"a\" in entity \"person\" must be a map, not a list; write map: { values: { OLD: NEW }, unmapped: keep|reject } or map: { values: { OLD: NEW }, default: VALUE }",
    ],
  },
  dupMapKey: {
    title: "a value map with a value twice",
    lines: [
      "specs/x.yaml line 8 column 54: \"X\" is written twice in the same map (first on line 8); keep one",
    ],
  },
  exclMissing: {
    title: "an exclusion without a reason",
    lines: [
      "specs/x.yaml line 8 column 9: exclusion \"tests\" of entity \"person\" has no \"reason\"; write reason: TEXT, the reason the customer will read",
    ],
  },
  unknownCondKey: {
    title: "a misspelt condition key",
    lines: [
      "specs/x.yaml line 8 column 27: the \"when\" of field \"a\" of entity \"person\" has no \"column\"; write column: COLUMN, the source column to test",
      "specs/x.yaml line 8 column 29: unknown key \"colum\" in the \"when\" of field \"a\" of entity \"person\". Did you mean \"column\"? Known keys: column, equals, in, matches, ignore_case, blank, before, after, formats",
    ],
  },
  maxRejected: {
    title: 'a limit of rejected rows that is neither a share nor a count',
    lines: [
      'specs/x.yaml line 7 column 19: max_rejected must be a share of the rows such as 5% or a number of rows such as 10, not "most"; a run that rejects more needs attention',
    ],
  },
  many: {
    title: "several problems at once, in file order",
    lines: [
      "specs/x.yaml line 7 column 18: \"generate_id\" in entity \"person\" must be true or false, not \"nope\"; write generate_id: false when the table has no id column of its own",
      `specs/x.yaml line 9 column 29: unknown transform "trimm". Did you mean "trim"? Known transforms: ${KNOWN_TRANSFORMS}`,
      "specs/x.yaml line 10 column 12: unknown key \"form\" in field \"b\" of entity \"person\". Did you mean \"from\"? Known keys: from, required, when, rules, personal",
    ],
  },
  fromMap: {
    title: 'a source column written as a map',
    lines: [
      'specs/x.yaml line 8 column 18: "from" in field "a" of entity "person" must be text or a list, not a map; ' +
        'write from: COLUMN, the source column, for example from: Email, or the names files may give it, for example from: [Email, EmailAddress]',
    ],
  },
  fromEmpty: {
    title: 'an empty list of column names',
    lines: [
      'specs/x.yaml line 8 column 18: "from" in field "a" of entity "person" needs at least 1 item; ' +
        'write from: COLUMN, the source column, for example from: Email, or the names files may give it, for example from: [Email, EmailAddress]',
    ],
  },
  keyAliasMap: {
    title: 'a map among the names of a key column',
    lines: [
      'specs/x.yaml line 5 column 22: item 2 of item 1 of "key" in entity "person" must be text, not a map; ' +
        'write key: [COLUMN], the source column or columns that identify a row, for example key: [PersonID]',
    ],
  },
  concatWithFrom: {
    title: 'concat in a field that also has from',
    lines: [
      'specs/x.yaml line 8 column 18: the "concat" rule of field "a" of entity "person" makes the value from the columns it names, ' +
        'so it must come first and the field takes no "from"; remove from:',
    ],
  },
  concatNotFirst: {
    title: 'concat after another rule',
    lines: [
      'specs/x.yaml line 8 column 28: the "concat" rule of field "a" of entity "person" makes the value from the columns it names, ' +
        'so it must come first and the field takes no "from"; move it to the top of rules:',
    ],
  },
  concatOneColumn: {
    title: 'concat of one column',
    lines: [
      'specs/x.yaml line 8 column 41: "columns" in the "concat" rule of field "a" in entity "person" needs at least 2 items; ' +
        'write concat: { columns: [COLUMN, [COLUMN, ALIAS], COLUMN], separator: " " } as the first rule of a field without from',
    ],
  },
  phoneFormat: {
    title: 'a phone format that does not exist',
    lines: [
      'specs/x.yaml line 8 column 51: "format" in the "uk_phone" rule of field "a" in entity "person" must be e164 or national, not "local"; ' +
        'write uk_phone or uk_phone: { format: e164|national }',
    ],
  },
  phoneKey: {
    title: 'a misspelt option of a rule whose options may be left out',
    lines: [
      'specs/x.yaml line 8 column 43: unknown key "fromat" in the "uk_phone" rule of field "a" in entity "person". Did you mean "format"? Known keys: format',
    ],
  },
  splitPart: {
    title: 'a part of a name that split_name does not know',
    lines: [
      'specs/x.yaml line 8 column 51: "part" in the "split_name" rule of field "a" in entity "person" must be title or first or middle or last, not "surname"; ' +
        'write split_name: { part: title|first|middle|last }',
    ],
  },
  replaceRegex: {
    title: 'a replace pattern that does not compile',
    lines: [
      'specs/x.yaml line 8 column 51: "[0-9" is not a valid regular expression (Unterminated character class); write a JavaScript regular expression such as "^0+" or "[^0-9]"',
    ],
  },
};

describe('parseSpec problems', () => {
  test.each(Object.entries(PROBLEMS))('%s', (name, { lines }) => {
    expect(failure(SPECS[name] ?? '')).toBe(lines.join('\n'));
  });

  test('an unknown transform, with the closest name and the known ones', () => {
    expect(failure(personSpec('      born: { from: Born, rules: [trim, { datee: { formats: [dd/MM/yyyy] } }] }\n'))).toBe(
      'specs/x.yaml line 8 column 43: unknown transform "datee". Did you mean "date"? ' +
        `Known transforms: ${KNOWN_TRANSFORMS}`,
    );
  });

  test('carries the problems as data on one spec_invalid error', () => {
    let caught: unknown;
    try {
      parseSpec(SPECS.many ?? '', FILE);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(SpecError);
    const error = caught as SpecError;
    expect(error.code).toBe('spec_invalid');
    expect(error.where).toEqual({ file: FILE, line: 7, column: 18 });
    expect(error.problems).toEqual([
      {
        code: 'invalid_value',
        file: FILE,
        line: 7,
        column: 18,
        message: '"generate_id" in entity "person" must be true or false, not "nope"; write generate_id: false when the table has no id column of its own',
      },
      {
        code: 'unknown_transform',
        file: FILE,
        line: 9,
        column: 29,
        message:
          `unknown transform "trimm". Did you mean "trim"? Known transforms: ${KNOWN_TRANSFORMS}`,
      },
      {
        code: 'unknown_key',
        file: FILE,
        line: 10,
        column: 12,
        message: 'unknown key "form" in field "b" of entity "person". Did you mean "from"? Known keys: from, required, when, rules, personal',
      },
    ]);
  });

  test('gives each kind of problem its code', () => {
    const codes = (name: string) => {
      try {
        parseSpec(SPECS[name] ?? '', FILE);
      } catch (error) {
        if (error instanceof SpecError) return error.problems.map((problem) => problem.code);
      }
      return [];
    };
    expect(
      Object.fromEntries(
        ['yaml2', 'tabel', 'lookup', 'dupField', 'regex', 'mapNeither', 'merge', 'cycle', 'trimOpts', 'noFrom'].map((name) => [name, codes(name)]),
      ),
    ).toEqual({
      yaml2: ['yaml_syntax'],
      tabel: ['missing_key', 'unknown_key'],
      lookup: ['unknown_entity'],
      dupField: ['duplicate_name'],
      regex: ['invalid_regex'],
      mapNeither: ['invalid_options'],
      merge: ['unknown_field', 'unknown_field', 'unknown_field'],
      cycle: ['lookup_cycle'],
      trimOpts: ['invalid_options'],
      noFrom: ['missing_key'],
    });
  });

  test('reads a lookup into the same entity: the entity is its own parent', () => {
    const spec = parseSpec(personSpec('      name: { from: Name }\n      manager: { from: ManagerID, rules: [trim, { lookup: person }] }\n'), FILE);
    expect(spec.entities.map((e) => [e.name, e.parents])).toEqual([['person', ['person']]]);
  });

  test('reads a spec with a constant field, a blank test and a single key column', () => {
    const spec = parseSpec(
      personSpec(
        '      origin: { rules: [{ constant: legacy }] }\n      email: { from: Email, when: { column: Email, blank: false } }\n',
      ).replace('key: [PersonID]', 'key: PersonID'),
      FILE,
    );
    expect(spec.entities[0]?.key).toEqual(['PersonID']);
    expect(spec.entities[0]?.fields.map(({ name, from, when, rules }) => ({ name, from, when, rules: rules.map((rule) => [rule.name, rule.options]) }))).toEqual([
      { name: 'origin', from: undefined, when: undefined, rules: [['constant', 'legacy']] },
      { name: 'email', from: 'Email', when: { column: 'Email', blank: false, where: { file: FILE, line: 9, column: 45 } }, rules: [] },
    ]);
  });

  test('keeps a rule written by its bare name whose options may be left out', () => {
    const spec = parseSpec(personSpec('      phone: { from: Phone, rules: [trim, uk_phone] }\n'), FILE);
    expect(spec.entities[0]?.fields[0]?.rules.map((rule) => [rule.name, rule.options])).toEqual([['trim', undefined], ['uk_phone', undefined]]);
  });

  test('reads the names a column may have in a file, for the key, a field, a condition and concat', () => {
    const text = personSpec(
      '      email: { from: [Email, EmailAddress, E-mail], when: { column: [Kind, Type], equals: P } }\n' +
        '      name: { rules: [{ concat: { columns: [Forename, [Surname, LastName]], separator: ", " } }] }\n',
      '    exclude:\n      - { rule: tests, when: { column: [Surname, LastName], equals: TEST }, reason: test rows }\n',
    ).replace('key: [PersonID]', 'key: [[PersonID, PersonRef], Branch]');
    const entity = parseSpec(text, FILE).entities[0];
    const at = (line: number, column: number) => ({ file: FILE, line, column });
    expect([entity?.key, entity?.keyAliases, entity?.keyWhere, entity?.exclude[0]?.when]).toEqual([
      ['PersonID', 'Branch'],
      [['PersonRef'], []],
      [at(5, 11), at(5, 34)],
      { column: 'Surname', aliases: ['LastName'], equals: 'TEST', where: at(8, 40) },
    ]);
    expect(entity?.fields).toEqual([
      {
        name: 'email',
        from: 'Email',
        fromAliases: ['EmailAddress', 'E-mail'],
        fromWhere: at(10, 22),
        required: false,
        when: { column: 'Kind', aliases: ['Type'], equals: 'P', where: at(10, 69) },
        rules: [],
        where: at(10, 7),
      },
      {
        name: 'name',
        required: false,
        rules: [{ name: 'concat', options: { columns: [['Forename'], ['Surname', 'LastName']], separator: ', ' }, where: at(11, 25) }],
        where: at(11, 7),
      },
    ]);
  });

  test('leaves out aliases that are not written, so older specs keep their model and hash', () => {
    const entity = parseSpec(personSpec('      email: { from: [Email], when: { column: [Kind], blank: false } }\n'), FILE).entities[0];
    expect([entity?.keyAliases, entity?.fields[0]?.from, entity?.fields[0]?.fromAliases, entity?.fields[0]?.when?.aliases]).toEqual([
      undefined,
      'Email',
      undefined,
      undefined,
    ]);
    expect(parseSpec(personSpec('      email: { from: [Email] }\n'), FILE).hash).toBe(parseSpec(personSpec('      email: { from: Email }\n'), FILE).hash);
  });

  test('keeps scalars as written: leading zeros and decimals stay text', () => {
    const spec = parseSpec(personSpec('      code: { from: C, rules: [{ map: { values: { 01: 1.50, "true": yes, N/A: ~ }, unmapped: keep } }] }\n'), FILE);
    expect(spec.entities[0]?.fields[0]?.rules[0]?.options).toEqual({ values: { '01': '1.50', true: 'yes', 'N/A': null }, unmapped: 'keep' });
  });
});

describe('personal data stated per field', () => {
  test('a field states or corrects the kind of personal data it holds', () => {
    const spec = parseSpec(personSpec('      email: { from: Email, personal: email }\n      ref: { from: Reference, personal: none }\n      town: { from: Town }\n'), FILE);
    expect(spec.entities[0]!.fields.map((f) => [f.name, f.personal])).toEqual([['email', 'email'], ['ref', 'none'], ['town', undefined]]);
  });

  test('an unknown kind is refused at its line with the kinds a spec may write', () => {
    expect(failure(personSpec('      email: { from: Email, personal: mail }\n'))).toBe(
      'specs/x.yaml line 8 column 39: "personal" in field "email" of entity "person" must be given_name or family_name or full_name or email or phone or postcode or address or birth_date or identity_number or notes or none, not "mail"; write personal: KIND, the personal data the field holds, for example personal: email, or personal: none when it holds none',
    );
  });
});
