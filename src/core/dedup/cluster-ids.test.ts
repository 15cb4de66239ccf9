import { describe, expect, it } from 'vitest';
import { clusterIds, newClusterId } from './cluster-ids.js';

describe('clusterIds', () => {
  it('derives a new id from the sorted member keys', () => {
    expect(newClusterId(['P2', 'P1'])).toBe(newClusterId(['P1', 'P2']));
    expect(newClusterId(['P1', 'P2'])).toMatch(/^D[0-9a-f]{12}$/);
    expect(newClusterId(['P1', 'P3'])).not.toBe(newClusterId(['P1', 'P2']));
  });

  it('keeps a cluster its earlier id when new people join it, and gives new clusters new ids', () => {
    const earlier = new Map([['P1', 'Dold1'], ['P2', 'Dold1'], ['P7', 'Dold2'], ['P8', 'Dold2']]);
    expect(clusterIds([['P1', 'P2', 'P9'], ['P3', 'P4'], ['P7', 'P8']], earlier)).toEqual(['Dold1', newClusterId(['P3', 'P4']), 'Dold2']);
  });

  it('gives an earlier id to one cluster only when an earlier cluster splits', () => {
    const earlier = new Map([['P1', 'Dold'], ['P2', 'Dold'], ['P3', 'Dold']]);
    expect(clusterIds([['P1', 'P2'], ['P3', 'P4']], earlier)).toEqual(['Dold', newClusterId(['P3', 'P4'])]);
  });
});
