/**
 * Douglas–Peucker line simplification on lon/lat with the longitude scaled by cos(latitude), so
 * that the tolerance is (nearly) isotropic in metres. Endpoints are always kept.
 */
import type { Position } from 'geojson';

const METRES_PER_DEGREE = 111_320;

export function simplifyLine(points: Position[], toleranceMetres: number): Position[] {
  if (points.length <= 2) return points.slice();
  const midLat = points.reduce((s, p) => s + p[1], 0) / points.length;
  const kx = Math.cos((midLat * Math.PI) / 180) * METRES_PER_DEGREE;
  const ky = METRES_PER_DEGREE;
  const xy = points.map((p) => [p[0] * kx, p[1] * ky]);
  const keep = new Uint8Array(points.length);
  keep[0] = 1;
  keep[points.length - 1] = 1;
  const tol2 = toleranceMetres * toleranceMetres;
  const stack: [number, number][] = [[0, points.length - 1]];
  while (stack.length) {
    const [first, last] = stack.pop()!;
    const [ax, ay] = xy[first];
    const [bx, by] = xy[last];
    const dx = bx - ax;
    const dy = by - ay;
    const len2 = dx * dx + dy * dy;
    let maxD = -1;
    let index = -1;
    for (let i = first + 1; i < last; i++) {
      const [px, py] = xy[i];
      let t = len2 > 0 ? ((px - ax) * dx + (py - ay) * dy) / len2 : 0;
      t = Math.max(0, Math.min(1, t));
      const ex = ax + t * dx - px;
      const ey = ay + t * dy - py;
      const d = ex * ex + ey * ey;
      if (d > maxD) {
        maxD = d;
        index = i;
      }
    }
    if (maxD > tol2) {
      keep[index] = 1;
      stack.push([first, index], [index, last]);
    }
  }
  return points.filter((_, i) => keep[i]);
}
