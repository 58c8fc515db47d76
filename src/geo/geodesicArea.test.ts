import type { MultiPolygon, Polygon, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { geodesicArea } from './geodesicArea.ts';
import { GeometryError } from './GeometryError.ts';
import {
  circumradius,
  geodesicStar,
  referencePolygonArea,
  referenceRingArea,
  seededRandom,
} from './testing/geographiclibReference.ts';

const polygon = (...rings: Position[][]): Polygon => ({ type: 'Polygon', coordinates: rings });
const relativeError = (value: number, reference: number): number => Math.abs(value / reference - 1);

describe('geodesicArea against GeographicLib', { timeout: 60_000 }, () => {
  // Every case below is computed by GeographicLib's PolygonArea in the test itself.
  const latitudes = [0, 15, 30, 36.2, 45, 60];

  it('30 m squares at 0–60° are within 1e-6 (GeographicLib itself is only good to ~4e-8 here)', () => {
    let worst = 0;
    for (const lat of latitudes) {
      for (const rotation of [0, 10, 33, 45]) {
        const ring = geodesicStar(112.5, lat, circumradius(30, 4), 4, rotation);
        const ours = geodesicArea(polygon(ring));
        expect(ours).toBeGreaterThan(899.99);
        expect(ours).toBeLessThan(900.01);
        worst = Math.max(worst, relativeError(ours, referenceRingArea(ring)));
      }
    }
    expect(worst).toBeLessThanOrEqual(1e-6);
  });

  it('squares, triangles and stars from 300 m to 1,000 km edges are within 1e-6', () => {
    const random = seededRandom(20251122);
    const edges = [300, 3_000, 10_000, 30_000, 60_000, 100_000, 300_000, 1_000_000];
    let worst = 0;
    for (const edge of edges) {
      for (let k = 0; k < 24; k++) {
        const lat = random() * 60;
        const lon = 75 + random() * 60;
        const corners = 3 + (k % 4);
        // A quarter of the cases are thin stars: the area is small against the edge length,
        // which is where an edge formula's error shows most.
        const squash = k % 4 === 0 ? 0.2 : 1;
        const ring = geodesicStar(lon, lat, circumradius(edge, corners), corners, random() * 360, squash);
        worst = Math.max(worst, relativeError(geodesicArea(polygon(ring)), referenceRingArea(ring)));
      }
    }
    expect(worst).toBeLessThanOrEqual(1e-6);
  });

  it('a 1,000 km equilateral triangle straddling the equator and one at 60° N are within 1e-6', () => {
    for (const lat of [0, 60]) {
      const ring = geodesicStar(110, lat, circumradius(1_000_000, 3), 3, 17);
      expect(relativeError(geodesicArea(polygon(ring)), referenceRingArea(ring))).toBeLessThanOrEqual(1e-6);
    }
  });

  it('an irregular county-sized ring of 2,000 vertices is within 1e-7', () => {
    const random = seededRandom(7);
    const ring: Position[] = [];
    for (let k = 0; k < 2000; k++) {
      const a = (2 * Math.PI * k) / 2000;
      const r = 0.25 * (1 + 0.3 * Math.sin(5 * a) + 0.05 * random());
      ring.push([112.9 + r * Math.cos(a) * 1.25, 36.2 + r * Math.sin(a)]);
    }
    ring.push(ring[0]);
    expect(relativeError(geodesicArea(polygon(ring)), referenceRingArea(ring))).toBeLessThanOrEqual(1e-7);
  });

  it('subtracts holes and adds MultiPolygon parts', () => {
    const outer = geodesicStar(113, 36, 5_000, 40);
    const hole = geodesicStar(113, 36, 2_000, 12).reverse();
    const island = geodesicStar(113.3, 36.1, 1_000, 8);
    const withHole = geodesicArea(polygon(outer, hole));
    expect(relativeError(withHole, referencePolygonArea([outer, hole]))).toBeLessThanOrEqual(1e-7);
    const multi: MultiPolygon = { type: 'MultiPolygon', coordinates: [[outer, hole], [island]] };
    const expected = referencePolygonArea([outer, hole]) + referenceRingArea(island);
    expect(relativeError(geodesicArea(multi), expected)).toBeLessThanOrEqual(1e-7);
  });

  it('does not depend on ring orientation or starting vertex', () => {
    const ring = geodesicStar(112.7, 36.4, 1_500, 9, 5, 0.6);
    const reversed = [...ring].reverse();
    const rotated = [...ring.slice(3, -1), ...ring.slice(0, 4)];
    const a = geodesicArea(polygon(ring));
    expect(relativeError(geodesicArea(polygon(reversed)), a)).toBeLessThan(1e-12);
    expect(relativeError(geodesicArea(polygon(rotated)), a)).toBeLessThan(1e-12);
  });

  it('gives the same area for a ring with repeated vertices', () => {
    const ring = geodesicStar(112.7, 36.4, 1_500, 9);
    const repeated = ring.flatMap((p, i) => (i % 3 === 0 ? [p, p] : [p]));
    expect(geodesicArea(polygon(repeated))).toBe(geodesicArea(polygon(ring)));
  });
});

describe('geodesicArea refuses invalid geometry', { timeout: 60_000 }, () => {
  const square: Position[] = [
    [113, 36],
    [113.01, 36],
    [113.01, 36.01],
    [113, 36.01],
    [113, 36],
  ];

  const codeOf = (geometry: unknown): string | undefined => {
    try {
      geodesicArea(geometry as Polygon);
    } catch (error) {
      expect(error).toBeInstanceOf(GeometryError);
      return (error as GeometryError).issues[0]?.code;
    }
    return undefined;
  };

  it('accepts the valid square', () => {
    expect(codeOf(polygon(square))).toBeUndefined();
  });

  it('reports a bow-tie as self-intersection', () => {
    const bowTie = [square[0], square[2], square[1], square[3], square[0]];
    expect(codeOf(polygon(bowTie))).toBe('self-intersection');
  });

  it('reports an unclosed ring, NaN, out-of-range and too few points', () => {
    expect(codeOf(polygon(square.slice(0, 4)))).toBe('unclosed-ring');
    expect(codeOf(polygon([square[0], [Number.NaN, 36], ...square.slice(2)]))).toBe('non-finite-coordinate');
    expect(codeOf(polygon([[500000, 4000000], ...square.slice(1, 4), [500000, 4000000]]))).toBe(
      'out-of-range-coordinate',
    );
    expect(codeOf(polygon([square[0], square[1], square[0]]))).toBe('too-few-points');
  });

  it('refuses a mutated geometry even after it was measured clean once', () => {
    const ring = square.map((p) => [...p]);
    const geometry = polygon(ring);
    expect(geodesicArea(geometry)).toBeGreaterThan(0);
    // Swap two vertices in place: now a bow-tie.
    [ring[1], ring[2]] = [ring[2], ring[1]];
    expect(codeOf(geometry)).toBe('self-intersection');
  });

  it('refuses a LineString', () => {
    expect(codeOf({ type: 'LineString', coordinates: square })).toBe('unsupported-geometry');
  });
});
