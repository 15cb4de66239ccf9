import { isMap, isScalar, LineCounter, parseDocument, type Document, type Node as YamlNode } from 'yaml';
import { didYouMean } from '../spec/closest-name.js';
import { yamlBoundsProblem } from '../yaml-bounds.js';
import { moneyTransform } from '../transforms/money-transform.js';
import { dateTransform, formatHasTime } from '../transforms/date-transform.js';
import { timeTransform } from '../transforms/time-transform.js';
import { ContractError, type ContractProblem } from './contract-error.js';
import type { ColumnRule, DeliveryContract, FileContract, ReferenceRule } from './contract-model.js';
import { contractSchema, type ColumnYaml, type ContractYaml } from './contract-schema.js';

type Path = readonly (string | number)[];

/** Finds YAML nodes by path and turns them into line and column. */
class Locator {
  constructor(
    private readonly file: string,
    private readonly doc: Document,
    private readonly lines: LineCounter,
    readonly problems: ContractProblem[],
  ) {}

  /** Reports a problem at the deepest node that exists on `path`; at its key when `atKey`. */
  report(path: Path, message: string, atKey = false): void {
    let node: YamlNode | null | undefined;
    for (let depth = path.length; depth >= 0 && node === undefined; depth--) {
      node = this.nodeAt(path.slice(0, depth), atKey && depth === path.length);
    }
    const { line, col } = this.lines.linePos(node?.range?.[0] ?? 0);
    this.problems.push({ file: this.file, line, column: col, message });
  }

  private nodeAt(path: Path, key: boolean): YamlNode | undefined {
    if (path.length === 0) return (this.doc.contents as YamlNode | null) ?? undefined;
    if (key) {
      const parent = this.doc.getIn(path.slice(0, -1), true);
      if (isMap(parent)) {
        const pair = parent.items.find((item) => isScalar(item.key) && String(item.key.value) === String(path[path.length - 1]));
        if (pair && isScalar(pair.key)) return pair.key;
      }
      return undefined;
    }
    const node = this.doc.getIn(path, true) as YamlNode | undefined;
    return node && typeof node === 'object' && 'range' in node ? node : undefined;
  }
}

const typeNeeds: Readonly<Record<string, string>> = {
  date: 'a date column needs its formats, for example formats: [dd/MM/yyyy, yyyy-MM-dd]',
  datetime: 'a datetime column needs its formats, for example formats: [yyyy-MM-dd HH:mm:ss]',
  time: 'a time column needs its formats, for example formats: [HH:mm]',
  enum: 'an enum column needs the values it allows, for example values: [Current, Ended]',
};

