/**
 * Test helpers: GeographicLib's exact polygon area (the reference the accuracy bounds are
 * stated against) and polygons built with exact geodesic directions and distances.
 */
import type { Position } from 'geojson';
import { wgs84 } from '../geographiclib.ts';

/** |area| of one ring with geodesic edges, m², by GeographicLib's PolygonArea. */
export function referenceRingArea(ring: Position[]): number {
  const polygon = wgs84.Polygon(false);
  for (let i = 0; i < ring.length - 1; i++) polygon.AddPoint(ring[i][1], ring[i][0]);
  return Math.abs(polygon.Compute(false, true).area ?? Number.NaN);
}

/** GeographicLib area of a polygon: |outer| − Σ|holes|. */
export function referencePolygonArea(rings: Position[][]): number {
  return rings.reduce((sum, ring, i) => sum + (i === 0 ? 1 : -1) * referenceRingArea(ring), 0);
}

/** Geodesic length of a line, m, by GeographicLib's Inverse. */
export function referenceLineLength(line: Position[]): number {
  let sum = 0;
  for (let i = 1; i < line.length; i++) {
    sum += wgs84.Inverse(line[i - 1][1], line[i - 1][0], line[i][1], line[i][0]).s12 ?? Number.NaN;
  }
  return sum;
}

/**
 * A closed ring of `corners` vertices around (lon, lat): vertex k at geodesic distance
 * radius·(k odd ? squash : 1) and azimuth rotation + 360·k/corners. squash < 1 makes a star.
 * Counter-clockwise.
 */
export function geodesicStar(
  lon: number,
  lat: number,
  radius: number,
  corners: number,
  rotation = 0,
  squash = 1,
): Position[] {
  const ring: Position[] = [];
  for (let k = corners - 1; k >= 0; k--) {
    const r = wgs84.Direct(lat, lon, rotation + (360 * k) / corners, radius * (k % 2 === 1 ? squash : 1));
    ring.push([r.lon2 as number, r.lat2 as number]);
  }
  ring.push(ring[0]);
  return ring;
}

/** Radius of a regular polygon with `corners` vertices and edge length `edge`. */
export function circumradius(edge: number, corners: number): number {
  return edge / (2 * Math.sin(Math.PI / corners));
}

/** Deterministic pseudo-random numbers in [0, 1) (Park–Miller). */
export function seededRandom(seed: number): () => number {
  let state = seed % 2147483647 || 1;
  return () => {
    state = (state * 16807) % 2147483647;
    return (state - 1) / 2147483646;
  };
}

/**
 * turf and polygon-clipping drop vertices lying on a straight lon/lat line between their
 * neighbours. With geodesic edges that changes the area, so references put them back: every
 * source position exactly on an edge of `ring` (naive, for small test inputs).
 */
export function withCollinear(ring: Position[], sources: Position[]): Position[] {
  const out: Position[] = [];
  for (let i = 0; i + 1 < ring.length; i++) {
    const [px, py] = ring[i];
    const [qx, qy] = ring[i + 1];
    out.push(ring[i]);
    const onEdge = sources
      .filter(([x, y]) => (qx - px) * (y - py) - (qy - py) * (x - px) === 0)
      .map(([x, y]) => [((x - px) * (qx - px) + (y - py) * (qy - py)) / ((qx - px) ** 2 + (qy - py) ** 2), x, y])
      .filter(([t]) => t > 0 && t < 1)
      .sort((a, b) => a[0] - b[0]);
    for (const [, x, y] of onEdge) if (out[out.length - 1][0] !== x || out[out.length - 1][1] !== y) out.push([x, y]);
  }
  out.push(ring[ring.length - 1]);
  return out;
}
