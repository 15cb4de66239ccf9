import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseProjectConfig } from './project-config.js';

describe('parseProjectConfig', () => {
  it('reads the sample project', () => {
    const text = readFileSync(new URL('../../sample-project/cutover.yaml', import.meta.url), 'utf8');
    expect(parseProjectConfig(text, 'cutover.yaml')).toEqual({
      customer: 'Harbour & Hart Lettings (sample)',
      source: { files: 'export', include: ['*.csv'] },
      spec: 'specs/estate-agency.yaml',
      target: { schema: 'target/schema.sql' },
      environments: { test: { database: 'embedded' } },
    });
  });

  it('names the line of each problem', () => {
    const text = 'customer: X\nsource:\n  files: export\n  folder: x\nspec: s.yaml\ntarget: { schema: t.sql }\nenvironments:\n  test: { database: remote }\n';
    expect(() => parseProjectConfig(text, 'cutover.yaml')).toThrow(
      'cutover.yaml has 2 problems:\n' +
        'cutover.yaml line 4 column 11: "source.folder": is not a setting Cutover knows; remove it or check its spelling\n' +
        'cutover.yaml line 8 column 21: "environments.test.database": Invalid input: expected "embedded"',
    );
  });
});
