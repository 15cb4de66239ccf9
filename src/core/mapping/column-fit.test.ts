import { describe, expect, it } from 'vitest';
import { parseSpec } from '../spec/index.js';
import { sampleSpecText } from '../../test-support/spec-fixtures.js';
import { columnFits, fieldValueKind, valueKindWording } from './column-fit.js';

describe('fieldValueKind', () => {
  it('gives each field of the sample the kind its last deciding rule gives', () => {
    const spec = parseSpec(sampleSpecText, 'specs/estate-agency.yaml');
    const kinds = Object.fromEntries(spec.entities.filter((e) => e.name === 'tenancy').flatMap((e) => e.fields.map((f) => [f.name, fieldValueKind(f)])));
    expect(kinds).toEqual({
      property_id: 'id', tenant_id: 'id', start_date: 'date', end_date: 'date', rent_pcm: 'amount', deposit: 'amount', status: 'text',
    });
  });
});

describe('columnFits', () => {
  it('holds money only in numeric, ids in whole numbers, dates in dates or timestamps', () => {
    const table = (['text', 'amount', 'date', 'time', 'timestamp', 'id'] as const).map((kind) => [
      kind,
      ['text', 'character varying', 'numeric', 'double precision', 'integer', 'bigint', 'date', 'timestamp with time zone', 'time without time zone']
        .filter((type) => columnFits(kind, type)),
    ]);
    expect(table).toEqual([
      ['text', ['text', 'character varying']],
      ['amount', ['numeric']],
      ['date', ['date', 'timestamp with time zone']],
      ['time', ['time without time zone']],
      ['timestamp', ['timestamp with time zone']],
      ['id', ['integer', 'bigint']],
    ]);
    expect(columnFits('text', 'USER-DEFINED', 'citext')).toBe(true);
    expect(valueKindWording('amount')).toBe('an amount (numeric)');
  });
});
