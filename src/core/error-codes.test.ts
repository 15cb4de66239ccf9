import { describe, expect, it } from 'vitest';
import { callSites, sourceFiles, type CodeSite } from '../test-support/code-scanner.js';
import { errorCodes, isErrorCode } from './error-codes.js';

// The compiler already refuses a code literal that is not listed; reading the source also
// catches codes built at run time, casts around the list, and listed codes nothing throws.
//
// Where the source gives a CutoverError its code:
//   new CutoverError(CODE, …)                      anywhere, helpers in *-errors.ts included
//   super(CODE, …)                                 in a class that extends CutoverError
// Where it asks for one (the code must be listed, but asking is not throwing):
//   isCutoverError(error, CODE)
// CODE is a quoted code, a choice of them (`kind === 'syntax' ? 'json_syntax' : 'json_shape'`),
// or a value that already is an ErrorCode (`message.code`); a template or a `+` builds it.

const files = sourceFiles();

const thrown: CodeSite[] = files.flatMap((file) => [
  ...callSites(file, /\bnew CutoverError\(/g, 0),
  ...(/\bextends CutoverError\b/.test(file.text) ? callSites(file, /\bsuper\(/g, 0) : []),
]);
const asked: CodeSite[] = files.flatMap((file) => callSites(file, /\bisCutoverError\(/g, 1));

const place = (site: CodeSite): string => `${site.file}:${site.line}`;

describe('errorCodes', () => {
  it('finds where errors are thrown, so a scan that finds nothing cannot pass', () => {
    expect(thrown.length).toBeGreaterThan(100);
    expect(thrown.find((site) => site.file === 'src/core/spec/spec-error.ts')?.codes).toEqual(['spec_invalid']);
    expect(thrown.find((site) => site.file === 'src/connectors/json/json-errors.ts' && site.codes.length === 2)?.codes).toEqual(['json_syntax', 'json_shape']);
  });

  it('lists every code an error is thrown or asked for with', () => {
    const unlisted = [...thrown, ...asked].flatMap((site) => site.codes.filter((code) => !isErrorCode(code)).map((code) => `${place(site)} ${code}`));
    expect(unlisted).toEqual([]);
  });

  it('finds no code built at run time', () => {
    expect([...thrown, ...asked].filter((site) => site.built).map((site) => `${place(site)} ${site.expression}`)).toEqual([]);
  });

  it('finds no code cast to an ErrorCode, which would get past the list', () => {
    const casts = files.flatMap((file) => [...file.text.matchAll(/\bas ErrorCode\b|<ErrorCode>/g)].map(() => file.path));
    expect(casts).toEqual([]);
  });

  it('throws every listed code somewhere', () => {
    const used = new Set(thrown.flatMap((site) => site.codes));
    expect(errorCodes.filter((code) => !used.has(code))).toEqual([]);
  });

  it('lists each code once', () => {
    expect(errorCodes.filter((code, index) => errorCodes.indexOf(code) !== index)).toEqual([]);
  });
});

describe('isErrorCode', () => {
  it('knows the listed codes and nothing else', () => {
    expect(['file_missing', 'cancelled', 'file_misssing', '', 'toString'].map(isErrorCode)).toEqual([true, true, false, false, false]);
  });
});
