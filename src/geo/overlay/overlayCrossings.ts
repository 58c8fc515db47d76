import type Flatbush from 'flatbush';
import { DEG_TO_RAD, sinAuthalic } from '../ellipsoid.ts';
import { orient } from '../orient.ts';
import { edgeCrossing, geodesicOffset } from './crossingPoint.ts';
import type { PreparedPolygon } from './preparedPolygon.ts';

/**
 * Where boundaries meet, in the form the boundary integral needs (`coveredArea`).
 *
 * Exact boundaries of real data touch all the time: zones cut at county borders share their edges
 * and vertices, a parcel's corner sits on its neighbour's edge. Such contacts are resolved by
 * symbolic perturbation (simulation of simplicity): polygon k of an overlay is thought translated
 * by ε_k·(1, δ), with 1 ≫ δ ≫ ε_0 ≫ ε_1 ≫ … > 0 infinitesimal. Every orientation test then has a
 * non-zero sign (a zero is replaced by the sign of its first-order term, which only depends on
 * an edge's direction), so boundaries either cross properly or not at all, and the area of the
 * overlay is the limit ε → 0 of a generic configuration's. The effect is the standard rule of
 * boolean overlays: edge pieces shared in the same direction count once, in opposite directions
 * not at all, and a touch at a vertex is not a crossing.
 *
 * Crossings are placed at their limit: a vertex where a vertex caused the contact, else where the
 * straight lon/lat chord of one edge meets the geodesic of the other (see `edgeCrossing`).
 * Vertices of one polygon lying exactly on an edge of the other are inserted into that edge
 * ("splits"), as GEOS and polygon-clipping node their inputs: a shared stretch then has the same
 * vertices on both sides and the same geodesic area term whichever side it is counted on.
 */

export interface OverlayPoint {
  x: number;
  y: number;
  sinPhi: number;
  yAuth: number;
}

/** A point where one polygon's ring enters or leaves another polygon. */
export interface RingEvent {
  /** Edge (its start vertex) and parameter along it, in [0, 1): a vertex is (its edge, 0). */
  edge: number;
  t: number;
  /** The other polygon's id in the overlay. */
  other: number;
  /** +1 where this ring enters `other`, -1 where it leaves. */
  delta: number;
  point: OverlayPoint;
}

/** A vertex of another polygon lying inside an edge (at parameter t in (0, 1)). */
export interface SplitPoint extends OverlayPoint {
  t: number;
}

/** One polygon taking part in an overlay, with what was found on its boundary so far. */
export interface OverlaySide {
  polygon: PreparedPolygon;
  /** Order of its perturbation: a lower id is translated further. */
  id: number;
  events: RingEvent[];
  /** Split points per edge, sorted by t; null while there are none. */
  splits: Map<number, SplitPoint[]> | null;
}

export function overlaySide(polygon: PreparedPolygon, id: number): OverlaySide {
  return { polygon, id, events: [], splits: null };
}

/** A crossing found by `findPairCrossings`, before its point is placed. */
interface RawCrossing {
  edgeA: number;
  tA: number;
  edgeB: number;
  tB: number;
  /** 0 proper crossing, else the vertex it lies at: 1 p, 2 q (A's), 3 u, 4 v (B's). */
  at: number;
  aEntersB: boolean;
  bEntersA: boolean;
}

const raw: RawCrossing[] = [];
const scratchPoint = new Float64Array(2);

/**
 * Sign of the first-order term of orient(p, p + d, c + ε·(1, δ)) for c exactly on the line: that
 * is the sign of cross(d, (1, δ)) = d.x·δ − d.y.
 */
function shiftedPointSide(dx: number, dy: number): number {
  if (dy !== 0) return dy > 0 ? -1 : 1;
  return dx > 0 ? 1 : -1;
}

/** Above this many edge pairs to look at, A's edges query B's index instead of a double loop. */
const DIRECT_PAIRS = 4096;

/**
 * Where a proper crossing is placed: on A's geodesic edge where B's chord meets it, on B's
 * geodesic where A's chord meets it (see `edgeCrossing`), or where the two chords cross (as
 * polygon-clipping and GEOS do; for unions of zones, whose area is then the geodesic area of
 * the polygon they would build).
 */
export type CrossingPlacement = 'geodesic A' | 'geodesic B' | 'chords';

/**
 * Finds where A's edges cross B's edges `bEdges`, with B translated further than A (B's id is
 * lower), and records on both sides the events and the split points. With `bIndex` (over all of
 * B's edges), large inputs look up B's edges near each of A's instead of testing every pair.
 */