/** Checks the settings of one column against its type; returns the rule when they fit. */
function readColumn(at: Locator, path: Path, name: string, yaml: ColumnYaml): ColumnRule | undefined {
  const before = at.problems.length;
  const { type } = yaml;
  const dated = type === 'date' || type === 'datetime' || type === 'time';
  if (dated && yaml.formats === undefined) at.report(path, typeNeeds[type]!);
  if (type === 'enum' && yaml.values === undefined) at.report(path, typeNeeds[type]!);
  if (yaml.formats !== undefined) {
    if (!dated) at.report([...path, 'formats'], `formats are for date, datetime and time columns, and this column is ${type}`, true);
    else {
      const check = (type === 'time' ? timeTransform : dateTransform).options!.safeParse({ formats: yaml.formats });
      if (!check.success) for (const issue of check.error.issues) at.report([...path, ...(issue.path as Path)], issue.message);
      else if (type === 'datetime') {
        yaml.formats.forEach((format, k) => {
          if (!formatHasTime(format)) at.report([...path, 'formats', k], `"${format}" gives no time of day: a datetime column needs formats with the time, for example yyyy-MM-dd HH:mm:ss, or type: date for a date alone`);
        });
      }
    }
  }
  if (yaml.values !== undefined && type !== 'enum') at.report([...path, 'values'], `values are for enum columns, and this column is ${type}`, true);
  const numeric = type === 'money' || type === 'decimal' || type === 'integer';
  for (const setting of ['decimal_separator', 'thousands_separator', 'scale'] as const) {
    if (yaml[setting] !== undefined && !numeric) at.report([...path, setting], `${setting} is for integer, decimal and money columns, and this column is ${type}`, true);
  }
  if (yaml.currency !== undefined && type !== 'money') at.report([...path, 'currency'], `currency is for money columns, and this column is ${type}`, true);
  let number: ColumnRule['number'];
  if (numeric) {
    const options = moneyTransform.options!.safeParse({
      ...(yaml.currency === undefined ? {} : { currency: yaml.currency }),
      ...(yaml.decimal_separator === undefined ? {} : { decimal_separator: yaml.decimal_separator }),
      ...(yaml.thousands_separator === undefined ? {} : { thousands_separator: yaml.thousands_separator }),
      // a decimal of any length fits unless a scale is agreed
      scale: yaml.scale ?? (type === 'integer' ? 0 : type === 'money' ? 2 : 20),
    });
    if (!options.success) for (const issue of options.error.issues) at.report([...path, ...(issue.path as Path)], issue.message);
    else number = { currency: options.data.currency, decimalSeparator: options.data.decimal_separator, thousandsSeparator: options.data.thousands_separator, scale: options.data.scale };
  }
  if (yaml.pattern !== undefined) {
    try {
      new RegExp(yaml.pattern, 'u');
    } catch (error) {
      at.report([...path, 'pattern'], `"${yaml.pattern}" is not a regular expression (${(error as Error).message})`);
    }
  }
  if (at.problems.length > before) return undefined;
  return {
    name,
    label: yaml.label ?? name,
    type,
    required: yaml.required,
    allowBlank: yaml.allow_blank,
    severity: yaml.severity,
    ignoreCase: yaml.ignore_case,
    ...(yaml.formats === undefined ? {} : { formats: yaml.formats }),
    ...(number === undefined ? {} : { number }),
    ...(yaml.values === undefined ? {} : { values: yaml.values }),
    ...(yaml.pattern === undefined ? {} : { pattern: yaml.pattern }),
    ...(yaml.example === undefined ? {} : { example: yaml.example }),
    ...(yaml.max_length === undefined ? {} : { maxLength: yaml.max_length }),
    ...(yaml.personal === undefined ? {} : { personal: yaml.personal }),
  };
}

/** `"Foo" is not a column of people.csv. Did you mean "Fo"? Its columns are: …` */
function unknownColumn(column: string, file: string, columns: readonly string[]): string {
  return `"${column}" is not a column of ${file} in this contract.${didYouMean(column, columns)} Its columns are: ${columns.join(', ')}`;
}

/** Checks that the names a file's key and references use exist. */
function checkNames(at: Locator, yaml: ContractYaml): void {
  const files = Object.keys(yaml.files);
  for (const [file, spec] of Object.entries(yaml.files)) {
    const columns = Object.keys(spec.columns);
    const keyPath = ['files', file, 'key'];
    (spec.key ?? []).forEach((column, k) => {
      if (!columns.includes(column)) at.report(spec.key!.length === 1 ? keyPath : [...keyPath, k], `the key ${unknownColumn(column, file, columns)}`);
    });
    spec.references.forEach((ref, k) => {
      const path = ['files', file, 'references', k];
      if (!columns.includes(ref.column)) at.report([...path, 'column'], `the reference names ${unknownColumn(ref.column, file, columns)}`);
      if (ref.when && !columns.includes(ref.when.column)) at.report([...path, 'when', 'column'], `the reference's condition names ${unknownColumn(ref.when.column, file, columns)}`);
      const parent = yaml.files[ref.file];
      if (parent === undefined) {
        at.report([...path, 'file'], `the reference names file "${ref.file}", which is not in this contract.${didYouMean(ref.file, files)} Its files are: ${files.join(', ')}`);
      } else if (!Object.hasOwn(parent.columns, ref.key)) {
        at.report([...path, 'key'], `the reference's key ${unknownColumn(ref.key, ref.file, Object.keys(parent.columns))}`);
      }
    });
  }
}

