import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cutover } from '../test-support/capture-io.js';
import { tempDir } from '../test-support/temp-dir.js';

// needs `npm run build` first: the command as installed, its output cut short by a pipe
const cli = new URL('../../dist/cli/main.js', import.meta.url).pathname;
const dir = tempDir('cutover-main');
afterAll(() => dir.cleanup());

describe('the cutover command', () => {
  it('ends quietly when what reads its output stops early (| head -1)', () => {
    const file = join(dir.path, 'big.csv');
    writeFileSync(file, `A,B,C\n${Array.from({ length: 20_000 }, (_, i) => `${i},name ${i},some longer text ${i}`).join('\n')}\n`);
    const out = spawnSync('bash', ['-c', `set -o pipefail; node ${cli} peek ${file} --limit 20000 | head -1`], { encoding: 'utf8' });
    expect({ status: out.status, stdout: out.stdout, stderr: out.stderr }).toEqual({ status: 0, stdout: 'big.csv: csv, utf-8, delimiter ",", 3 columns\n', stderr: '' });
  });

  it('shows each example of a transform with the options it was run with', async () => {
    const { stdout } = await cutover('transforms');
    const truncate = stdout.split('\n\n').find((block) => block.startsWith('truncate\n'));
    expect(truncate).toBe('truncate\n  Cuts a value down to at most the number of characters given.\n  write: truncate: { length: 255 }\n  "Gloucestershire" -> "Glouc"  with truncate: { length: 5 }');
    expect(stdout).toContain('  "03/02/2021" -> "2021-02-03"  with date: { formats: [dd/MM/yyyy] }\n');
    expect(stdout).toContain('  " Jane.Doe@Example.COM " -> "Jane.Doe@example.com"\n');
  });

  it('agrees its words with their numbers', async () => {
    const file = join(dir.path, 'one.csv');
    writeFileSync(file, 'Ref\nA1\n');
    const { stdout } = await cutover('peek', file);
    expect(stdout.split('\n')[0]).toBe('one.csv: csv, utf-8, delimiter ",", 1 column');
  });
});
