import type { Position } from 'geojson';
import { orient } from './orient.ts';

/**
 * Where (x, y) lies relative to a closed ring: 1 inside, -1 outside, 0 on its boundary.
 * Crossing number along a ray to +x, with exact orientation so boundary points are never
 * misclassified. The ring may or may not repeat its first position at the end.
 */
export function pointInRing(x: number, y: number, ring: Position[]): 1 | 0 | -1 {
  let inside = false;
  const n = ring.length;
  for (let i = 0, j = n - 1; i < n; j = i++) {
    const ax = ring[j][0];
    const ay = ring[j][1];
    const bx = ring[i][0];
    const by = ring[i][1];
    if (bx === x && by === y) return 0;
    if (ay === y && by === y) {
      if ((ax <= x && x <= bx) || (bx <= x && x <= ax)) return 0;
      continue;
    }
    if (ay > y !== by > y) {
      const o = orient(ax, ay, bx, by, x, y);
      if (o === 0) return 0;
      if (o > 0 === by > ay) inside = !inside;
    }
  }
  return inside ? 1 : -1;
}
