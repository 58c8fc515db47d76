import type { Feature, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { featureArea } from './featureArea.ts';
import { GeometryError } from './GeometryError.ts';
import { geodesicStar, referenceRingArea } from './testing/geographiclibReference.ts';

describe('featureArea', () => {
  it('is the geodesic area of the feature geometry, and names the feature index on errors', () => {
    const ring = geodesicStar(113.1, 36.2, 800, 12);
    const feature: Feature<Polygon> = { type: 'Feature', properties: { name: 'x' }, geometry: { type: 'Polygon', coordinates: [ring] } };
    expect(Math.abs(featureArea(feature) / referenceRingArea(ring) - 1)).toBeLessThan(1e-8);
    const broken = { ...feature, geometry: null } as unknown as Feature<Polygon>;
    expect(() => featureArea(broken, 7)).toThrow(GeometryError);
    try {
      featureArea(broken, 7);
    } catch (error) {
      expect((error as GeometryError).issues[0]).toMatchObject({ featureIndex: 7, code: 'missing-geometry' });
    }
  });
});
