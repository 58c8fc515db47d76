import type { Feature } from 'geojson';
import { describe, expect, it } from 'vitest';
import { packFeatures } from './packedFeatures.ts';
import { packedFeatureViews } from './packedFeatureViews.ts';

const features: Feature[] = [
  { type: 'Feature', properties: { 名称: '湿地', n: 1 }, geometry: { type: 'Point', coordinates: [112.1, 36.2] } },
  { type: 'Feature', properties: null, geometry: { type: 'LineString', coordinates: [[1, 2], [3, 4], [5, 6]] } },
  { type: 'Feature', properties: { kind: 'd' }, geometry: { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]], [[0.2, 0.2], [0.4, 0.2], [0.4, 0.4], [0.2, 0.2]]] } },
  { type: 'Feature', properties: { kind: 'e' }, geometry: { type: 'MultiPolygon', coordinates: [[[[0, 0], [1, 0], [1, 1], [0, 0]]], [[[2, 2], [3, 2], [3, 3], [2, 2]]]] } },
  {
    type: 'Feature',
    properties: { kind: 'f' },
    geometry: { type: 'GeometryCollection', geometries: [{ type: 'Point', coordinates: [9, 9] }, { type: 'MultiLineString', coordinates: [[[1, 1], [2, 2]], [[3, 3], [4, 4]]] }] },
  },
  { type: 'Feature', properties: { kind: 'g' }, geometry: null as never },
  { type: 'Feature', properties: { kind: 'h' }, geometry: { type: 'MultiPoint', coordinates: [[7, 8], [9, 10]] } },
];
const properties = features.map((f) => f.properties);

describe('packedFeatureViews', () => {
  it('reads every feature back: its geometry from the arrays, its properties as they were', () => {
    const views = packedFeatureViews(packFeatures(features), properties);
    expect(views).toHaveLength(features.length);
    views.forEach((f, i) => {
      expect(f.type).toBe('Feature');
      expect(f.geometry).toEqual(features[i].geometry);
      expect(f.properties).toBe(properties[i]);
    });
  });

  it('reads one feature alone, in any order, and builds a new geometry each time', () => {
    const views = packedFeatureViews(packFeatures(features), properties);
    expect(views[4].geometry).toEqual(features[4].geometry);
    expect(views[2].geometry).toEqual(features[2].geometry);
    expect(views[2].geometry).not.toBe(views[2].geometry);
  });

  it('writes the same GeoJSON as the original features', () => {
    const views = packedFeatureViews(packFeatures(features), properties);
    expect(JSON.parse(JSON.stringify({ type: 'FeatureCollection', features: views }))).toEqual(JSON.parse(JSON.stringify({ type: 'FeatureCollection', features })));
  });

  it('keeps a feature the packed form could not (raw) as it is', () => {
    const odd = { type: 'Feature', properties: { a: 1 }, geometry: { type: 'Curve', coordinates: [1, 2] } } as unknown as Feature;
    const packed = packFeatures([features[0], odd]);
    const views = packedFeatureViews(packed, [features[0].properties, odd.properties]);
    expect(views[1]).toBe(packed.raw[1]);
    expect(views[0].geometry).toEqual(features[0].geometry);
  });
});
