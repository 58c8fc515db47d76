import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { pointInRing } from '../geo/pointInRing.ts';
import { labelPoints } from './labelPoints.ts';

const counties = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../data/changzhi/counties.geojson'), 'utf8')) as FeatureCollection<Polygon | MultiPolygon>;

describe('labelPoints', () => {
  it('gives each county exactly one label point, inside its largest part', () => {
    const points = labelPoints(counties);
    expect(points.features).toHaveLength(counties.features.length);
    points.features.forEach((point, i) => {
      const g = counties.features[i].geometry;
      const parts = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
      const [x, y] = point.geometry.coordinates;
      const inside = parts.some((part) => pointInRing(x, y, part[0]) === 1 && !part.slice(1).some((hole) => pointInRing(x, y, hole) !== -1));
      expect(inside, String(counties.features[i].properties?.name)).toBe(true);
      expect(point.id).toBe(i);
    });
  });

  it('labels a C-shaped polygon inside it, not at its centroid in the gap', () => {
    const c: Polygon = { type: 'Polygon', coordinates: [[[0, 0], [3, 0], [3, 1], [1, 1], [1, 2], [3, 2], [3, 3], [0, 3], [0, 0]]] };
    const [point] = labelPoints({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: c }] }).features;
    expect(pointInRing(point.geometry.coordinates[0], point.geometry.coordinates[1], c.coordinates[0])).toBe(1);
  });

  it('labels points where they are and lines at their middle (imported mixed layers)', () => {
    const points = labelPoints({
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { 名称: '辛安泉' }, geometry: { type: 'Point', coordinates: [113.382, 36.421] } },
        { type: 'Feature', properties: { 名称: '浊漳河' }, geometry: { type: 'LineString', coordinates: [[112.9, 36.0], [113.0, 36.1], [113.2, 36.3]] } },
      ],
    });
    expect(points.features.map((f) => [f.id, f.geometry.coordinates])).toEqual([
      [0, [113.382, 36.421]],
      [1, [113.0, 36.1]],
    ]);
  });

  it('labels a point at itself, keeping its index as id', () => {
    const [point] = labelPoints({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { name: 'seat' }, geometry: { type: 'Point', coordinates: [113.1, 36.2] } }] }).features;
    expect(point.geometry.coordinates).toEqual([113.1, 36.2]);
    expect(point.id).toBe(0);
    expect(point.properties).toEqual({ name: 'seat' });
  });
});
