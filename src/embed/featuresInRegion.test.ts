import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { featuresInRegions } from '../geo/featuresInRegion.ts';
import { zoneStatistics } from '../geo/zoneStatistics.ts';
import { featuresInRegion } from './featuresInRegion.ts';

// A 0.1° square near Changzhi; its neighbour to the east shares the edge x = 113.1.
const square = (w: number): Feature<Polygon> => ({
  type: 'Feature',
  properties: {},
  geometry: { type: 'Polygon', coordinates: [[[w, 36], [w + 0.1, 36], [w + 0.1, 36.1], [w, 36.1], [w, 36]]] },
});
const feature = (geometry: Feature['geometry']): Feature => ({ type: 'Feature', properties: {}, geometry });
const county = square(113);
const east = square(113.1);

describe('featuresInRegion', () => {
  it('counts a point inside and not one outside', () => {
    const [inside, outside] = featuresInRegion([county], [feature({ type: 'Point', coordinates: [113.05, 36.05] }), feature({ type: 'Point', coordinates: [113.15, 36.05] })]);
    expect(inside).toEqual({ amount: 1, inside: true });
    expect(outside).toEqual({ amount: 0, inside: false });
  });

  it('does not count the neighbour that only touches the border, counts a polygon that overlaps it', () => {
    const overlapping = square(113.05);
    const [touching, overlaps] = featuresInRegion([county], [east, overlapping]);
    expect(touching.inside).toBe(false);
    expect(touching.amount).toBeLessThan(1);
    expect(overlaps.inside).toBe(true);
    // Half the square: 0.05° × 0.1° at 36° N is about 4.5 km × 11.1 km ≈ 50 km².
    expect(overlaps.amount / 1e6).toBeGreaterThan(48);
    expect(overlaps.amount / 1e6).toBeLessThan(52);
  });

  it('measures only the part of a line inside, and a line along the shared border once over both counties', () => {
    // 0.2° of latitude-parallel line at 36.05° N, half inside: 0.1° × cos 36.05° × 111.3 km ≈ 9.0 km.
    const [line] = featuresInRegion([county], [feature({ type: 'LineString', coordinates: [[112.95, 36.05], [113.05, 36.05]] })]);
    expect(line.amount / 1000).toBeGreaterThan(4.4);
    expect(line.amount / 1000).toBeLessThan(4.6);
    const [border] = featuresInRegion([county, east], [feature({ type: 'LineString', coordinates: [[113.1, 36.02], [113.1, 36.08]] })]);
    // 0.06° of latitude ≈ 6.66 km, counted once.
    expect(border.amount / 1000).toBeGreaterThan(6.5);
    expect(border.amount / 1000).toBeLessThan(6.8);
  });

  it('skips features without geometry', () => {
    const result = featuresInRegion([county], [{ type: 'Feature', properties: {}, geometry: null as unknown as Polygon }]);
    expect(result).toEqual([{ amount: 0, inside: false }]);
  });
});

describe('featuresInRegion on the Changzhi pack', () => {
  // The widget's counting is src/geo's: it must agree with the app's zoneStatistics and featuresInRegions.
  it('agrees with zoneStatistics, county by county, on lengths, point counts and which polygons have area inside', () => {
    const read = (file: string) => JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../data/changzhi', file), 'utf8')) as FeatureCollection;
    const counties = read('counties.geojson').features as Feature<Polygon | MultiPolygon>[];
    for (const file of ['rivers.geojson', 'wetlands.geojson', 'lakes.geojson', 'subsidence.geojson']) {
      const features = read(file).features;
      // Each feature its own kind, so zoneStatistics reports each one per county.
      const stats = zoneStatistics(
        { type: 'FeatureCollection', features: counties },
        { type: 'FeatureCollection', features: features.map((f, i) => ({ ...f, properties: { kind: String(i) } })) },
      );
      counties.forEach((county, c) => {
        const mine = featuresInRegion([county], features);
        features.forEach((_, i) => {
          const expected = stats.regions[c].zones[String(i)];
          // Lines are cut against the regions' own edges here and against their geodesic densification
          // there (issue 18's edge model): a crossing moves by centimetres, the widget reads kilometres.
          const type = features[i].geometry.type;
          if (type === 'LineString' || type === 'MultiLineString') expect(Math.abs(mine[i].amount - expected.length_m)).toBeLessThanOrEqual(Math.max(0.05, expected.length_m * 1e-4));
          else if (type === 'Point' || type === 'MultiPoint') expect(mine[i].amount).toBe(expected.count);
          else expect(mine[i].amount).toBeCloseTo(expected.area_m2, 0);
          expect(mine[i].inside, `${file} #${i} in county #${c}`).toBe(expected.area_m2 > 1e-3 || expected.length_m > 1e-3 || expected.count > 0);
        });
      });
    }
  });

  it("lists the same features in each county as the app's featuresInRegions", () => {
    const read = (file: string) => JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../data/changzhi', file), 'utf8')) as FeatureCollection;
    const counties = read('counties.geojson').features as Feature<Polygon | MultiPolygon>[];
    for (const file of ['rivers.geojson', 'wetlands.geojson', 'lakes.geojson', 'subsidence.geojson', 'springs.geojson']) {
      const features = read(file).features;
      const app = featuresInRegions(
        counties.map((c) => c.geometry),
        features.map((f) => f.geometry),
      );
      counties.forEach((county, c) => {
        const widget = featuresInRegion([county], features).flatMap((f, i) => (f.inside ? [i] : []));
        expect(widget, `${file} in county #${c}`).toEqual(app[c]);
      });
    }
  });
});
