import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { generateSnapshotKey, snapshotKeyFrom } from './snapshot-key.js';

const variable = 'CUTOVER_SNAPSHOT_KEY';
const hex = '000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f';
const base64 = 'AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=';

function problem(env: NodeJS.ProcessEnv) {
  try {
    snapshotKeyFrom(env, variable);
  } catch (error) {
    const { code, message, where } = error as { code: string; message: string; where: unknown };
    return { code, message, where };
  }
  throw new Error('expected snapshotKeyFrom to throw');
}

describe('snapshotKeyFrom', () => {
  it('reads 64 hex characters and names the key by its id', () => {
    const key = snapshotKeyFrom({ [variable]: hex }, variable);
    expect({ ...key }).toEqual({ id: '49aa3287731db60b', variable });
  });

  it('reads the same key written in base64, upper case hex, or with a trailing newline', () => {
    for (const text of [base64, hex.toUpperCase(), `${hex}\n`, `  ${base64}\n`]) {
      expect(snapshotKeyFrom({ [variable]: text }, variable).id).toBe('49aa3287731db60b');
    }
  });

  it('never shows the key bytes in JSON or in logs', () => {
    const key = snapshotKeyFrom({ [variable]: hex }, variable);
    expect(JSON.stringify(key)).toBe(`{"id":"49aa3287731db60b","variable":"${variable}"}`);
    expect(inspect(key, { showHidden: true, breakLength: Infinity })).toBe(`SnapshotKey { id: '49aa3287731db60b', variable: '${variable}' }`);
  });

  it('says how to make a key when the variable is missing or blank', () => {
    const missing = {
      code: 'key_missing',
      message: `The snapshot key variable ${variable} is not set. Set it to 32 random bytes, e.g. ${variable}=$(openssl rand -hex 32), and keep it somewhere safe: without it the snapshots cannot be read.`,
      where: { field: variable },
    };
    expect(problem({})).toEqual(missing);
    expect(problem({ [variable]: ' \n' })).toEqual(missing);
  });

  it('rejects a malformed key without repeating it', () => {
    for (const text of [hex.slice(2), `${hex.slice(2)}zz`, base64.slice(0, 43), 'secret']) {
      expect(problem({ [variable]: text })).toEqual({
        code: 'key_invalid',
        message: `The snapshot key variable ${variable} does not hold a key: expected 32 bytes written as 64 hex characters or 44 base64 characters, found ${text.length} characters that are neither. Set it to the key used when the snapshots were collected; a new key is made with: openssl rand -hex 32`,
        where: { field: variable },
      });
    }
  });
});

describe('generateSnapshotKey', () => {
  it('makes a fresh readable key each time', () => {
    const one = generateSnapshotKey();
    const two = generateSnapshotKey();
    expect(one).toMatch(/^[0-9a-f]{64}$/);
    expect(one).not.toBe(two);
    expect(snapshotKeyFrom({ [variable]: one }, variable).id).not.toBe(snapshotKeyFrom({ [variable]: two }, variable).id);
  });
});
