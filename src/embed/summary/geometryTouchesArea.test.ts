import type { Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { geometryTouchesArea } from './geometryTouchesArea.ts';

const square = (w: number, s: number, e: number, n: number): Position[] => [[w, s], [e, s], [e, n], [w, n], [w, s]];
const county = [[square(113, 36, 113.2, 36.2)]];

describe('geometryTouchesArea', () => {
  it('places points inside, on the boundary and outside', () => {
    expect(geometryTouchesArea({ type: 'Point', coordinates: [113.1, 36.1] }, county)).toBe(true);
    expect(geometryTouchesArea({ type: 'Point', coordinates: [113.2, 36.1] }, county)).toBe(true);
    expect(geometryTouchesArea({ type: 'Point', coordinates: [113.3, 36.1] }, county)).toBe(false);
    expect(geometryTouchesArea({ type: 'MultiPoint', coordinates: [[114, 36], [113.1, 36.1]] }, county)).toBe(true);
  });

  it('finds a line or polygon crossing the area with no vertex inside it', () => {
    expect(geometryTouchesArea({ type: 'LineString', coordinates: [[112.9, 36.1], [113.3, 36.1]] }, county)).toBe(true);
    const band = square(112.9, 36.05, 113.3, 36.15);
    expect(geometryTouchesArea({ type: 'Polygon', coordinates: [band] }, county)).toBe(true);
    expect(geometryTouchesArea({ type: 'LineString', coordinates: [[112.9, 36.3], [113.3, 36.3]] }, county)).toBe(false);
  });

  it('counts a polygon that holds the whole area, but not one whose hole holds it', () => {
    const big = square(112, 35, 114, 37);
    expect(geometryTouchesArea({ type: 'Polygon', coordinates: [big] }, county)).toBe(true);
    expect(geometryTouchesArea({ type: 'Polygon', coordinates: [big, square(112.5, 35.5, 113.5, 36.5).reverse()] }, county)).toBe(false);
    expect(geometryTouchesArea({ type: 'MultiPolygon', coordinates: [[square(114, 36, 114.1, 36.1)]] }, county)).toBe(false);
    expect(geometryTouchesArea(null, county)).toBe(false);
  });
});
