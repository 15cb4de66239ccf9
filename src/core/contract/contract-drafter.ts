import { readEmail } from '../transforms/email-address.js';
import { dateTransform } from '../transforms/date-transform.js';
import { timeTransform } from '../transforms/time-transform.js';
import { isFailure, parseAmount, type ValueRule } from '../transforms/index.js';
import { readUkPhone } from '../transforms/uk-phone-number.js';
import { ukPostcode } from '../transforms/uk-postcode-transform.js';

const NO_PARENTS = { lookup: () => undefined };
// no value fits two of these, so counts per format add up to the values a set of them covers
const dateFormats = ['dd/MM/yyyy', 'yyyy-MM-dd', 'd MMM yyyy', 'dd-MM-yyyy', 'dd.MM.yyyy'];
const timeFormats = ['HH:mm', 'HH:mm:ss'];
// dates with their time, as databases export a DATETIME or TIMESTAMP; no value fits two of these either
const datetimeFormats = ['yyyy-MM-dd HH:mm:ss', 'yyyy-MM-dd HH:mm:ss.SSS', 'yyyy-MM-dd HH:mm:ss.SSSSSS', 'yyyy-MM-dd HH:mm', 'yyyy-MM-ddTHH:mm:ss', 'dd/MM/yyyy HH:mm:ss', 'dd/MM/yyyy HH:mm'];
// a type is proposed when this share of the filled-in values fits it; the rest are what check will report
const fitShare = 0.95;
const enumMax = 12;
const keyMaxTracked = 5_000_000;

/** Reads one value with one format: true when it has the format's shape, real day or not. */
function shapeReader(rule: ValueRule, noun: string): (value: string) => boolean {
  return (value) => {
    const out = rule(value, NO_PARENTS);
    return !isFailure(out) || out.message.endsWith(`is not a real ${noun}`);
  };
}

const dateReaders = dateFormats.map((f) => shapeReader(dateTransform.compile({ formats: [f] }), 'date'));
const timeReaders = timeFormats.map((f) => shapeReader(timeTransform.compile({ formats: [f] }), 'time'));
const datetimeReaders = datetimeFormats.map((f) => shapeReader(dateTransform.compile({ formats: [f] }), 'date'));
const plain = { decimalSeparator: '.', thousandsSeparator: ',', scale: 20 } as const;

/** What one column's values were seen to be, counted as they stream past. */
class ColumnObserver {
  rows = 0;
  filled = 0;
  integer = 0;
  decimal = 0;
  money = 0;
  pound = 0;
  email = 0;
  postcode = 0;
  phone = 0;
  readonly dates = dateFormats.map(() => 0);
  readonly times = timeFormats.map(() => 0);
  readonly datetimes = datetimeFormats.map(() => 0);
  values: Map<string, number> | undefined = new Map();
  keys: Set<string> | undefined;
  repeated = 0;

  constructor(readonly name: string, trackKeys: boolean) {
    if (trackKeys) this.keys = new Set();
  }

  add(raw: string | null | undefined): void {
    this.rows++;
    const value = raw?.trim() ?? '';
    if (value === '') return;
    this.filled++;
    if (this.keys) {
      if (this.keys.has(value)) this.repeated++;
      else if (this.keys.size < keyMaxTracked) this.keys.add(value.length < 13 ? value : (' ' + value).slice(1));
    }
    if (this.values) {
      this.values.set(value, (this.values.get(value) ?? 0) + 1);
      if (this.values.size > enumMax * 4) this.values = undefined;
    }
    if (/\d/.test(value)) {
      if (/^-?\d+$/.test(value)) this.integer++;
      if (typeof parseAmount(value, plain) === 'string') this.decimal++;
      if (typeof parseAmount(value, { ...plain, currency: '£', scale: 2 }) === 'string') {
        this.money++;
        if (value.includes('£')) this.pound++;
      }
      dateReaders.forEach((fits, k) => {
        if (fits(value)) this.dates[k]!++;
      });
      timeReaders.forEach((fits, k) => {
        if (fits(value)) this.times[k]!++;
      });
      if (value.length >= 16) {
        datetimeReaders.forEach((fits, k) => {
          if (fits(value)) this.datetimes[k]!++;
        });
      }
      if (value.length <= 8 && ukPostcode(value) !== undefined) this.postcode++;
      if (readUkPhone(value).ok) this.phone++;
    }
    if (value.includes('@') && readEmail(value).ok) this.email++;
  }

