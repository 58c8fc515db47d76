import type { Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { wgs84 } from '../../geo/geographiclib.ts';
import { lengthInsideArea } from './lengthInsideArea.ts';

const geodesic = (a: Position, b: Position) => wgs84.Inverse(a[1], a[0], b[1], b[0]).s12 as number;
const square = (w: number, s: number, e: number, n: number): Position[] => [[w, s], [e, s], [e, n], [w, n], [w, s]];

describe('lengthInsideArea', () => {
  it('measures the part of a meridian line inside a square, to GeographicLib', () => {
    const line = [[113, 35.9], [113, 36.3]];
    const inside = lengthInsideArea(line, [[square(112.9, 36.0, 113.1, 36.2)]]);
    expect(Math.abs(inside / geodesic([113, 36.0], [113, 36.2]) - 1)).toBeLessThan(1e-8);
  });

  it('leaves out a hole and counts both parts of a square that is a MultiPolygon', () => {
    const line = [[112.8, 36.1], [113.6, 36.1]];
    const withHole = [square(112.9, 36.0, 113.1, 36.2), square(112.95, 36.05, 113.05, 36.15).reverse()];
    const second = [square(113.3, 36.0, 113.4, 36.2)];
    const expected = geodesic([112.9, 36.1], [112.95, 36.1]) + geodesic([113.05, 36.1], [113.1, 36.1]) + geodesic([113.3, 36.1], [113.4, 36.1]);
    expect(Math.abs(lengthInsideArea(line, [withHole, second]) / expected - 1)).toBeLessThan(1e-8);
  });

  it('cuts a many-vertex line at every crossing and gives 0 for a line outside', () => {
    // A zig-zag in and out of the square: the inside parts are exactly the vertical extents in it.
    const zigzag: Position[] = [];
    for (let i = 0; i <= 10; i++) zigzag.push([113 + i * 0.01, i % 2 === 0 ? 35.95 : 36.05]);
    const area = [[square(112.9, 36.0, 113.2, 36.2)]];
    let expected = 0;
    for (let i = 1; i <= 10; i++) {
      const x = 113 + (i - 0.5) * 0.01;
      expected += geodesic([x - 0.0025, 36.0], [x + 0.0025, 36.05]);
    }
    // Each rising or falling segment crosses lat 36.0 at its middle, so half of it lies inside.
    expect(Math.abs(lengthInsideArea(zigzag, area) / expected - 1)).toBeLessThan(1e-6);
    expect(lengthInsideArea([[114, 36], [114.1, 36.1]], area)).toBe(0);
  });
});
