import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseProjectConfig } from './project-config.js';

describe('parseProjectConfig', () => {
  it('reads the sample project', () => {
    const text = readFileSync(new URL('../../sample-project/cutover.yaml', import.meta.url), 'utf8');
    expect(parseProjectConfig(text, 'cutover.yaml')).toEqual({
      customer: 'Harbour & Hart Lettings (sample)',
      sources: { export: { files: 'export', include: ['*.csv'], options: {} } },
      snapshot_key_env: 'CUTOVER_SNAPSHOT_KEY',
      spec: 'specs/estate-agency.yaml',
      contract: 'contract.yaml',
      target: { schema: 'target/schema.sql' },
      environments: { test: { database: 'embedded', stage: 'test' } },
    });
  });

  it('reads the stage and the schema of the new system\'s own database', () => {
    const text = 'customer: X\nsources: { export: { files: export } }\nsnapshot_key_env: KEY\nspec: s.yaml\ntarget: { schema: t.sql }\n' +
      'environments:\n  production: { database_url_env: NEW_SYSTEM_URL, schema: public, stage: production }\n  rehearsal: { database: embedded, stage: live }\n  pre: { database_url_env: PRE_URL, schema: cutover_env_pre }\n';
    expect(() => parseProjectConfig(text, 'cutover.yaml')).toThrow(
      'cutover.yaml has 2 problems:\n' +
        'cutover.yaml line 8 column 43: "environments.rehearsal.stage": Invalid option: expected one of "test"|"preproduction"|"production"\n' +
        'cutover.yaml line 9 column 45: "environments.pre.schema": is a schema Cutover keeps for itself; name the new system\'s own schema',
    );
    const good = parseProjectConfig(text.split('\n').slice(0, 7).join('\n'), 'cutover.yaml');
    expect(good.environments).toEqual({ production: { database_url_env: 'NEW_SYSTEM_URL', schema: 'public', stage: 'production' } });
  });

  it('names the line of each problem', () => {
    const text =
      'customer: X\nsources:\n  export:\n    files: export\n    folder: x\nsnapshot_key_env: KEY\nspec: s.yaml\ntarget: { schema: t.sql }\nenvironments:\n  test: { database: remote }\n';
    expect(() => parseProjectConfig(text, 'cutover.yaml')).toThrow(
      'cutover.yaml has 2 problems:\n' +
        'cutover.yaml line 5 column 13: "sources.export.folder": is not a setting Cutover knows; remove it or check its spelling\n' +
        'cutover.yaml line 10 column 21: "environments.test.database": Invalid input: expected "embedded"',
    );
  });
});
