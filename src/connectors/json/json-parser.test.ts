import { describe, expect, it } from 'vitest';
import { createJsonParser, JsonProblem, type JsonRecord } from './json-parser.js';

/** Feeds `pieces` one by one, then finishes; the records, or the problem met. */
function parse(format: 'auto' | 'json' | 'ndjson', pieces: readonly string[]) {
  const parser = createJsonParser(format);
  const out: JsonRecord[] = [];
  try {
    for (const piece of pieces) parser.push(piece, out);
    parser.finish(out);
  } catch (error) {
    if (!(error instanceof JsonProblem)) throw error;
    const { kind, message, line, column } = error;
    return { format: parser.format, out, problem: { kind, message, line, column } };
  }
  return { format: parser.format, out };
}

/** Every way of cutting `text` in two. */
function cuts(text: string): string[][] {
  return Array.from({ length: text.length + 1 }, (_, k) => [text.slice(0, k), text.slice(k)]);
}

describe('the JSON record parser', () => {
  it('gives what its example says', () => {
    expect(parse('auto', ['{"id": 1.10}\n{"id": 2, "tags": [1, "a"]}\n'])).toEqual({
      format: 'ndjson',
      out: [
        { line: 1, keys: ['id'], values: ['1.10'] },
        { line: 2, keys: ['id', 'tags'], values: ['2', '[1,"a"]'] },
      ],
    });
  });

  it('gives the same records wherever the input is cut', () => {
    const text = '[ {"a": "x\\u00e9\\"y", "b": -1.5E+3, "c": [true, false, null, {"d": "\\n"}]},\n{"e": 0, "f": ""} ]';
    const whole = parse('auto', [text]);
    expect(whole).toEqual({
      format: 'json',
      out: [
        { line: 1, keys: ['a', 'b', 'c'], values: ['xé"y', '-1.5E+3', '[true,false,null,{"d":"\\n"}]'] },
        { line: 2, keys: ['e', 'f'], values: ['0', ''] },
      ],
    });
    for (const pieces of cuts(text)) expect(parse('auto', pieces)).toEqual(whole);
    expect(parse('auto', [...text])).toEqual(whole);
  });

  it('puts a problem at the same line and column wherever the input is cut', () => {
    const text = '{"a": 1}\n{"a": 2, "b": tru}\n';
    const whole = parse('auto', [text]);
    expect(whole).toEqual({
      format: 'ndjson',
      out: [{ line: 1, keys: ['a'], values: ['1'] }],
      problem: { kind: 'syntax', message: '"tru" is not a JSON value; text must be in double quotes', line: 2, column: 15 },
    });
    for (const pieces of cuts(text)) expect(parse('auto', pieces)).toEqual(whole);
  });

  it('reads a long record cut into many small pieces', () => {
    const value = 'x'.repeat(100_000);
    const text = `[{"long": "${value}"}]`;
    const pieces = Array.from({ length: Math.ceil(text.length / 100) }, (_, k) => text.slice(k * 100, k * 100 + 100));
    expect(parse('json', pieces)).toEqual({ format: 'json', out: [{ line: 1, keys: ['long'], values: [value] }] });
  });
});
