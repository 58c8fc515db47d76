import type Flatbush from 'flatbush';
import { AUTHALIC_RADIUS_SQ, DEG_TO_RAD, sinAuthalic } from '../ellipsoid.ts';
import { edgeAreaTerm } from '../edgeAreaTerm.ts';
import { orient } from '../orient.ts';
import { edgeCrossing } from './crossingPoint.ts';
import { locatePoint } from './locatePoint.ts';
import { edgeTerm, type PreparedPolygon } from './preparedPolygon.ts';

/** Where the boundaries of A (the measured polygon) and B (the region) cross. */
interface Crossing {
  /** Edge of A (its start vertex) and parameter along it. */
  edgeA: number;
  tA: number;
  /** Edge of B and parameter along it. */
  edgeB: number;
  tB: number;
  /** The crossing point: on A's geodesic edge and on B's straight (lon/lat) edge. */
  x: number;
  y: number;
  sinPhi: number;
  yAuth: number;
  /** A's boundary enters B here (following A's edge direction). */
  aEntersB: boolean;
  /** B's boundary enters A here. */
  bEntersA: boolean;
}

const point = new Float64Array(2);

/**
 * Area in m² of A ∩ B for prepared polygons A and B (B with an index over its edges), or null when
 * the boundaries touch or overlap along a line (a vertex exactly on the other's edge, shared
 * edges), which the caller then hands to an exact general-purpose clipper.
 *
 * Boundary integral: the area of A ∩ B is the ∮ of the edge area terms over its boundary, which
 * consists of the parts of A's boundary inside B and the parts of B's boundary inside A. Only B's
 * edges near A (from the index) are looked at; B's boundary elsewhere cannot be inside A. Whether
 * a part is inside follows from the direction of each crossing (B's interior lies left of its
 * edges once oriented), and every sequence of crossings is checked to alternate in/out: anything
 * inconsistent also returns null rather than a doubtful number.
 */
export function overlapArea(a: PreparedPolygon, b: PreparedPolygon, bIndex: Flatbush): number | null {
  if (a.maxX < b.minX || a.minX > b.maxX || a.maxY < b.minY || a.minY > b.maxY) return 0;
  const near = bIndex.search(a.minX, a.minY, a.maxX, a.maxY);
  if (near.length === 0) {
    // No edge of B near A: A lies wholly inside or wholly outside B.
    return locatePoint(b, a.xs[0], a.ys[0], bIndex) === 1 ? a.area : 0;
  }
  const crossings = findCrossings(a, b, near);
  if (crossings === null) return null;
  const yRef = a.yAuth[0];
  let sum = 0;

  // A's boundary inside B.
  crossings.sort((p, q) => p.edgeA - q.edgeA || p.tA - q.tA);
  let c = 0;
  for (let r = 0; r < a.ringCount; r++) {
    const start = a.ringStart[r];
    const end = a.ringEnd[r];
    const first = c;
    while (c < crossings.length && crossings[c].edgeA < end) c++;
    if (c === first) {
      const where = locatePoint(b, a.xs[start], a.ys[start], bIndex);
      if (where === 0) return null;
      if (where === 1) sum += a.ringSign[r] * a.ringTerm[r];
      continue;
    }
    const ringCrossings = crossings.slice(first, c);
    const inside = insideStretches(ringCrossings, (k) => k.aEntersB);
    if (inside === null) return null;
    for (const [from, to] of inside) sum += a.ringSign[r] * pathTerm(a, r, from, to, from.edgeA, from.tA, to.edgeA, to.tA, yRef);
  }

  // B's boundary inside A: only B's edges near A, in runs of consecutive edges per ring.
  near.sort((p, q) => p - q);
  crossings.sort((p, q) => p.edgeB - q.edgeB || p.tB - q.tB);
  let n = 0;
  c = 0;
  while (n < near.length) {
    const r = b.ringOf[near[n]];
    const start = b.ringStart[r];
    const end = b.ringEnd[r];
    const firstNear = n;
    while (n < near.length && near[n] < end) n++;
    const firstCrossing = c;
    while (c < crossings.length && crossings[c].edgeB < end) c++;
    const ringCrossings = crossings.slice(firstCrossing, c);
    if (n - firstNear === end - start) {
      // The whole ring lies near A.
      if (ringCrossings.length === 0) {
        const where = locatePoint(a, b.xs[start], b.ys[start]);
        if (where === 0) return null;
        if (where === 1) sum += b.ringSign[r] * b.ringTerm[r];
        continue;
      }
      const inside = insideStretches(ringCrossings, (k) => k.bEntersA);
      if (inside === null) return null;
      for (const [from, to] of inside) sum += b.ringSign[r] * pathTerm(b, r, from, to, from.edgeB, from.tB, to.edgeB, to.tB, yRef);
      continue;
    }
    // Runs of consecutive near edges start and end at vertices outside A's box, hence outside A.
    // Rotate so that no run wraps around the ring's end.
    const ringNear = near.slice(firstNear, n);
    let split = 0;
    if (ringNear[0] === start && ringNear[ringNear.length - 1] === end - 1) {
      split = ringNear.length - 1;
      while (split > 0 && ringNear[split - 1] === ringNear[split] - 1) split--;
    }
    const order = split > 0 ? [...ringNear.slice(split), ...ringNear.slice(0, split)] : ringNear;
    const runOf = new Map<number, number>();
    let run = 0;
    for (let i = 0; i < order.length; i++) {
      if (i > 0 && order[i] !== (order[i - 1] + 1 === end ? start : order[i - 1] + 1)) run++;
      runOf.set(order[i], run);
    }
    // Crossings in run order: sort by position of their edge in `order`.
    const position = new Map<number, number>(order.map((e, i) => [e, i]));
    ringCrossings.sort((p, q) => (position.get(p.edgeB) as number) - (position.get(q.edgeB) as number) || p.tB - q.tB);
    for (let i = 0; i < ringCrossings.length; i++) {
      const k = ringCrossings[i];
      // Outside at each run's start: crossings must alternate, entering first, within one run.
      const entering = i % 2 === 0;
      if (k.bEntersA !== entering) return null;
      if (!entering) {
        const from = ringCrossings[i - 1];
        if (runOf.get(from.edgeB) !== runOf.get(k.edgeB)) return null;
        sum += b.ringSign[r] * pathTerm(b, r, from, k, from.edgeB, from.tB, k.edgeB, k.tB, yRef);
      }
    }
    if (ringCrossings.length % 2 !== 0) return null;
  }

  const area = -sum * AUTHALIC_RADIUS_SQ;
  const slack = 1e-9 * Math.max(a.area, 1);
  if (!(area > -slack && area < a.area + slack)) return null;
  return Math.min(Math.max(area, 0), a.area);
}

