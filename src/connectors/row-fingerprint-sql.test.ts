import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalRow, fingerprintKind, rowFingerprint } from '../core/reconcile/row-fingerprint.js';
import { requirePostgres } from '../test-support/servers.js';
import { fuzzSeed } from '../test-support/fuzz.js';
import { copyLine } from './copy-text.js';
import type { Database } from './database.js';
import { openDatabase } from './open-database.js';
import { fingerprintKinds, fingerprintSql } from './row-fingerprint-sql.js';

// one column of every type a target table may give a mapped value, with values written
// as the rules write them (and as people type them): the run's fingerprint in JavaScript
// and the database's over the stored row must be the same text, on PGlite and on the server
const columns = [
  ['amount', 'numeric(14,2)'], ['plain_number', 'numeric'], ['count', 'integer'], ['big', 'bigint'], ['ratio', 'double precision'],
  ['flag', 'boolean'], ['day', 'date'], ['at', 'timestamp'], ['at_zoned', 'timestamptz'], ['time_of_day', 'time'],
  ['ref', 'uuid'], ['code', 'char(6)'], ['name', 'text'], ['label', 'varchar(200)'],
] as const;

const digits = (min: number, max: number) => fc.stringMatching(new RegExp(`^[0-9]{${min},${max}}$`));
const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const day = fc.record({ y: fc.integer({ min: 1, max: 9999 }), m: fc.integer({ min: 1, max: 12 }), d: fc.integer({ min: 1, max: 28 }) }).map(({ y, m, d }) => `${pad(y, 4)}-${pad(m)}-${pad(d)}`);
const clock = fc.record({ h: fc.integer({ min: 0, max: 23 }), mi: fc.integer({ min: 0, max: 59 }), s: fc.option(fc.integer({ min: 0, max: 59 })), f: fc.option(digits(1, 6)) })
  .map(({ h, mi, s, f }) => `${pad(h)}:${pad(mi)}${s === null ? '' : `:${pad(s)}${f === null ? '' : `.${f}`}`}`);
const zone = fc.constantFrom('', 'Z', '+00:00', '+01:00', '-05:30', '+0530', '-11');
const stamp = fc.tuple(day, fc.option(fc.tuple(fc.constantFrom('T', ' '), clock)), zone).map(([d, t, z]) => (t === null ? d : `${d}${t[0]}${t[1]}${z}`));
const anyText = fc.string({ unit: fc.constantFrom('a', 'Z', ' ', '|', '\\', 'N', '\t', '\n', '\r', 'é', '€', '😀', '"', "'", ',', '0'), maxLength: 30 });
const value = (type: string): fc.Arbitrary<string> => {
  switch (type) {
    case 'numeric(14,2)': return fc.tuple(fc.constantFrom('', '-', '+'), digits(1, 9), fc.option(digits(0, 2))).map(([s, w, f]) => `${s}${w}${f === null ? '' : `.${f}`}`);
    case 'numeric': return fc.tuple(fc.constantFrom('', '-'), digits(1, 25), fc.option(digits(0, 12))).map(([s, w, f]) => `${s}${w}${f === null ? '' : `.${f}`}`);
    case 'integer': return fc.integer().map(String);
    case 'bigint': return fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }).map(String);
    case 'double precision': return fc.oneof(fc.double({ min: -1e12, max: 1e12, noNaN: true }).map((n) => n.toFixed(3)), fc.tuple(digits(1, 6), digits(1, 4)).map(([a, b]) => `${a}.${b}`));
    case 'boolean': return fc.constantFrom('true', 'false', 't', 'f', 'yes', 'no', 'Y', 'N', 'on', 'off', '1', '0', ' TRUE ');
    case 'date': return day;
    case 'timestamp': case 'timestamptz': return stamp;
    case 'time': return clock;
    case 'uuid': return fc.uuid().map((u) => (u.charCodeAt(0) % 2 === 0 ? u.toUpperCase() : u));
    case 'char(6)': return fc.string({ unit: fc.constantFrom('a', 'B', ' ', '|', '\\'), maxLength: 6 });
    default: return anyText;
  }
};
const row = fc.tuple(...columns.map(([, type]) => fc.option(value(type), { freq: 6 })));

async function agreement(db: Database, schema: string): Promise<void> {
  await db.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE; CREATE SCHEMA ${schema}; CREATE TABLE ${schema}.t (id bigint PRIMARY KEY, ${columns.map(([n, t]) => `${n} ${t}`).join(', ')})`);
  const table = { schema, table: 't' };
  const names = columns.map(([n]) => n);
  const kinds = await fingerprintKinds(db, table, names);
  expect(kinds).toEqual(['number', 'number', 'number', 'number', 'float', 'boolean', 'date', 'timestamp', 'timestamptz', 'time', 'uuid', 'padded', 'text', 'text']);
  const sql = `SELECT ${fingerprintSql(names.map((name, i) => ({ name, kind: kinds[i]! })), 't')} AS print FROM ${schema}.t WHERE id = $1`;
  let id = 0;
  await fc.assert(
    fc.asyncProperty(row, async (values) => {
      id += 1;
      await db.copyIn(table, ['id', ...names], copyLine([id, ...values]));
      const [found] = await db.query<{ print: string }>(sql, [id]);
      // the canonical text on failure says which column parts differ
      if (found?.print !== rowFingerprint(kinds, values)) expect({ values, canonical: canonicalRow(kinds, values) }).toBe(found?.print);
    }),
    { seed: fuzzSeed, numRuns: 400 },
  );
}

describe('row fingerprints: JavaScript and SQL agree on every column type', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cutover-fingerprint-'));
  let embedded: Database;
  let server: Database;
  beforeAll(async () => {
    embedded = await openDatabase(join(dir, 'db'));
    server = await openDatabase(await requirePostgres());
  });
  afterAll(async () => {
    await embedded?.close();
    await server?.exec('DROP SCHEMA IF EXISTS fingerprint_test CASCADE');
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('on PGlite', () => agreement(embedded, 'fingerprint_test'), 120_000);
  it('on the PostgreSQL server', () => agreement(server, 'fingerprint_test'), 120_000);

  it('tells apart a changed penny, a blank and an empty text, and a bar moved between columns', () => {
    const texts = [fingerprintKind('text'), fingerprintKind('character varying')];
    expect(rowFingerprint(['number'], ['1250.50'])).toBe(rowFingerprint(['number'], ['1250.5']));
    expect(rowFingerprint(['number'], ['1250.50'])).not.toBe(rowFingerprint(['number'], ['1250.51']));
    expect(rowFingerprint(['text'], [null])).not.toBe(rowFingerprint(['text'], ['']));
    expect(rowFingerprint(['text'], [null])).not.toBe(rowFingerprint(['text'], ['\\N']));
    expect(rowFingerprint(texts, ['a|', 'b'])).not.toBe(rowFingerprint(texts, ['a', '|b']));
  });
});