export function findPairCrossings(
  a: OverlaySide,
  b: OverlaySide,
  bEdges: ArrayLike<number>,
  placement: CrossingPlacement,
  bIndex: Flatbush | null = null,
): void {
  const pa = a.polygon;
  const pb = b.polygon;
  raw.length = 0;
  splitsFound = false;
  if (bIndex && bEdges.length * pa.vertexCount > DIRECT_PAIRS) {
    const { xs, ys, next } = pa;
    for (let p = 0; p < pa.vertexCount; p++) {
      const q = next[p];
      const x1 = xs[p];
      const x2 = xs[q];
      const y1 = ys[p];
      const y2 = ys[q];
      const found = bIndex.search(x1 < x2 ? x1 : x2, y1 < y2 ? y1 : y2, x1 < x2 ? x2 : x1, y1 < y2 ? y2 : y1);
      for (let k = 0; k < found.length; k++) testEdges(a, b, p, found[k]);
    }
  } else {
    for (let k = 0; k < bEdges.length; k++) {
      const u = bEdges[k];
      const v = pb.next[u];
      const minX = Math.min(pb.xs[u], pb.xs[v]);
      const maxX = Math.max(pb.xs[u], pb.xs[v]);
      const minY = Math.min(pb.ys[u], pb.ys[v]);
      const maxY = Math.max(pb.ys[u], pb.ys[v]);
      const { xs, ys, next } = pa;
      for (let p = 0; p < pa.vertexCount; p++) {
        const q = next[p];
        const px = xs[p];
        const py = ys[p];
        const qx = xs[q];
        const qy = ys[q];
        if ((px < minX && qx < minX) || (px > maxX && qx > maxX) || (py < minY && qy < minY) || (py > maxY && qy > maxY)) {
          continue;
        }
        testEdges(a, b, p, u);
      }
    }
  }
  if (splitsFound) {
    sortSplits(a);
    sortSplits(b);
  }
  const nextA = pa.next;
  for (const c of raw) {
    let point: OverlayPoint;
    switch (c.at) {
      case 1:
        point = vertexPoint(pa, c.edgeA);
        break;
      case 2:
        point = vertexPoint(pa, nextA[c.edgeA]);
        break;
      case 3:
        point = vertexPoint(pb, c.edgeB);
        break;
      case 4:
        point = vertexPoint(pb, pb.next[c.edgeB]);
        break;
      default:
        if (placement === 'geodesic A') point = placeCrossing(a, c.edgeA, c.tA, pb, c.edgeB);
        else if (placement === 'geodesic B') point = placeCrossing(b, c.edgeB, c.tB, pa, c.edgeA);
        else {
          const q = nextA[c.edgeA];
          point = makePoint(pa.xs[c.edgeA] + c.tA * (pa.xs[q] - pa.xs[c.edgeA]), pa.ys[c.edgeA] + c.tA * (pa.ys[q] - pa.ys[c.edgeA]));
        }
    }
    pushEvent(a, c.edgeA, c.tA, b.id, c.aEntersB ? 1 : -1, point);
    pushEvent(b, c.edgeB, c.tB, a.id, c.bEntersA ? 1 : -1, point);
  }
  raw.length = 0;
}

let splitsFound = false;

/** Tests A's edge p→q against B's edge u→v (boxes known to meet); records what it finds. */
function testEdges(a: OverlaySide, b: OverlaySide, p: number, u: number): void {
  const pa = a.polygon;
  const pb = b.polygon;
  const q = pa.next[p];
  const v = pb.next[u];
  const px = pa.xs[p];
  const py = pa.ys[p];
  const qx = pa.xs[q];
  const qy = pa.ys[q];
  const ux = pb.xs[u];
  const uy = pb.ys[u];
  const vx = pb.xs[v];
  const vy = pb.ys[v];
  let o1 = orient(px, py, qx, qy, ux, uy);
  let o2 = orient(px, py, qx, qy, vx, vy);
  if ((o1 > 0 && o2 > 0) || (o1 < 0 && o2 < 0)) return;
  let o3 = orient(ux, uy, vx, vy, px, py);
  let o4 = orient(ux, uy, vx, vy, qx, qy);
  if ((o3 > 0 && o4 > 0) || (o3 < 0 && o4 < 0)) return;
  let at = 0;
  if (o1 === 0 || o2 === 0 || o3 === 0 || o4 === 0) {
    // A contact: insert vertices lying inside the other's edge, then decide by perturbation.
    if (o1 === 0 && addSplit(a, p, px, py, qx, qy, ux, uy)) splitsFound = true;
    if (o2 === 0 && addSplit(a, p, px, py, qx, qy, vx, vy)) splitsFound = true;
    if (o3 === 0 && addSplit(b, u, ux, uy, vx, vy, px, py)) splitsFound = true;
    if (o4 === 0 && addSplit(b, u, ux, uy, vx, vy, qx, qy)) splitsFound = true;
    at = o3 === 0 ? 1 : o4 === 0 ? 2 : o1 === 0 ? 3 : 4;
    // B's vertices move by +ε(1, δ) against A's line; A's vertices by −ε(1, δ) against B's.
    const sideOfB = shiftedPointSide(qx - px, qy - py);
    const sideOfA = -shiftedPointSide(vx - ux, vy - uy);
    if (o1 === 0) o1 = sideOfB;
    if (o2 === 0) o2 = sideOfB;
    if (o3 === 0) o3 = sideOfA;
    if (o4 === 0) o4 = sideOfA;
    if (o1 > 0 === o2 > 0 || o3 > 0 === o4 > 0) return;
  }
  // B's interior lies left of its edge when its ring sign is +1: A enters B where p lies right.
  raw.push({
    edgeA: p,
    tA: at === 0 ? o3 / (o3 - o4) : at === 1 ? 0 : at === 2 ? 1 : along(px, py, qx, qy, at === 3 ? ux : vx, at === 3 ? uy : vy),
    edgeB: u,
    tB: at === 0 ? o1 / (o1 - o2) : at === 3 ? 0 : at === 4 ? 1 : along(ux, uy, vx, vy, at === 1 ? px : qx, at === 1 ? py : qy),
    at,
    aEntersB: o3 < 0 === pb.ringSign[pb.ringOf[u]] > 0,
    bEntersA: o1 < 0 === pa.ringSign[pa.ringOf[p]] > 0,
  });
}

