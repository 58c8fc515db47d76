import { describe, expect, it } from 'vitest';
import { geodesicArea } from '../geo/geodesicArea.ts';
import { siteEvidence } from './siteEvidence.ts';

describe('siteEvidence', () => {
  it('keeps a site outline, squares a point to about a hectare, and has none for a line', () => {
    const outline = { type: 'Polygon' as const, coordinates: [[[113, 36], [113.01, 36], [113.01, 36.01], [113, 36]]] };
    expect(siteEvidence(outline)).toBe(outline);
    const square = siteEvidence({ type: 'Point', coordinates: [113.2, 36.5] })!;
    // 0.0009° × 0.0009° at 36.5°N: ≈ 80.5 m × 99.9 m.
    expect(geodesicArea(square)).toBeGreaterThan(7_900);
    expect(geodesicArea(square)).toBeLessThan(8_200);
    expect(siteEvidence({ type: 'LineString', coordinates: [[113, 36], [113.1, 36]] })).toBeNull();
    expect(siteEvidence(null)).toBeNull();
  });
});
