import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { fuzz, mutated, textOf } from '../test-support/fuzz.js';
import { sampleSpecText } from '../test-support/spec-fixtures.js';
import { parseContract } from './contract/contract-parser.js';
import { parseProjectConfig } from './project-config.js';
import { parseSpec } from './spec/spec-parser.js';

// seeded property-based fuzzing of the YAML the analysts write: each text parses, or is refused with a code
const budget = 600_000;
const sample = (file: string) => readFileSync(new URL(`../../sample-project/${file}`, import.meta.url), 'utf8');
const yamlAlphabet = ['\n', '  ', ': ', '- ', '[', ']', '{', '}', ',', '&a ', '*a', '<<: ', '!!', '"', "'", '#', '|', '>', 'x', '1', 'entities', 'fields', 'from', 'key', '---', '%YAML', '\t', '\u0000'];

// the first two entities of the sample spec: every kind of section, small enough for 10,000 parses
const specBase = `${sampleSpecText.slice(0, sampleSpecText.indexOf('\n  supplier:'))}\n`;

/** Damaged copies of `text`, and YAML-like text from nothing. */
function inputsFrom(text: string): fc.Arbitrary<string> {
  const damaged = mutated(Buffer.from(text)).map((bytes) => Buffer.from(bytes).toString('utf8'));
  return fc.oneof({ weight: 3, arbitrary: damaged }, { weight: 1, arbitrary: textOf(yamlAlphabet, 200) });
}

describe('fuzzing the YAML readers', () => {
  it('reads or refuses with a code any damaged spec', async () => {
    await fuzz(inputsFrom(specBase), (text) => parseSpec(text, 'specs/fuzz.yaml'));
  }, budget);

  it('reads or refuses with a code any damaged delivery contract', async () => {
    await fuzz(inputsFrom(sample('contract.yaml')), (text) => parseContract(text, 'contract.yaml'));
  }, budget);

  it('reads or refuses with a code any damaged cutover.yaml', async () => {
    await fuzz(inputsFrom(sample('cutover.yaml')), (text) => parseProjectConfig(text, 'cutover.yaml'));
  }, budget);
});
