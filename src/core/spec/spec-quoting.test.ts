import { describe, expect, it } from 'vitest';
import { parseSpecFiles } from './index.js';

// cutover.yaml may name a file that is no spec at all: its content is never shown whole
const passwd = ['root:x:0:0:root:/root:/bin/bash', ...Array.from({ length: 30 }, (_, i) => `user${i}:x:${1000 + i}:${1000 + i}:User ${i}:/home/user${i}:/bin/bash`)].join('\n');

const failure = (text: string): string => {
  try {
    parseSpecFiles([{ file: 'specs/x.yaml', text }]);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('the spec was accepted');
};

describe('a spec that fails to parse', () => {
  it('does not quote a file of plain text', () => {
    expect(failure(passwd)).toBe('specs/x.yaml line 1 column 1: the spec must be a map of keys such as version: and entities:, not plain text; check that the file named in cutover.yaml is the spec');
  });

  it('quotes at most 40 characters of a wrong value', () => {
    const long = `version: ${'a'.repeat(30)} ${passwd.split('\n')[0]}\n`;
    expect(failure(long)).toContain(`must be 1, not "${'a'.repeat(30)} root:x:0:…"`);
    expect(failure(long)).not.toContain('/bin/bash');
  });
});