/** All proper crossings between A's edges and B's `near` edges; null on any touch or overlap. */
function findCrossings(a: PreparedPolygon, b: PreparedPolygon, near: number[]): Crossing[] | null {
  const crossings: Crossing[] = [];
  const { xs, ys } = a;
  for (const u of near) {
    const v = b.next[u];
    const ux = b.xs[u];
    const uy = b.ys[u];
    const vx = b.xs[v];
    const vy = b.ys[v];
    const minX = ux < vx ? ux : vx;
    const maxX = ux < vx ? vx : ux;
    const minY = uy < vy ? uy : vy;
    const maxY = uy < vy ? vy : uy;
    const bSign = b.ringSign[b.ringOf[u]];
    for (let p = 0; p < a.vertexCount; p++) {
      const q = a.next[p];
      const px = xs[p];
      const py = ys[p];
      const qx = xs[q];
      const qy = ys[q];
      if ((px < minX && qx < minX) || (px > maxX && qx > maxX) || (py < minY && qy < minY) || (py > maxY && qy > maxY)) {
        continue;
      }
      const o1 = orient(px, py, qx, qy, ux, uy);
      const o2 = orient(px, py, qx, qy, vx, vy);
      if ((o1 > 0 && o2 > 0) || (o1 < 0 && o2 < 0)) continue;
      const o3 = orient(ux, uy, vx, vy, px, py);
      const o4 = orient(ux, uy, vx, vy, qx, qy);
      if ((o3 > 0 && o4 > 0) || (o3 < 0 && o4 < 0)) continue;
      if (o1 === 0 || o2 === 0 || o3 === 0 || o4 === 0) return null;
      const tA = o3 / (o3 - o4);
      edgeCrossing(px, py, qx, qy, ux, uy, vx, vy, tA, point);
      const sinPhi = Math.sin(point[1] * DEG_TO_RAD);
      crossings.push({
        edgeA: p,
        tA,
        edgeB: u,
        tB: o1 / (o1 - o2),
        x: point[0],
        y: point[1],
        sinPhi,
        yAuth: sinAuthalic(sinPhi),
        aEntersB: o3 < 0 === bSign > 0,
        bEntersA: o1 < 0 === a.ringSign[a.ringOf[p]] > 0,
      });
    }
  }
  return crossings;
}

/**
 * Pairs (entry, exit) of consecutive crossings along a closed ring, given in ring order; null if
 * entries and exits do not alternate.
 */
function insideStretches(ringCrossings: Crossing[], enters: (k: Crossing) => boolean): Array<[Crossing, Crossing]> | null {
  const m = ringCrossings.length;
  if (m % 2 !== 0) return null;
  const stretches: Array<[Crossing, Crossing]> = [];
  for (let i = 0; i < m; i++) {
    const k = ringCrossings[i];
    const next = ringCrossings[(i + 1) % m];
    if (enters(k) === enters(next)) return null;
    if (enters(k)) stretches.push([k, next]);
  }
  return stretches;
}

/**
 * Σ edge area terms along ring `r` of polygon `p` from crossing `from` (on edge e1 at t1) forward
 * to crossing `to` (on edge e2 at t2).
 */
function pathTerm(
  p: PreparedPolygon,
  r: number,
  from: Crossing,
  to: Crossing,
  e1: number,
  t1: number,
  e2: number,
  t2: number,
  yRef: number,
): number {
  if (e1 === e2 && t1 < t2) {
    return edgeAreaTerm(from.x, from.y, from.sinPhi, from.yAuth, to.x, to.y, to.sinPhi, to.yAuth, yRef);
  }
  let v = p.next[e1];
  let sum = edgeAreaTerm(from.x, from.y, from.sinPhi, from.yAuth, p.xs[v], p.ys[v], p.sinPhi[v], p.yAuth[v], yRef);
  const guard = p.ringEnd[r] - p.ringStart[r];
  for (let steps = 0; v !== e2; steps++) {
    if (steps > guard) throw new Error('overlay walk did not close');
    const w = p.next[v];
    sum += edgeTerm(p, v, w, yRef);
    v = w;
  }
  return sum + edgeAreaTerm(p.xs[v], p.ys[v], p.sinPhi[v], p.yAuth[v], to.x, to.y, to.sinPhi, to.yAuth, yRef);
}
