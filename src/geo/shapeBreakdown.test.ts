import turfIntersect from '@turf/intersect';
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { geodesicArea } from './geodesicArea.ts';
import { GeometryError } from './GeometryError.ts';
import { referencePolygonArea, seededRandom, withCollinear } from './testing/geographiclibReference.ts';
import { alongChords, blob, gridRegions } from './testing/statsFixtures.ts';
import { shapeBreakdown } from './shapeBreakdown.ts';

const feature = (rings: Position[][], properties: Record<string, unknown> = {}): Feature<Polygon> => ({
  type: 'Feature',
  properties,
  geometry: { type: 'Polygon', coordinates: rings },
});
const collection = (features: Feature[]): FeatureCollection => ({ type: 'FeatureCollection', features });

describe('shapeBreakdown', { timeout: 60_000 }, () => {
  const regions = gridRegions(112.5, 36, 0.2, 3, 2);

  it('splits a shape over the regions so that the parts add up to its geodesicArea within 1e-9', () => {
    // A hand-drawn shape with long straight edges, across four regions.
    const shape = feature([[[112.62, 36.12], [112.81, 36.11], [112.83, 36.27], [112.64, 36.29], [112.62, 36.12]]]);
    const result = shapeBreakdown(shape, regions, []);
    const area = geodesicArea(shape.geometry);
    expect(result.area_m2).toBe(area);
    expect(result.regions.map((r) => r.name)).toEqual(['R1', 'R2', 'R4', 'R5']);
    const sum = result.regions.reduce((s, r) => s + r.area_m2, 0);
    expect(Math.abs(sum / area - 1)).toBeLessThan(1e-9);
    expect(result.regions.reduce((s, r) => s + r.share, 0)).toBeCloseTo(1, 9);
  });

  it('gives the whole geodesicArea to the one region holding the shape', () => {
    const shape = feature([blob(112.6, 36.1, 0.02, 40, seededRandom(3))]);
    const result = shapeBreakdown(shape, regions, []);
    expect(result.regions).toEqual([{ name: 'R1', area_m2: geodesicArea(shape.geometry), share: 1 }]);
  });

  it('measures the overlap with each zone kind, overlapping zones once, as turf.intersect does', () => {
    const random = seededRandom(4);
    const shape = feature([alongChords([[112.6, 36.05], [112.75, 36.05], [112.75, 36.15], [112.6, 36.15], [112.6, 36.05]])]);
    const w1 = blob(112.65, 36.1, 0.04, 200, random);
    const w2 = blob(112.68, 36.1, 0.04, 200, random);
    const spring = blob(112.74, 36.14, 0.03, 150, random);
    const zones = collection([feature([w1], { kind: 'wetland' }), feature([w2], { kind: 'wetland' }), feature([spring], { kind: 'spring' })]);
    const result = shapeBreakdown(shape, regions, [zones, collection([])]);
    const clip = (rings: Position[][]): number => {
      const part = turfIntersect(collection([shape, feature(rings)]) as FeatureCollection<Polygon | MultiPolygon>);
      if (!part) return 0;
      const g = part.geometry;
      const sources = [...shape.geometry.coordinates.flat(), ...rings.flat()];
      return (g.type === 'Polygon' ? [g.coordinates] : g.coordinates).reduce(
        (s, p) => s + referencePolygonArea(p.map((ring) => withCollinear(ring, sources))),
        0,
      );
    };
    const springExpected = clip([spring]);
    const spring_ = result.zones.find((z) => z.kind === 'spring');
    expect(Math.abs((spring_?.area_m2 ?? 0) / springExpected - 1)).toBeLessThan(1e-6);
    // Overlapping wetlands: |A ∪ B| = |A| + |B| − |A ∩ B| (each clipped to the shape).
    const a = clip([w1]);
    const b = clip([w2]);
    const both = turfIntersect(collection([feature([w1]), feature([w2])]) as FeatureCollection<Polygon | MultiPolygon>);
    const ab = both ? clip((both.geometry as Polygon).coordinates) : 0;
    const wetland = result.zones.find((z) => z.kind === 'wetland');
    expect(ab).toBeGreaterThan(0);
    expect(Math.abs((wetland?.area_m2 ?? 0) / (a + b - ab) - 1)).toBeLessThan(1e-6);
    expect(wetland?.share).toBeCloseTo((wetland?.area_m2 ?? 0) / result.area_m2, 12);
  });

  it('refuses an invalid shape', () => {
    const bowTie = feature([[[112.6, 36.05], [112.7, 36.1], [112.7, 36.05], [112.6, 36.1], [112.6, 36.05]]]);
    expect(() => shapeBreakdown(bowTie, regions, [])).toThrow(GeometryError);
  });
});
