import type { LineString, MultiPolygon, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { geodesicArea } from '../geo/geodesicArea.ts';
import { GeometryError } from '../geo/GeometryError.ts';
import { referenceLineLength, referencePolygonArea } from '../geo/testing/geographiclibReference.ts';
import { measuredFigures } from './measuredFigures.ts';
import { changzhiPack, layerOf } from './testing/changzhiPack.ts';

describe('measuredFigures', () => {
  it('gives a drawn polygon the geo core’s geodesicArea (within 1e-9) and GeographicLib’s area (within 1e-6)', () => {
    const drawn: Polygon = { type: 'Polygon', coordinates: [[[112.08, 36.93], [112.1, 36.78], [112.33, 36.8], [112.3, 36.95], [112.08, 36.93]]] };
    const f = measuredFigures(drawn);
    if (f.type !== 'area') throw new Error('expected an area');
    expect(Math.abs(f.area_m2 / geodesicArea(drawn) - 1)).toBeLessThanOrEqual(1e-9);
    expect(Math.abs(f.area_m2 / referencePolygonArea(drawn.coordinates) - 1)).toBeLessThan(1e-6);
    expect(Math.abs(f.perimeter_m / referenceLineLength(drawn.coordinates[0]) - 1)).toBeLessThan(1e-8);
  });

  it('measures a real county MultiPolygon (上党区) exactly as geodesicArea does', () => {
    const { layers } = changzhiPack();
    const shangdang = layerOf(layers, 'counties').data.features.find((f) => f.properties?.name === '上党区')!;
    const geometry = shangdang.geometry as MultiPolygon;
    const f = measuredFigures(geometry);
    if (f.type !== 'area') throw new Error('expected an area');
    expect(Math.abs(f.area_m2 / geodesicArea(geometry) - 1)).toBeLessThanOrEqual(1e-9);
    const reference = geometry.coordinates.reduce((s, p) => s + referencePolygonArea(p), 0);
    expect(Math.abs(f.area_m2 / reference - 1)).toBeLessThan(1e-6);
  });

  it('gives a line its geodesic length', () => {
    const line: LineString = { type: 'LineString', coordinates: [[112.9, 36.1], [113.1, 36.2], [113.15, 36.0]] };
    const f = measuredFigures(line);
    if (f.type !== 'length') throw new Error('expected a length');
    expect(Math.abs(f.length_m / referenceLineLength(line.coordinates) - 1)).toBeLessThan(1e-8);
  });

  it('refuses a self-intersecting shape with a GeometryError naming the crossing', () => {
    const bowTie: Polygon = { type: 'Polygon', coordinates: [[[113, 36], [113.1, 36.1], [113.1, 36], [113, 36.1], [113, 36]]] };
    expect(() => measuredFigures(bowTie)).toThrow(GeometryError);
    try {
      measuredFigures(bowTie);
    } catch (err) {
      expect((err as GeometryError).issues[0].code).toBe('self-intersection');
      const [lon, lat] = (err as GeometryError).issues[0].position!;
      expect(lon).toBeCloseTo(113.05, 3);
      expect(lat).toBeCloseTo(36.05, 2);
    }
  });
});
