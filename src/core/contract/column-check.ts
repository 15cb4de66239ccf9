import { readEmail } from '../transforms/email-address.js';
import { likelyDomainTypo } from '../transforms/email-domain-typo.js';
import { dateTransform } from '../transforms/date-transform.js';
import { timeTransform } from '../transforms/time-transform.js';
import { isFailure, parseAmount, type ValueRule } from '../transforms/index.js';
import { readUkPhone } from '../transforms/uk-phone-number.js';
import { ukPostcode } from '../transforms/uk-postcode-transform.js';
import type { CheckCode } from './check-problem.js';
import type { ColumnRule } from './contract-model.js';
import { formatExamples, listInWords, numberExample } from './value-examples.js';

/** What is wrong with one value: a code and a sentence without its place. */
export interface ValueProblem {
  readonly code: CheckCode;
  readonly message: string;
  /** a doubt rather than a fault: reported as a warning whatever the column's severity */
  readonly severity?: 'warning';
}

/** Checks one filled-in value (already trimmed) of a column; undefined when it fits. */
export type ValueCheck = (value: string) => ValueProblem | undefined;

const NO_PARENTS = { lookup: () => undefined };

// a database writes this for a DATETIME never filled in (MySQL's zero date)
const zeroDate = /^0000-00-00/;

/** Reads dates, dates with their time, or times with the transforms a spec uses, so the contract and the mapping agree. */
function formatCheck(rule: ColumnRule, noun: 'date' | 'date and time' | 'time'): ValueCheck {
  const formats = rule.formats ?? [];
  const read: ValueRule = (noun === 'time' ? timeTransform : dateTransform).compile({ formats });
  const such = formatExamples(formats);
  const kind = noun === 'time' ? 'time' : 'date';
  return (value) => {
    const output = read(value, NO_PARENTS);
    if (!isFailure(output)) return undefined;
    // the transform words a value of the right shape that names no real day "is not a real date"
    if (output.message.endsWith(`is not a real ${kind}`)) {
      const zero = kind === 'date' && zeroDate.test(value) ? ': a database writes 0000-00-00 for a date never filled in; ask for these to be left empty in the export' : '';
      return { code: kind === 'date' ? 'date_impossible' : 'time_impossible', message: `the ${rule.label} "${value}" is not a real ${noun}${zero}` };
    }
    return { code: kind === 'date' ? 'date_format' : 'time_format', message: `the ${rule.label} "${value}" is not a ${noun} written as agreed, such as ${such}` };
  };
}

function numberCheck(rule: ColumnRule): ValueCheck {
  const format = rule.number!;
  const money = rule.type === 'money';
  const noun = money ? 'an amount of money' : rule.type === 'integer' ? 'a whole number' : 'a number';
  const such = numberExample(format);
  return (value) => {
    const amount = parseAmount(value, format);
    if (typeof amount === 'string') return undefined;
    const why = amount.error.startsWith('has more than') && format.scale > 0 ? `: it ${amount.error}` : '';
    return { code: money ? 'money_format' : 'number_format', message: `the ${rule.label} "${value}" is not ${noun} written as agreed, such as ${such}${why}` };
  };
}

function typeCheck(rule: ColumnRule): ValueCheck | undefined {
  switch (rule.type) {
    case 'text':
      return undefined;
    case 'integer':
    case 'decimal':
    case 'money':
      return numberCheck(rule);
    case 'date':
      return formatCheck(rule, 'date');
    case 'datetime':
      return formatCheck(rule, 'date and time');
    case 'time':
      return formatCheck(rule, 'time');
    case 'email':
      return (value) => {
        const reading = readEmail(value);
        if (!reading.ok) return { code: 'email_invalid', message: `the ${rule.label} "${value}" is not an e-mail address: ${reading.reason}` };
        const meant = likelyDomainTypo(reading.address.slice(reading.address.lastIndexOf('@') + 1));
        return meant === undefined ? undefined : { code: 'email_domain_typo', severity: 'warning', message: `the ${rule.label} "${value}" may be mistyped: did they mean ${meant}?` };
      };
    case 'uk_phone':
      return (value) => {
        const reading = readUkPhone(value);
        return reading.ok ? undefined : { code: 'phone_invalid', message: `the ${rule.label} "${value}" is not a UK phone number: ${reading.reason}` };
      };
    case 'uk_postcode':
      return (value) =>
        ukPostcode(value) === undefined
          ? { code: 'postcode_invalid', message: `the ${rule.label} "${value}" is not a UK postcode, such as GL16 1NZ or SW1A 1AA` }
          : undefined;
    case 'enum': {
      const values = rule.values ?? [];
      const allowed = new Set(rule.ignoreCase ? values.map((v) => v.toLowerCase()) : values);
      const shown = listInWords(values.map((v) => `"${v}"`), 'or');
      return (value) =>
        allowed.has(rule.ignoreCase ? value.toLowerCase() : value)
          ? undefined
          : { code: 'value_not_allowed', message: `the ${rule.label} "${value}" is not one of the agreed values: ${shown}` };
    }
  }
}

/**
 * Compiles what a column's contract asks of a filled-in value (type, pattern, length)
 * into one function, so the per-value work does no option handling.
 * @example compileValueCheck(rule)('31/02/2021') // { code: 'date_impossible', message: 'the tenancy start date "31/02/2021" is not a real date' }
 */
export function compileValueCheck(rule: ColumnRule): ValueCheck | undefined {
  const checks: ValueCheck[] = [];
  const type = typeCheck(rule);
  if (type) checks.push(type);
  if (rule.pattern !== undefined) {
    const pattern = new RegExp(`^(?:${rule.pattern})$`, 'u');
    const such = rule.example === undefined ? '' : `, such as ${rule.example}`;
    checks.push((value) => (pattern.test(value) ? undefined : { code: 'value_pattern', message: `the ${rule.label} "${value}" does not have the agreed form${such}` }));
  }
  if (rule.maxLength !== undefined) {
    const max = rule.maxLength;
    checks.push((value) =>
      value.length > max ? { code: 'value_too_long', message: `the ${rule.label} is ${value.length.toLocaleString('en-GB')} characters long; at most ${max.toLocaleString('en-GB')} were agreed` } : undefined,
    );
  }
  if (checks.length === 0) return undefined;
  if (checks.length === 1) return remembering(checks[0]!);
  return remembering((value) => {
    for (const check of checks) {
      const problem = check(value);
      if (problem) return problem;
    }
    return undefined;
  });
}

// values whose verdict a column remembers, and how long such a value may be
const remembered = 10_000;
const rememberedLength = 64;

/** The check, answering a value it has seen before from memory: a column repeats its dates, amounts and domains many times. */
function remembering(check: ValueCheck): ValueCheck {
  const verdicts = new Map<string, ValueProblem | null>();
  return (value) => {
    const known = verdicts.get(value);
    if (known !== undefined) return known ?? undefined;
    const problem = check(value);
    // a copy: a key cut from a long text would keep all of that text alive
    if (verdicts.size < remembered && value.length <= rememberedLength) verdicts.set(value.length < 13 ? value : (' ' + value).slice(1), problem ?? null);
    return problem;
  };
}