/** Parameter of (x, y), which lies on the line p→q, along p→q. */
function along(px: number, py: number, qx: number, qy: number, x: number, y: number): number {
  const dx = qx - px;
  const dy = qy - py;
  const t = ((x - px) * dx + (y - py) * dy) / (dx * dx + dy * dy);
  return t < 0 ? 0 : t > 1 ? 1 : t;
}

function pushEvent(side: OverlaySide, edge: number, t: number, other: number, delta: number, point: OverlayPoint): void {
  // A crossing at the end of an edge is at the start of the next: one name per place.
  if (t >= 1) side.events.push({ edge: side.polygon.next[edge], t: 0, other, delta, point });
  else side.events.push({ edge, t, other, delta, point });
}

export function vertexPoint(p: PreparedPolygon, v: number): OverlayPoint {
  return { x: p.xs[v], y: p.ys[v], sinPhi: p.sinPhi[v], yAuth: p.yAuth[v] };
}

export function makePoint(x: number, y: number): OverlayPoint {
  const sinPhi = Math.sin(y * DEG_TO_RAD);
  return { x, y, sinPhi, yAuth: sinAuthalic(sinPhi) };
}

/**
 * Records (x, y), known to lie on the line of edge e = p→q, as a split point of e if it lies
 * strictly inside the edge. True if recorded (or already known).
 */
function addSplit(side: OverlaySide, e: number, px: number, py: number, qx: number, qy: number, x: number, y: number): boolean {
  if ((x === px && y === py) || (x === qx && y === qy)) return false;
  const t = along(px, py, qx, qy, x, y);
  if (!(t > 0 && t < 1)) return false;
  side.splits ??= new Map();
  let list = side.splits.get(e);
  if (!list) side.splits.set(e, (list = []));
  for (const s of list) if (s.x === x && s.y === y) return true;
  list.push({ t, ...makePoint(x, y) });
  return true;
}

function sortSplits(side: OverlaySide): void {
  if (side.splits) for (const list of side.splits.values()) if (list.length > 1) list.sort((p, q) => p.t - q.t);
}

/**
 * The crossing of G's edge g (a geodesic) at chord parameter tG with C's edge c (a chord): on the
 * geodesic of the piece of g between its split points around tG.
 */
function placeCrossing(g: OverlaySide, edge: number, tG: number, c: PreparedPolygon, chord: number): OverlayPoint {
  const p = g.polygon;
  const w = p.next[edge];
  let x1 = p.xs[edge];
  let y1 = p.ys[edge];
  let x2 = p.xs[w];
  let y2 = p.ys[w];
  let t = tG;
  const list = g.splits?.get(edge);
  if (list) {
    let t1 = 0;
    let t2 = 1;
    for (const s of list) {
      if (s.t <= tG) {
        t1 = s.t;
        x1 = s.x;
        y1 = s.y;
      } else {
        t2 = s.t;
        x2 = s.x;
        y2 = s.y;
        break;
      }
    }
    t = (tG - t1) / (t2 - t1);
  }
  const v = c.next[chord];
  edgeCrossing(x1, y1, x2, y2, c.xs[chord], c.ys[chord], c.xs[v], c.ys[v], t, scratchPoint);
  const x = scratchPoint[0];
  const y = scratchPoint[1];
  // Edges meeting at a tiny angle: where the bent geodesic meets the chord is ill-conditioned
  // (it may even miss it). Then keep the point on the geodesic at the chords' crossing, which is
  // off the chord by at most the bend.
  geodesicOffset(x1, y1, x2, y2, t, scratchPoint);
  const bend = Math.abs(scratchPoint[0]) + Math.abs(scratchPoint[1]);
  const cx = x1 + t * (x2 - x1);
  const cy = y1 + t * (y2 - y1);
  if (Math.abs(x - cx) + Math.abs(y - cy) > MAX_BEND_FACTOR * bend) return makePoint(cx + scratchPoint[0], cy + scratchPoint[1]);
  return makePoint(x, y);
}

/** A crossing placed further from the chords' crossing than this many bends is ill-conditioned. */
const MAX_BEND_FACTOR = 64;
