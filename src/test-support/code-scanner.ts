import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

// Reads the source as text, so the tests that keep code lists honest need no compiler.

/** A source file: its path from the repository root, and its text with whole-line comments blanked. */
export interface SourceFile {
  readonly path: string;
  readonly text: string;
}

/** Where a code is written, and what the source writes there. */
export interface CodeSite {
  readonly file: string;
  readonly line: number;
  /** the source text of the argument or property value that gives the code */
  readonly expression: string;
  /** the quoted codes the expression can give: `'a'`, or `x ? 'a' : 'b'` */
  readonly codes: readonly string[];
  /** a template literal or a concatenation: the code is built at run time, so no list can be checked against it */
  readonly built: boolean;
}

const root = fileURLToPath(new URL('../../', import.meta.url));

/** Every non-test `.ts` file under `src/`, test support left out, with whole-line comments blanked (lines keep their numbers). */
export function sourceFiles(): SourceFile[] {
  const dir = join(root, 'src');
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts') && !name.startsWith('test-support'))
    .sort()
    .map((name) => {
      const path = relative(root, join(dir, name)).replaceAll('\\', '/');
      const text = readFileSync(join(dir, name), 'utf8').replace(/^[ \t]*(\/\/|\/\*|\*).*$/gm, '');
      return { path, text };
    });
}

const closers: Readonly<Record<string, string>> = { '(': ')', '[': ']', '{': '}' };

/** The end of the quoted string or template literal that opens at `start`. */
function endOfQuote(text: string, start: number): number {
  const quote = text[start];
  let i = start + 1;
  while (i < text.length && text[i] !== quote) i += text[i] === '\\' ? 2 : 1;
  return i + 1;
}

/**
 * The expression that starts at `start` and runs to the first `,`, `;` or unopened closing
 * bracket outside brackets and quotes.
 * @example expressionAt("f('a', b)", 2) // { text: "'a'", end: 5 }
 */
export function expressionAt(text: string, start: number): { text: string; end: number } {
  const open: string[] = [];
  let i = start;
  while (i < text.length) {
    const c = text[i]!;
    if (c === "'" || c === '"' || c === '`') {
      i = endOfQuote(text, i);
      continue;
    }
    if (closers[c] !== undefined) open.push(closers[c]);
    else if (open.length > 0 && c === open.at(-1)) open.pop();
    else if (open.length === 0 && (c === ',' || c === ';' || c === ')' || c === ']' || c === '}')) break;
    i += 1;
  }
  return { text: text.slice(start, i).trim(), end: i };
}

/** The first `count` arguments of the call whose opening parenthesis is at `open` (fewer when it has fewer). */
export function callArguments(text: string, open: number, count: number): string[] {
  const args: string[] = [];
  let i = open + 1;
  // stop at the argument wanted: a message after it may hold regular expressions this reader does not know
  while (args.length < count) {
    const arg = expressionAt(text, i);
    if (arg.text !== '') args.push(arg.text);
    if (text[arg.end] !== ',') break;
    i = arg.end + 1;
  }
  return args;
}

/** The code site an expression makes: quoted codes where a value is chosen (start, after `?` or `:`), and whether it is built. */
export function codeSite(file: string, line: number, expression: string): CodeSite {
  const codes = [...expression.matchAll(/(?:^|[?:])\s*'([^'\\]*)'/g)].map((m) => m[1]!);
  return { file, line, expression, codes, built: expression.includes('`') || /'\s*\+|\+\s*'/.test(expression) };
}

function lineAt(text: string, index: number): number {
  return text.slice(0, index).split('\n').length;
}

/**
 * The code sites of the calls `call` matches (ending at its opening parenthesis), taking
 * argument `argument`; a call with fewer arguments is left out.
 */
export function callSites(file: SourceFile, call: RegExp, argument: number): CodeSite[] {
  return [...file.text.matchAll(call)].flatMap((m) => {
    const args = callArguments(file.text, m.index + m[0].length - 1, argument + 1);
    const arg = args[argument];
    return arg === undefined ? [] : [codeSite(file.path, lineAt(file.text, m.index), arg)];
  });
}

/** The code sites of object properties named `code` written with a value (`code: 'ragged_row'`). */
export function propertySites(file: SourceFile): CodeSite[] {
  return [...file.text.matchAll(/\bcode:\s*/g)].map((m) =>
    codeSite(file.path, lineAt(file.text, m.index), expressionAt(file.text, m.index + m[0].length).text),
  );
}
