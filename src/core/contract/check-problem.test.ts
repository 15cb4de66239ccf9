import { describe, expect, it } from 'vitest';
import { callSites, propertySites, sourceFiles, type CodeSite, type SourceFile } from '../../test-support/code-scanner.js';
import { checkCodeNames, describeProblem, isCheckCode, problemKindName } from './check-problem.js';

// The compiler already refuses a check code literal that is not listed; reading the source
// also catches codes built at run time, listed codes nothing emits, and a file reader's
// code the list lacks (the check reports a reader that stops only when its code is listed).
//
// The emitters are the files that name CheckProblem or CheckCode, the list itself left out.
// Where they give a problem its code:
//   code: CODE                                     an object property, as in { code: 'ragged_row', … }
//   problem(line, column, CODE, …)                 the table checker's helper
//   at(column, CODE, …)                            the header check's helper
// The file readers are src/connectors/{csv,xlsx,json}/ and src/connectors/file-sources.ts;
// their codes are those of `new CutoverError(CODE, …)`.
// CODE is a quoted code, a choice of them (`money ? 'money_format' : 'number_format'`), or a
// value that already is a CheckCode (`text.code`); a template or a `+` builds it.

const files = sourceFiles();
const emitters = files.filter((file) => /\bCheck(?:Problem|Code)\b/.test(file.text) && file.path !== 'src/core/contract/check-problem.ts');
const readers = files.filter((file) => /^src\/connectors\/(?:(?:csv|xlsx|json)\/|file-sources\.ts$)/.test(file.path));

const emitted: CodeSite[] = emitters.flatMap((file: SourceFile) => [
  ...propertySites(file),
  ...callSites(file, /(?<![\w.])problem\(/g, 2),
  ...callSites(file, /(?<![\w.])at\(/g, 1),
]);
const readerCodes = new Set(readers.flatMap((file) => callSites(file, /\bnew CutoverError\(/g, 0)).flatMap((site) => site.codes));

const place = (site: CodeSite): string => `${site.file}:${site.line}`;
const listed: readonly string[] = Object.keys(checkCodeNames);

describe('checkCodeNames', () => {
  it('finds the emitters and the readers, so a scan that finds nothing cannot pass', () => {
    expect(emitters.map((file) => file.path)).toEqual(expect.arrayContaining(['src/core/contract/table-checker.ts', 'src/core/contract/header-check.ts', 'src/pipeline/check.ts']));
    expect(emitted.find((site) => site.codes.includes('ragged_row'))?.file).toBe('src/core/contract/table-checker.ts');
    expect(emitted.find((site) => site.codes.includes('column_order'))?.file).toBe('src/core/contract/header-check.ts');
    expect(readerCodes).toContain('csv_malformed');
  });

  it('lists every code a problem is emitted with', () => {
    const unlisted = emitted.flatMap((site) => site.codes.filter((code) => !isCheckCode(code)).map((code) => `${place(site)} ${code}`));
    expect(unlisted).toEqual([]);
  });

  it('lists every code a file reader stops with, so the check reports it rather than failing', () => {
    expect([...readerCodes].filter((code) => !isCheckCode(code))).toEqual([]);
  });

  it('finds no code built at run time', () => {
    expect(emitted.filter((site) => site.built).map((site) => `${place(site)} ${site.expression}`)).toEqual([]);
  });

  it('finds no code cast to a CheckCode outside this list, which would get past it', () => {
    const casts = files.flatMap((file) => [...file.text.matchAll(/\bas CheckCode\b|<CheckCode>/g)].map(() => file.path));
    expect(casts).toEqual([]);
  });

  it('emits every listed code somewhere, or has a file reader stop with it', () => {
    const used = new Set([...emitted.flatMap((site) => site.codes), ...readerCodes]);
    expect(listed.filter((code) => !used.has(code))).toEqual([]);
  });
});

describe('problemKindName', () => {
  it('names a kind in plain words, and a code outside the list by its own words', () => {
    expect(['date_impossible', 'json_syntax', 'xlsx_damaged', 'something_new'].map(problemKindName)).toEqual([
      'dates that do not exist',
      'broken JSON',
      'damaged workbook',
      'something new',
    ]);
  });
});

describe('describeProblem', () => {
  it('words a problem with its file, line and column', () => {
    expect(
      describeProblem({ file: 'tenancies.csv', line: 4812, column: 'StartDate', code: 'date_impossible', severity: 'error', message: 'the tenancy start date "31/02/2021" is not a real date' }),
    ).toBe('tenancies.csv line 4,812, column StartDate: the tenancy start date "31/02/2021" is not a real date');
  });
});
