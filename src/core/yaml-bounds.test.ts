import { parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { parseContract } from './contract/contract-parser.js';
import { CutoverError } from './cutover-error.js';
import { parseProjectConfig } from './project-config.js';
import { parseSpec } from './spec/spec-parser.js';
import { yamlBoundsProblem } from './yaml-bounds.js';

// nine levels of ten aliases each: a billion values once expanded, from ten short lines
const laughs = [
  'a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]',
  ...Array.from({ length: 9 }, (_, k) => `a${k + 1}: &a${k + 1} [${Array.from({ length: 10 }, () => `*a${k}`).join(', ')}]`),
].join('\n');

/** How long `work` takes, and what it threw. */
function timed(work: () => unknown): { ms: number; error: unknown } {
  const start = performance.now();
  try {
    work();
    return { ms: performance.now() - start, error: undefined };
  } catch (error) {
    return { ms: performance.now() - start, error };
  }
}

describe('YAML alias bounds', () => {
  it('passes ordinary anchors and aliases', () => {
    const text = 'base: &base { trim: true }\nfirst: *base\nsecond: *base\n';
    expect(yamlBoundsProblem(parseDocument(text))).toBeNull();
  });

  it('finds a billion laughs at once and says where', () => {
    const problem = yamlBoundsProblem(parseDocument(laughs));
    expect(problem?.message).toContain('expand to more than 100,000 values');
    expect(problem?.offset).toBe(laughs.indexOf('*a0'));
  });

  it('refuses a spec made of an alias bomb in words, without spinning', () => {
    const { ms, error } = timed(() => parseSpec(`version: 1\n${laughs}\nentities: {}\n`, 'specs/bomb.yaml'));
    expect(ms).toBeLessThan(2_000);
    expect(error).toBeInstanceOf(CutoverError);
    expect((error as CutoverError).code).toBe('spec_invalid');
    expect((error as CutoverError).message).toContain('specs/bomb.yaml line 3');
    expect((error as CutoverError).message).toContain('aliases (*name) expand to more than 100,000 values');
  });

  it('refuses cutover.yaml made of an alias bomb as a configuration problem, not an internal error', () => {
    const { error } = timed(() => parseProjectConfig(`project: x\n${laughs}\n`, 'cutover.yaml'));
    expect(error).toBeInstanceOf(CutoverError);
    expect((error as CutoverError).code).toBe('config_invalid');
    expect((error as CutoverError).message).toMatch(/^cutover\.yaml line 3 column \d+: its aliases \(\*name\) expand to more than 100,000 values/);
  });

  it('refuses a delivery contract made of an alias bomb with its line', () => {
    const { error } = timed(() => parseContract(`version: 1\n${laughs}\n`, 'contract.yaml'));
    expect(error).toBeInstanceOf(CutoverError);
    expect((error as CutoverError).code).toBe('contract_invalid');
    expect((error as CutoverError).message).toContain('contract.yaml line 3');
    expect((error as CutoverError).message).toContain('expand to more than 100,000 values');
  });

  it('refuses more aliases than any real file uses, even small ones', () => {
    const many = `base: &b x\nlist: [${Array.from({ length: 1_001 }, () => '*b').join(', ')}]\n`;
    expect(yamlBoundsProblem(parseDocument(many))?.message).toContain('more than 1,000 aliases');
  });

  // found by fuzzing: an alias with no anchor reached toJS as a bare ReferenceError
  it('refuses an alias that names no anchor set before it', () => {
    for (const parse of [() => parseContract('*a\n', 'contract.yaml'), () => parseProjectConfig('customer: *who\n', 'cutover.yaml')]) {
      const { error } = timed(parse);
      expect(error).toBeInstanceOf(CutoverError);
      expect((error as CutoverError).message).toMatch(/the alias \*(a|who) names no anchor &(a|who) set before it/);
    }
  });
});