  /** The column's lines of YAML: a flow map of its settings. */
  propose(): Record<string, unknown> {
    const enough = (count: number) => this.filled > 0 && count >= fitShare * this.filled;
    const settings: Record<string, unknown> = {};
    // every format a real share of the values is written in: those are the customer's habits, not mistakes
    const formatsFitting = (counts: readonly number[], formats: readonly string[]) => {
      const chosen = counts.map((count, k) => ({ count, format: formats[k]! })).filter((f) => f.count > 0 && f.count >= 0.005 * this.filled);
      return enough(chosen.reduce((sum, f) => sum + f.count, 0)) ? chosen.map((f) => f.format) : undefined;
    };
    const dates = formatsFitting(this.dates, dateFormats);
    const datetimes = dates ? undefined : formatsFitting(this.datetimes, datetimeFormats);
    const times = dates || datetimes ? undefined : formatsFitting(this.times, timeFormats);
    if (dates) Object.assign(settings, { type: 'date', formats: dates });
    else if (datetimes) Object.assign(settings, { type: 'datetime', formats: datetimes });
    else if (times) Object.assign(settings, { type: 'time', formats: times });
    else if (enough(this.integer) && this.pound === 0 && !this.keys) settings['type'] = 'integer';
    else if (enough(this.money) && this.pound > 0) Object.assign(settings, { type: 'money', currency: '£' });
    else if (enough(this.decimal) && !this.keys) settings['type'] = 'decimal';
    else if (enough(this.email)) settings['type'] = 'email';
    else if (enough(this.postcode)) settings['type'] = 'uk_postcode';
    else if (enough(this.phone)) settings['type'] = 'uk_phone';
    else if (this.values && this.values.size > 0 && this.filled >= 20) {
      const folded = new Map<string, string>();
      for (const [value, count] of [...this.values].sort((a, b) => b[1] - a[1])) {
        if (!folded.has(value.toLowerCase()) && count >= 1) folded.set(value.toLowerCase(), value);
      }
      if (folded.size <= enumMax) {
        Object.assign(settings, { type: 'enum', values: [...folded.values()] });
        if (folded.size < this.values.size) settings['ignore_case'] = true;
      }
    }
    if (this.filled === this.rows && this.rows > 0) settings['allow_blank'] = false;
    return settings;
  }

  /** True when nearly every row has its own value: a key, whose few blanks and repeats check will report. */
  unique(): boolean {
    return this.keys !== undefined && this.filled > 0 && this.filled >= this.rows * 0.98 && this.repeated <= this.filled * 0.02;
  }
}

/** Watches one table's rows and proposes its part of a contract. */
export interface TableDrafter {
  add(values: readonly (string | null)[]): void;
  /** The key (a column every row fills with a different value), when one was seen. */
  readonly key: () => string | undefined;
  readonly table: string;
  readonly columns: () => readonly { readonly name: string; readonly settings: Record<string, unknown> }[];
}

/**
 * Starts the draft of one table's contract: per column the narrowest type that 95% of
 * its filled-in values fit (dates and times with the formats seen), short lists of values
 * as enumerations, and the first column as the key when nearly every row has its own value.
 */
export function draftTable(table: string, columns: readonly string[]): TableDrafter {
  const observers = columns.map((name, k) => new ColumnObserver(name, k === 0));
  return {
    table,
    add(values) {
      for (let k = 0; k < observers.length; k++) observers[k]!.add(values[k]);
    },
    key: () => (observers[0]?.unique() ? observers[0].name : undefined),
    columns: () => observers.map((o) => ({ name: o.name, settings: o.propose() })),
  };
}

const plainScalar = /^[A-Za-z_£][A-Za-z0-9_ .\/£-]*$/;
const keywords = new Set(['true', 'false', 'null', 'yes', 'no', 'on', 'off', 'y', 'n', '~']);

/** A YAML scalar: plain when that reads back as the same text, else double-quoted. */
function scalar(value: unknown): string {
  const text = String(value);
  if (typeof value === 'boolean' || typeof value === 'number') return text;
  return plainScalar.test(text) && !keywords.has(text.toLowerCase()) && !text.endsWith(' ') ? text : JSON.stringify(text);
}

function flow(settings: Record<string, unknown>): string {
  const parts = Object.entries(settings).map(([k, v]) => `${k}: ${Array.isArray(v) ? `[${v.map(scalar).join(', ')}]` : scalar(v)}`);
  return parts.length === 0 ? 'text' : `{ ${parts.join(', ')} }`;
}

/**
 * Writes the drafted tables as a contract's YAML, with references where a column has the
 * name of another table's key. A proposal for people to correct, never to trust blindly.
 */
export function renderContractDraft(tables: readonly TableDrafter[], from: string): string {
  const keys = new Map<string, string>();
  for (const t of tables) {
    const key = t.key();
    if (key !== undefined) keys.set(key, t.table);
  }
  const lines = [
    `# Delivery contract drafted from ${from}.`,
    '# A proposal: each column has the narrowest type that 95% of its values fit, so the',
    '# values that do not fit are what `cutover check` will report. Correct what is wrong,',
    '# add labels in the customer\'s words, and agree it with the customer.',
    'version: 1',
    'encoding: utf-8',
    '',
    'files:',
  ];
  for (const t of tables) {
    lines.push(`  ${scalar(t.table)}:`);
    const key = t.key();
    if (key !== undefined) lines.push(`    key: ${scalar(key)}`);
    lines.push('    columns:');
    const refs: string[] = [];
    for (const c of t.columns()) {
      lines.push(`      ${scalar(c.name)}: ${flow(c.settings)}`);
      const parent = keys.get(c.name);
      if (parent !== undefined && parent !== t.table) refs.push(`      - { column: ${scalar(c.name)}, file: ${scalar(parent)}, key: ${scalar(c.name)} }`);
    }
    if (refs.length > 0) lines.push('    references:', ...refs);
    lines.push('');
  }
  return lines.join('\n');
}
