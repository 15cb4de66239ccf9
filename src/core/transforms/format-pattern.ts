/** One letter run of a format (`dd`, `MMM`) and the part of the value it captures. */
export interface FormatToken {
  /** Regular expression source for the captured text. */
  readonly pattern: string;
  /** The part it fills, e.g. `day`; a format may fill each part once. */
  readonly part: string;
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
    if (parts.includes(token.part)) return { ok: false, reason: `it gives the ${token.part} twice` };
    parts.push(token.part);
    source += `(${token.pattern})`;
    i = end;
  }
  const missing = required.filter((part) => !parts.includes(part));
  if (missing.length > 0) return { ok: false, reason: `it has no ${missing.join(' or ')}` };
  return { ok: true, pattern: { format, regex: new RegExp(`${source}$`), parts } };
}
