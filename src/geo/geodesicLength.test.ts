import type { LineString, MultiLineString, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { geodesicLength } from './geodesicLength.ts';
import { geodesicPerimeter } from './geodesicPerimeter.ts';
import { GeometryError } from './GeometryError.ts';
import { geodesicStar, referenceLineLength, seededRandom } from './testing/geographiclibReference.ts';
import { wgs84 } from './geographiclib.ts';

describe('geodesicLength against GeographicLib', () => {
  it('is within 2e-8 for segments from 10 m to 500 km in every direction at 0–60°', () => {
    const random = seededRandom(42);
    let worst = 0;
    for (const length of [10, 100, 1_000, 1_999, 2_001, 10_000, 100_000, 500_000]) {
      for (let k = 0; k < 40; k++) {
        const lat = random() * 60;
        const end = wgs84.Direct(lat, 112, random() * 360, length);
        const line: LineString = { type: 'LineString', coordinates: [[112, lat], [end.lon2 as number, end.lat2 as number]] };
        worst = Math.max(worst, Math.abs(geodesicLength(line) / length - 1));
      }
    }
    expect(worst).toBeLessThanOrEqual(2e-8);
  });

  it('sums a winding river-like line and the lines of a MultiLineString', () => {
    const random = seededRandom(3);
    const line: Position[] = [[112.5, 36.1]];
    for (let i = 0; i < 300; i++) {
      const [lon, lat] = line[line.length - 1];
      line.push([lon + 0.004 * random(), lat + 0.004 * (random() - 0.4)]);
    }
    const reference = referenceLineLength(line);
    expect(Math.abs(geodesicLength({ type: 'LineString', coordinates: line }) / reference - 1)).toBeLessThan(2e-8);
    const multi: MultiLineString = { type: 'MultiLineString', coordinates: [line.slice(0, 100), line.slice(99)] };
    expect(Math.abs(geodesicLength(multi) / reference - 1)).toBeLessThan(2e-8);
  });

  it('refuses a line with one point or a NaN', () => {
    expect(() => geodesicLength({ type: 'LineString', coordinates: [[112, 36]] })).toThrow(GeometryError);
    expect(() => geodesicLength({ type: 'LineString', coordinates: [[112, 36], [Number.NaN, 36]] })).toThrow(GeometryError);
  });
});

describe('geodesicPerimeter', () => {
  it('adds the length of every ring, holes included', () => {
    const outer = geodesicStar(113, 36, 3_000, 30);
    const hole = geodesicStar(113, 36, 1_000, 10).reverse();
    const expected = referenceLineLength(outer) + referenceLineLength(hole);
    const perimeter = geodesicPerimeter({ type: 'Polygon', coordinates: [outer, hole] });
    expect(Math.abs(perimeter / expected - 1)).toBeLessThan(2e-8);
  });
});
