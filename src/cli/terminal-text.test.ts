import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cutover } from '../test-support/capture-io.js';
import { tempDir } from '../test-support/temp-dir.js';
import { terminalText } from './terminal-text.js';

const dir = tempDir('cutover-terminal');
afterAll(() => dir.cleanup());

// what a terminal obeys: clear the screen, retitle the window, ring the bell, reverse the text
const hostile = ['\u001b[2J', '\u001b]0;owned\u0007', '\r', '\u009b31m', '\u202e'];

describe('text for the terminal', () => {
  it('shows control characters as escapes and leaves other text alone', () => {
    expect(terminalText('Ann\u001b[2J Smith\tline\nnext')).toBe('Ann\\u001b[2J Smith\tline\nnext');
    expect(terminalText('Zoë Ōtsuka, 東京')).toBe('Zoë Ōtsuka, 東京');
    expect(terminalText('evil\u202egnp.exe')).toBe('evil\\u202egnp.exe');
  });

  it('keeps JSON valid and its values the same', () => {
    const value = { name: 'a\u0085b\u202ec' };
    expect(JSON.parse(terminalText(JSON.stringify(value)))).toEqual(value);
  });

  it('never lets peek write a value\'s escape sequences to the terminal, as text or as JSON', async () => {
    const file = join(dir.path, 'people.csv');
    writeFileSync(file, `id,name\n1,"${hostile.join('x')}"\n`);
    // the name is masked unless asked for; shown or masked, no sequence reaches the terminal
    for (const args of [['peek', file], ['peek', file, '--json'], ['peek', file, '--show-personal-data'], ['peek', file, '--json', '--show-personal-data']]) {
      const { code, stdout, stderr } = await cutover(...args);
      expect(code).toBe(0);
      for (const sequence of hostile) expect(stdout + stderr).not.toContain(sequence);
      if (args.includes('--show-personal-data')) expect(stdout).toContain('\\u001b[2J');
    }
  });

  it('never lets an error message carry them either', async () => {
    const { code, stderr } = await cutover('peek', join(dir.path, `missing\u001b[2J.csv`));
    expect(code).toBe(1);
    expect(stderr).not.toContain('\u001b');
    expect(stderr).toContain('missing\\u001b[2J.csv');
  });
});
