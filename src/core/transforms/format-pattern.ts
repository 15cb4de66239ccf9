import { invalidValue, type ValueRule } from './transform.js';

/** One letter run of a format (`dd`, `MMM`) and the part of the value it captures. */
export interface FormatToken {
  /** Regular expression source for the text it matches. */
  readonly pattern: string;
  /** The part it fills, e.g. `day`; a format may fill each part once. None for a letter matched as itself (the T of 2021-03-28T01:30). */
  readonly part?: string;
}

/** A format compiled to an anchored regular expression with one group per part. */
export interface FormatPattern {
  readonly format: string;
  readonly regex: RegExp;
  /** The part each capture group fills, in group order. */
  readonly parts: readonly string[];
}

export type FormatResult = { ok: true; pattern: FormatPattern } | { ok: false; reason: string };

/**
 * Compiles a format such as `dd/MM/yyyy`: runs of letters are tokens from `tokens`,
 * anything else is matched literally; every part in `required` must appear once.
 */
export function compileFormat(
  format: string,
  tokens: Readonly<Record<string, FormatToken>>,
  required: readonly string[],
): FormatResult {
  const parts: string[] = [];
  let source = '^';
  let i = 0;
  while (i < format.length) {
    const char = format[i] as string;
    if (!/[A-Za-z]/.test(char)) {
      source += char.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
      i += 1;
      continue;
    }
    let end = i;
    while (format[end] === char) end += 1;
    const run = format.slice(i, end);
    const token = tokens[run];
    if (token === undefined) {
      return { ok: false, reason: `"${run}" is not one of ${Object.keys(tokens).join(', ')}` };
    }
    if (token.part === undefined) {
      source += token.pattern;
    } else {
      if (parts.includes(token.part)) return { ok: false, reason: `it gives the ${token.part} twice` };
      parts.push(token.part);
      source += `(${token.pattern})`;
    }
    i = end;
  }
  const missing = required.filter((part) => !parts.includes(part));
  if (missing.length > 0) return { ok: false, reason: `it has no ${missing.join(' or ')}` };
  return { ok: true, pattern: { format, regex: new RegExp(`${source}$`), parts } };
}

/** Reads one value with one compiled format: the canonical text, false when impossible, null when it does not match. */
export type FormatReader = (pattern: FormatPattern, value: string) => string | false | null;

/**
 * Binds a list of formats (already validated) into a rule that tries each in order.
 * `noun` names the kind of value in messages: `"31/02/2021" is not a real date`.
 */
export function formatListRule(
  noun: string,
  formats: readonly string[],
  tokens: Readonly<Record<string, FormatToken>>,
  required: readonly string[],
  read: FormatReader,
): ValueRule {
  const patterns = formats.map((format) => {
    const compiled = compileFormat(format, tokens, required);
    if (!compiled.ok) throw new Error(`${noun} format "${format}" was not validated`);
    return compiled.pattern;
  });
  const formatList = formats.join(', ');
  return (value) => {
    if (value === null) return null;
    let impossible = false;
    for (const pattern of patterns) {
      const parsed = read(pattern, value);
      if (typeof parsed === 'string') return parsed;
      if (parsed === false) impossible = true;
    }
    return invalidValue(
      impossible ? `"${value}" is not a real ${noun}` : `"${value}" is not a ${noun} in any of the formats ${formatList}`,
    );
  };
}
