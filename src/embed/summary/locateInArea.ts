import type { Position } from 'geojson';
import { pointInRing } from '../../geo/pointInRing.ts';

/**
 * Where (x, y) lies relative to an area given as MultiPolygon coordinates: 1 inside, 0 on a
 * boundary, -1 outside. Holes count as outside; a point on a hole's ring is on the boundary.
 */
export function locateInArea(x: number, y: number, area: Position[][][]): 1 | 0 | -1 {
  for (const polygon of area) {
    const outer = pointInRing(x, y, polygon[0]);
    if (outer === -1) continue;
    if (outer === 0) return 0;
    let inHole: 1 | 0 | -1 = -1;
    for (let h = 1; h < polygon.length && inHole === -1; h++) inHole = pointInRing(x, y, polygon[h]);
    if (inHole === 0) return 0;
    if (inHole === -1) return 1;
  }
  return -1;
}