/** Reports references that go round in a circle, which one pass over the files cannot check. */
function checkCycles(at: Locator, yaml: ContractYaml): void {
  const state = new Map<string, 'open' | 'done'>();
  const visit = (file: string, trail: readonly string[]): void => {
    if (state.get(file) === 'done') return;
    state.set(file, 'open');
    const refs = yaml.files[file]?.references ?? [];
    refs.forEach((ref, k) => {
      // a file that refers to itself (an employee's manager) is checked at its own end
      if (yaml.files[ref.file] === undefined || ref.file === file) return;
      if (state.get(ref.file) === 'open') {
        const circle = [...trail.slice(trail.indexOf(ref.file)), file, ref.file];
        at.report(['files', file, 'references', k, 'file'], `the references go round in a circle (${circle.join(' → ')}); each file is checked once, after the files it refers to, so a file cannot refer to a file that refers back to it`);
      } else visit(ref.file, [...trail, file]);
    });
    state.set(file, 'done');
  };
  for (const file of Object.keys(yaml.files)) visit(file, []);
}

const byPlace = (problems: readonly ContractProblem[]): ContractProblem[] => [...problems].sort((a, b) => a.line - b.line || a.column - b.column);

/**
 * Parses and validates a delivery contract, collecting every problem; throws one
 * ContractError listing them all with line and column, or returns the contract.
 * @example parseContract(await readFile('contract.yaml', 'utf8'), 'contract.yaml')
 */
export function parseContract(text: string, file: string): DeliveryContract {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const problems: ContractProblem[] = [];
  const at = new Locator(file, doc, lines, problems);
  for (const error of doc.errors) {
    const { line, col } = lines.linePos(error.pos[0]);
    problems.push({ file, line, column: col, message: `this is not valid YAML: ${error.message.split('\n')[0]}; check the indentation, the colons and the quotes here` });
  }
  const bounds = problems.length === 0 ? yamlBoundsProblem(doc) : null;
  if (bounds !== null) {
    const { line, col } = lines.linePos(bounds.offset);
    problems.push({ file, line, column: col, message: bounds.message });
  }
  if (problems.length > 0) throw new ContractError(problems);

  // the bounds above already hold the aliases to a safe size
  const input: unknown = doc.toJS({ maxAliasCount: -1 });
  const parsed = contractSchema.safeParse(input);
  if (!parsed.success) {
    const missing = (path: Path): boolean => {
      let value: unknown = input;
      for (const step of path) {
        if (value === null || typeof value !== 'object' || !Object.hasOwn(value, step)) return true;
        value = (value as Record<string | number, unknown>)[step];
      }
      return value === undefined;
    };
    for (const issue of parsed.error.issues) {
      const path = issue.path as Path;
      if (issue.code === 'unrecognized_keys') {
        for (const key of issue.keys) at.report([...path, key], `"${key}" is not a setting of a contract; remove it or check its spelling`, true);
      } else if (missing(path)) {
        at.report(path, `"${String(path[path.length - 1])}" is missing`);
      } else {
        at.report(path, `"${path.join('.')}" ${issue.message}`);
      }
    }
    throw new ContractError(byPlace(problems));
  }
  const yaml = parsed.data;
  const files: FileContract[] = [];
  for (const [name, spec] of Object.entries(yaml.files)) {
    const columns: ColumnRule[] = [];
    for (const [column, columnYaml] of Object.entries(spec.columns)) {
      const rule = readColumn(at, ['files', name, 'columns', column], column, columnYaml);
      if (rule) columns.push(rule);
    }
    const references: ReferenceRule[] = spec.references.map((ref) => ({
      column: ref.column,
      file: ref.file,
      key: ref.key,
      ...(ref.when ? { when: { column: ref.when.column, values: ref.when.equals } } : {}),
    }));
    files.push({
      name,
      label: spec.label ?? 'row',
      encoding: spec.encoding ?? yaml.encoding,
      columns,
      columnOrder: spec.column_order,
      extraColumns: spec.extra_columns === 'allowed' ? 'allowed' : spec.extra_columns,
      key: spec.key ?? [],
      references,
    });
  }
  checkNames(at, yaml);
  checkCycles(at, yaml);
  if (problems.length > 0) throw new ContractError(byPlace(problems));
  return { source: file, files };
}
