import { describe, expect, it } from 'vitest';
import { sanitizeGeometry } from './geometry.ts';

const square = (x: number) => [[[x, 0], [x + 1, 0], [x + 1, 1], [x, 1], [x, 0]]];

describe('sanitizeGeometry', () => {
  it('turns a collection of polygons (KML MultiGeometry) into a MultiPolygon', () => {
    const result = sanitizeGeometry({
      type: 'GeometryCollection',
      geometries: [
        { type: 'Polygon', coordinates: square(0) },
        { type: 'MultiPolygon', coordinates: [square(2), square(4)] },
      ],
    });
    expect(result.status).toBe('ok');
    expect(result.geometry).toEqual({ type: 'MultiPolygon', coordinates: [square(0), square(2), square(4)] });
    expect(result.vertices).toBe(15);
  });

  it('turns lines into a MultiLineString and points into a MultiPoint', () => {
    expect(sanitizeGeometry({ type: 'GeometryCollection', geometries: [{ type: 'LineString', coordinates: [[0, 0], [1, 1]] }, { type: 'LineString', coordinates: [[2, 2], [3, 3]] }] }).geometry).toEqual({
      type: 'MultiLineString',
      coordinates: [[[0, 0], [1, 1]], [[2, 2], [3, 3]]],
    });
    expect(sanitizeGeometry({ type: 'GeometryCollection', geometries: [{ type: 'Point', coordinates: [0, 0] }, { type: 'MultiPoint', coordinates: [[1, 1]] }] }).geometry).toEqual({
      type: 'MultiPoint',
      coordinates: [[0, 0], [1, 1]],
    });
  });

  it('keeps a mixed collection as it is', () => {
    const mixed = { type: 'GeometryCollection', geometries: [{ type: 'Point', coordinates: [0, 0] }, { type: 'Polygon', coordinates: square(0) }] };
    expect(sanitizeGeometry(mixed).geometry).toEqual(mixed);
  });
});
