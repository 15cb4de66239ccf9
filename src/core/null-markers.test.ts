import { describe, expect, it } from 'vitest';
import { looksLikeNullMarker, nullMarkersOf, withNullMarkers, readNullMarkers } from './null-markers.js';

describe('null markers', () => {
  it('tells the way exports write an empty value from real text', () => {
    expect(['NULL', 'null', '\\N', '(null)', '<NULL>', 'Nullah', 'N', 'None'].map(looksLikeNullMarker)).toEqual([true, true, true, true, true, false, false, false]);
  });

  it('keeps the markers of a file with what was read, and reads them back', () => {
    const details = withNullMarkers({ format: 'csv' }, ['NULL', '\\N']);
    expect(details).toEqual({ format: 'csv', null_values: '["NULL","\\\\N"]' });
    expect(nullMarkersOf(details)).toEqual(['NULL', '\\N']);
    expect(withNullMarkers({ format: 'csv' }, undefined)).toEqual({ format: 'csv' });
    expect(nullMarkersOf({ format: 'csv' })).toBeUndefined();
  });

  it('reads a value that is exactly a marker as empty, and nothing else', () => {
    const read = readNullMarkers(['NULL', '\\N'])!;
    expect(read(['NULL', '\\N', 'null', ' NULL', 'NULLS', '', null, 'x'])).toEqual([null, null, 'null', ' NULL', 'NULLS', '', null, 'x']);
    expect(readNullMarkers(undefined)).toBeUndefined();
  });
});
