import { readFileSync } from 'node:fs';
import path from 'node:path';
import turfArea from '@turf/area';
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import turfIntersect from '@turf/intersect';
import type { Feature, Geometry, Polygon, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { featuresInRegions } from './featuresInRegion.ts';

const asFeature = (geometry: Polygon): Feature<Polygon> => ({ type: 'Feature', properties: {}, geometry });

// Figures are written on a 1° grid and shrunk to 0.05° (edges under the overlay's 10 km
// densifying length, so the shared border stays exactly the same line on both sides).
const at = ([x, y]: Position): Position => [112 + (x - 112) / 20, 36 + (y - 36) / 20];
const square = (x0: number, y0: number, x1: number, y1: number): Geometry => ({
  type: 'Polygon',
  coordinates: [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]].map(at)],
});
const line = (...points: Position[]): Geometry => ({ type: 'LineString', coordinates: points.map(at) });
const point = (x: number, y: number): Geometry => ({ type: 'Point', coordinates: at([x, y]) });

// West [112, 113] × [36, 37] and east [113, 114] × [36, 37] (before shrinking) share the line x = 113.
const regions = [square(112, 36, 113, 37), square(113, 36, 114, 37)];

describe('featuresInRegions', () => {
  it('puts a polygon in a region only where a positive area of it lies', () => {
    const [west, east] = featuresInRegions(regions, [
      square(112.9, 36.4, 113.1, 36.6), // across the border: both
      square(113, 36.4, 113.2, 36.6), // on the border, wholly east: east only
      square(112.2, 36.2, 112.3, 36.3), // inside west
      square(115, 36, 115.5, 36.5), // outside both
      { type: 'MultiPolygon', coordinates: [(square(112.2, 36.7, 112.3, 36.8) as { coordinates: Position[][] }).coordinates, (square(113.5, 36.7, 113.6, 36.8) as { coordinates: Position[][] }).coordinates] },
    ]);
    expect(west).toEqual([0, 2, 4]);
    expect(east).toEqual([0, 1, 4]);
  });

  it('puts a line where a positive length of it lies, a shared border stretch in the first region', () => {
    const [west, east] = featuresInRegions(regions, [
      line([112.5, 36.5], [113.5, 36.5]), // crosses: both
      line([113, 36.2], [113, 36.8]), // along the shared border: first region only
      line([113, 36.5], [113.4, 36.5]), // starts on the border, runs east: east only
      line([111, 36.5], [111.9, 36.5]), // outside
    ]);
    expect(west).toEqual([0, 1]);
    expect(east).toEqual([0, 2]);
  });

  it('puts a point inside a region there, and one on a shared border in the first region', () => {
    const [west, east] = featuresInRegions(regions, [point(112.5, 36.5), point(113, 36.5), point(113.5, 36.5), point(114, 36.5), point(120, 30)]);
    expect(west).toEqual([0, 1]);
    expect(east).toEqual([2, 3]);
  });

  it('treats a collection by its parts and leaves missing or broken geometry out', () => {
    const collection: Geometry = { type: 'GeometryCollection', geometries: [point(112.5, 36.5), line([113.2, 36.1], [113.3, 36.2])] };
    const broken = { type: 'Polygon', coordinates: [[[112.5, 36.5]]] } as Geometry;
    const [west, east] = featuresInRegions(regions, [collection, null, broken, undefined]);
    expect(west).toEqual([0]);
    expect(east).toEqual([0]);
  });

  it('on the Changzhi pack, places wetlands and subsidence areas as turf does (intersection area, point in polygon)', () => {
    const read = (file: string) => JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../data/changzhi', file), 'utf8')) as { features: { geometry: Geometry; properties: Record<string, unknown> }[] };
    const counties = read('counties.geojson').features;
    for (const file of ['wetlands.geojson', 'subsidence.geojson']) {
      const features = read(file).features;
      const inCounty = featuresInRegions(
        counties.map((c) => c.geometry),
        features.map((f) => f.geometry),
      );
      counties.forEach((county, r) => {
        const expected = features.flatMap((f, i) => {
          const g = f.geometry;
          if (g.type === 'Point') return booleanPointInPolygon(g.coordinates, county.geometry as Polygon) ? [i] : [];
          const overlap = turfIntersect({ type: 'FeatureCollection', features: [asFeature(g as Polygon), asFeature(county.geometry as Polygon)] });
          return overlap && turfArea(overlap) > 1 ? [i] : [];
        });
        expect(inCounty[r], `${file} in ${String(county.properties.name)}`).toEqual(expected);
      });
    }
  });
});
