import type { Feature, Geometry } from 'geojson';
import { describe, expect, it } from 'vitest';
import { findUnusableFeatures, simpleGeometries } from './usableGeometry.ts';

const square: Geometry = { type: 'Polygon', coordinates: [[[113, 36], [113.1, 36], [113.1, 36.1], [113, 36.1], [113, 36]]] };
// Its diagonals cross: a bow-tie, whose area no one can state.
const bowTie: Geometry = { type: 'Polygon', coordinates: [[[113, 36], [113.1, 36.1], [113.1, 36], [113, 36.1], [113, 36]]] };
const line: Geometry = { type: 'LineString', coordinates: [[113, 36], [113.2, 36.2]] };
const feature = (geometry: Geometry | null): Feature<Geometry | null> => ({ type: 'Feature', properties: {}, geometry });

describe('simpleGeometries', () => {
  it('flattens geometry collections, nested ones too', () => {
    expect(simpleGeometries({ type: 'GeometryCollection', geometries: [square, { type: 'GeometryCollection', geometries: [line] }] })).toEqual([square, line]);
    expect(simpleGeometries(square)).toEqual([square]);
    expect(simpleGeometries(null)).toEqual([]);
  });
});

describe('findUnusableFeatures', () => {
  it('lists the self-intersecting polygon, alone or inside a collection, with the reason', () => {
    const result = findUnusableFeatures([feature(square), feature(bowTie), feature(null), feature({ type: 'GeometryCollection', geometries: [line, bowTie] }), feature(line)]);
    expect(result.indexes).toEqual([1, 3]);
    expect(result.issues.map((i) => [i.featureIndex, i.code])).toEqual([
      [1, 'self-intersection'],
      [3, 'self-intersection'],
    ]);
  });

  it('keeps valid collections and features without geometry (they are simply not drawn)', () => {
    expect(findUnusableFeatures([feature({ type: 'GeometryCollection', geometries: [square, line] }), feature(null)]).indexes).toEqual([]);
  });
});
