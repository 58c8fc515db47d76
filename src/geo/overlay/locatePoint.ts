import type Flatbush from 'flatbush';
import { orient } from '../orient.ts';
import type { PreparedPolygon } from './preparedPolygon.ts';

/**
 * Where (x, y) lies relative to a prepared polygon: 1 inside, 0 on its boundary, -1 outside.
 * Crossing number along a ray to +x with exact orientation tests. With an edge index only the
 * edges the ray can meet are looked at; without, all edges.
 */
export function locatePoint(p: PreparedPolygon, x: number, y: number, index?: Flatbush): 1 | 0 | -1 {
  if (x < p.minX || x > p.maxX || y < p.minY || y > p.maxY) return -1;
  let inside = false;
  const visit = (v: number): boolean => {
    const w = p.next[v];
    const ax = p.xs[v];
    const ay = p.ys[v];
    const bx = p.xs[w];
    const by = p.ys[w];
    if ((ax === x && ay === y) || (bx === x && by === y)) return true;
    if (ay === y && by === y) return (ax <= x && x <= bx) || (bx <= x && x <= ax);
    if (ay > y !== by > y) {
      const o = orient(ax, ay, bx, by, x, y);
      if (o === 0) return true;
      if (o > 0 === by > ay) inside = !inside;
    }
    return false;
  };
  if (index) {
    for (const v of index.search(x, y, p.maxX, y)) if (visit(v)) return 0;
  } else {
    for (let v = 0; v < p.vertexCount; v++) if (visit(v)) return 0;
  }
  return inside ? 1 : -1;
}

/**
 * Where (x, y), translated by `shift`·ε·(1, δ) (0 < ε ≪ δ ≪ 1, see `findPairCrossings`), lies
 * relative to p: 1 inside or -1 outside, never on the boundary. Points exactly on an edge or a
 * vertex are thus placed consistently with the crossings of the same overlay.
 */
export function locateShifted(p: PreparedPolygon, x: number, y: number, shift: 1 | -1, index?: Flatbush | null): 1 | -1 {
  if (x < p.minX || x > p.maxX || y < p.minY || y > p.maxY) return -1;
  let inside = false;
  // The point is at y + shift·εδ: a vertex at exactly y is above it when shift < 0.
  const above = (vy: number): boolean => vy > y || (vy === y && shift < 0);
  const visit = (v: number): void => {
    const w = p.next[v];
    const ay = p.ys[v];
    const by = p.ys[w];
    const aAbove = above(ay);
    if (aAbove === above(by)) return;
    const ax = p.xs[v];
    const bx = p.xs[w];
    let o = orient(ax, ay, bx, by, x, y);
    // On the edge's line: the sign of the first-order term shift·cross(b − a, (1, δ)), by ≠ ay.
    if (o === 0) o = by > ay ? -shift : shift;
    if (o > 0 === by > ay) inside = !inside;
  };
  if (index) {
    for (const v of index.search(x, y, p.maxX, y)) visit(v);
  } else {
    for (let v = 0; v < p.vertexCount; v++) visit(v);
  }
  return inside ? 1 : -1;
}
