import type Flatbush from 'flatbush';
import { AUTHALIC_RADIUS_SQ } from '../ellipsoid.ts';
import { edgeAreaTerm } from '../edgeAreaTerm.ts';
import { locateShifted } from './locatePoint.ts';
import {
  findPairCrossings,
  overlaySide,
  vertexPoint,
  type OverlayPoint,
  type OverlaySide,
  type RingEvent,
  type SplitPoint,
} from './overlayCrossings.ts';
import { edgeTerm, type PreparedPolygon } from './preparedPolygon.ts';
import { boundsOfPolygons } from './boundsOfPolygons.ts';

/**
 * Zones that overlap one another (of one kind), prepared once for every region they are measured
 * in: where their boundaries cross each other does not depend on the region.
 */
export interface ZoneGroup {
  zones: PreparedPolygon[];
  /** Per zone: events and split points from the other zones (ids 1 … k, region is 0). */
  sides: OverlaySide[];
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
  /** Area of the zones' union, m²; null if the boundary integral failed its checks. */
  area: number | null;
}

/** Finds where the zones' boundaries meet each other and measures their union. */
export function zoneGroup(zones: PreparedPolygon[]): ZoneGroup {
  const sides = zones.map((z, i) => overlaySide(z, i + 1));
  const { minX, minY, maxX, maxY } = boundsOfPolygons(zones);
  for (let i = 0; i < zones.length; i++) {
    for (let j = i + 1; j < zones.length; j++) {
      if (!boxesMeet(zones[i], zones[j])) continue;
      // Zone i has the lower id: it is translated further, and plays B. Where zones cross each
      // other the chords' crossing is taken: the union is then the polygon polygon-clipping or
      // GEOS would build from them, measured with geodesic edges.
      findPairCrossings(sides[j], sides[i], edgesNear(zones[i], zones[j]), 'chords');
    }
  }
  const group: ZoneGroup = { zones, sides, minX, minY, maxX, maxY, area: null };
  group.area = coveredArea(null, null, group);
  return group;
}

/**
 * Area in m² of region ∩ (zone₁ ∪ … ∪ zoneₖ), by a boundary integral: the area is the ∮ of the
 * edge area terms (see `edgeAreaTerm`) around its boundary, which is made of the pieces of each
 * zone's boundary inside the region and outside every other zone, and the pieces of the region's
 * boundary inside some zone. Boundaries are cut where they meet (`findPairCrossings`, contacts
 * resolved by symbolic perturbation); which side of each other polygon a piece lies on follows from
 * the direction of the crossings along the ring, so point-in-polygon tests are needed only for
 * rings that meet nothing. Only the region's edges near the zones are looked at. Without a region,
 * the area of the union.
 *
 * `zones` is one prepared polygon or a `zoneGroup`. Returns null when the crossings are not
 * consistent (entries and exits not alternating: only possible with input at the limits of
 * floating point), for the caller to measure another way. `geodesicRegion`: the region's edges
 * are the geodesics a crossing is placed on (default: the zones').
 */
export function coveredArea(
  region: PreparedPolygon | null,
  regionIndex: Flatbush | null,
  zones: PreparedPolygon | ZoneGroup,
  geodesicRegion = false,
): number | null {
  const group = 'sides' in zones ? zones : null;
  const zoneList = group ? group.zones : [zones as PreparedPolygon];
  const box = group ?? (zones as PreparedPolygon);
  const sides = group
    ? group.sides.map((s) => ({ polygon: s.polygon, id: s.id, events: s.events.slice(), splits: copySplits(s.splits) }))
    : [overlaySide(zones as PreparedPolygon, 1)];
  const single = zoneList.length === 1;
  const upper = single ? zoneList[0].area : (group?.area ?? Infinity);
  let regionSide: OverlaySide | null = null;
  let near: number[] = [];
  if (region) {
    if (!boxesMeet(region, box)) return 0;
    near = regionIndex ? regionIndex.search(box.minX, box.minY, box.maxX, box.maxY) : edgesNear(region, box);
    if (near.length === 0) {
      // No edge of the region near the zones: they lie wholly inside or wholly outside it.
      const z = zoneList[0];
      if (locateShifted(region, z.xs[0], z.ys[0], -1, regionIndex) < 0) return 0;
      return single ? z.area : group?.area ?? null;
    }
    regionSide = overlaySide(region, 0);
    for (const side of sides) {
      const z = side.polygon;
      if (!boxesMeet(region, z)) continue;
      const edges = single ? near : near.filter((e) => edgeMeetsBox(region, e, z));
      findPairCrossings(side, regionSide, edges, geodesicRegion ? 'geodesic B' : 'geodesic A', regionIndex);
    }
  }

  const k = zoneList.length;
  const walk = new RingWalk(k + 1);
  const yRef = zoneList[0].yAuth[0];
  let sum = 0;
  for (const side of sides) {
    const z = side.polygon;
    const self = side.id;
    side.events.sort(byPlace);
    let e = 0;
    for (let r = 0; r < z.ringCount; r++) {
      const end = z.ringEnd[r];
      const first = e;
      while (e < side.events.length && side.events[e].edge < end) e++;
      const ok = walk.begin(z, r, side.events, first, e, (other, x, y) => {
        // A zone's point, against a polygon translated further (lower id) or less (higher id).
        if (other === self) return 0;
        if (other === 0) return region && locateShifted(region, x, y, -1, regionIndex) > 0 ? 1 : 0;
        return locateShifted(zoneList[other - 1], x, y, other < self ? -1 : 1) > 0 ? 1 : 0;
      });
      if (!ok) return null;
      // Counted where inside the region (if any) and outside every other zone.
      const term = walk.sum(side, r, (state, inside) => (region === null || state[0] === 1) && inside === 0, yRef);
      if (term === null) return null;
      sum += z.ringSign[r] * term;
    }
  }
  if (region && regionSide) {
    const term = regionRings(region, regionSide, near, walk, zoneList, yRef);
    if (term === null) return null;
    sum += term;
  }
  const area = -sum * AUTHALIC_RADIUS_SQ;
  const limit = region ? Math.min(upper, region.area) : upper;
  const slack = 1e-9 * Math.max(Number.isFinite(limit) ? limit : 0, 1);
  if (!(area > -slack && area < limit + slack)) return null;
  return Math.min(Math.max(area, 0), limit);
}

/** The region's part of the boundary: its pieces inside some zone, ring by ring. */
function regionRings(
  region: PreparedPolygon,
  side: OverlaySide,
  near: number[],
  walk: RingWalk,
  zones: PreparedPolygon[],
  yRef: number,
): number | null {
  near.sort((p, q) => p - q);
  side.events.sort(byPlace);
  let sum = 0;
  let n = 0;
  let e = 0;
  while (n < near.length) {
    const r = region.ringOf[near[n]];
    const start = region.ringStart[r];
    const end = region.ringEnd[r];
    const firstNear = n;
    while (n < near.length && near[n] < end) n++;
    const first = e;
    while (e < side.events.length && side.events[e].edge < end) e++;
    const counted = (_: Int32Array, inside: number): boolean => inside > 0;
    if (n - firstNear === end - start) {
      // The whole ring is near the zones: like a zone's ring.
      const locate = (other: number, x: number, y: number): number => (other > 0 && locateShifted(zones[other - 1], x, y, 1) > 0 ? 1 : 0);
      if (!walk.begin(region, r, side.events, first, e, locate)) return null;
      const term = walk.sum(side, r, counted, yRef);
      if (term === null) return null;
      sum += region.ringSign[r] * term;
      continue;
    }
    if (e === first) continue;
    // Only part of the ring is near: start the walk at an edge that is not, which lies outside
    // every zone (its box misses them all), so that every piece in between is near.
    let outside = start;
    for (let i = firstNear; i < n && near[i] === outside; i++) outside++;
    const len = end - start;
    const events = side.events.slice(first, e);
    const rank = (ev: RingEvent): number => (ev.edge - outside + len) % len;
    events.sort((p, q) => rank(p) - rank(q) || p.t - q.t);
    if (!walk.beginOutside(events)) return null;
    const term = walk.sum({ ...side, events }, r, counted, yRef, false);
    if (term === null) return null;
    sum += region.ringSign[r] * term;
  }
  return sum;
}

/**
 * Walks one ring's events (sorted along the ring) keeping, for every other polygon, whether the
 * ring is inside it; at a place with several events only their net effect counts (the pieces
 * between them have no length).
 */
class RingWalk {
  /** State (0 outside, 1 inside) per polygon id before the first event. */
  readonly start: Int32Array;
  readonly state: Int32Array;
  private readonly low: Int32Array;
  private readonly high: Int32Array;
  private readonly seen: Uint8Array;
  private events: RingEvent[] = [];
  private first = 0;
  private last = 0;

  constructor(readonly size: number) {
    this.start = new Int32Array(size);
    this.state = new Int32Array(size);
    this.low = new Int32Array(size);
    this.high = new Int32Array(size);
    this.seen = new Uint8Array(size);
  }

  /**
   * Takes events[first … last) of ring r of p and finds the state before the first: from the
   * crossings' directions where these change it, else from `locate` (other polygon id and a
   * point of the ring away from every event → 0 or 1). False if the events cannot come from a
   * closed ring.
   */
  begin(
    p: PreparedPolygon,
    r: number,
    events: RingEvent[],
    first: number,
    last: number,
    locate: (other: number, x: number, y: number) => number,
  ): boolean {
    this.events = events;
    this.first = first;
    this.last = last;
    const { state, low, high, seen, start } = this;
    state.fill(0);
    low.fill(0);
    high.fill(0);
    seen.fill(0);
    for (let i = first; i < last; ) {
      const j = this.placeEnd(i);
      for (let k = i; k < j; k++) {
        const ev = events[k];
        state[ev.other] += ev.delta;
        seen[ev.other] = 1;
      }
      for (let k = i; k < j; k++) {
        const o = events[k].other;
        if (state[o] < low[o]) low[o] = state[o];
        if (state[o] > high[o]) high[o] = state[o];
      }
      i = j;
    }
    for (let o = 0; o < this.size; o++) {
      if (state[o] !== 0 || high[o] - low[o] > 1) return false;
      if (seen[o] && high[o] !== low[o]) start[o] = -low[o];
      else start[o] = -1;
    }
    let sample: [number, number] | null = null;
    for (let o = 0; o < this.size; o++) {
      if (start[o] !== -1) continue;
      // Touches only (or nothing): the ring is on one side of `o` everywhere but at the events,
      // so ask where a point away from them lies. (At an event's place, e.g. a vertex touching
      // o's boundary, the answer could be the other side.)
      sample ??= this.samplePoint(p, r);
      start[o] = locate(o, sample[0], sample[1]);
    }
    return true;
  }

  /** A vertex of ring r without events, else the middle of the piece after the first event. */
  private samplePoint(p: PreparedPolygon, r: number): [number, number] {
    const { events, first, last } = this;
    const start = p.ringStart[r];
    if (first === last) return [p.xs[start], p.ys[start]];
    const atVertex = new Set<number>();
    for (let k = first; k < last; k++) if (events[k].t === 0) atVertex.add(events[k].edge);
    for (let v = start; v < p.ringEnd[r]; v++) if (!atVertex.has(v)) return [p.xs[v], p.ys[v]];
    const ev = events[first];
    const j = this.placeEnd(first);
    const t = j < last && events[j].edge === ev.edge ? (ev.t + events[j].t) / 2 : (ev.t + 1) / 2;
    const w = p.next[ev.edge];
    return [p.xs[ev.edge] + t * (p.xs[w] - p.xs[ev.edge]), p.ys[ev.edge] + t * (p.ys[w] - p.ys[ev.edge])];
  }

  /** Like `begin` for a stretch of ring that starts and ends outside every other polygon. */
  beginOutside(events: RingEvent[]): boolean {
    this.events = events;
    this.first = 0;
    this.last = events.length;
    this.start.fill(0);
    return true;
  }

  /**
   * Σ edge area terms of the ring's pieces for which `counted(state, inside)` holds (`inside`:
   * how many other polygons with id > 0 contain the piece), from each place to the next; around
   * the whole ring when `closed`, else from the first place to the last (starting and ending
   * outside everything). Null if a state leaves {0, 1}.
   */
  sum(
    side: OverlaySide,
    r: number,
    counted: (state: Int32Array, inside: number) => boolean,
    yRef: number,
    closed = true,
  ): number | null {
    const { events, first, last, state, start } = this;
    const p = side.polygon;
    state.set(start);
    let inside = 0;
    for (let o = 1; o < this.size; o++) inside += state[o];
    if (first === last) {
      if (!closed || !counted(state, inside)) return 0;
      return ringTerm(p, side.splits, r, yRef);
    }
    let total = 0;
    for (let i = first; i < last; ) {
      const j = this.placeEnd(i);
      for (let k = i; k < j; k++) {
        const ev = events[k];
        state[ev.other] += ev.delta;
        if (ev.other > 0) inside += ev.delta;
      }
      for (let k = i; k < j; k++) {
        const s = state[events[k].other];
        if (s !== 0 && s !== 1) return null;
      }
      const from = events[i];
      if (j === last) {
        if (!closed) {
          for (let o = 0; o < this.size; o++) if (state[o] !== 0) return null;
          return total;
        }
        if (counted(state, inside)) {
          total += pathTerm(p, side.splits, from.edge, from.t, from.point, events[first].edge, events[first].t, events[first].point, yRef, first === i);
        }
      } else if (counted(state, inside)) {
        const to = events[j];
        total += pathTerm(p, side.splits, from.edge, from.t, from.point, to.edge, to.t, to.point, yRef, false);
      }
      i = j;
    }
    return total;
  }

  /** End of the run of events at the same place as events[i]. */
  private placeEnd(i: number): number {
    const { events, last } = this;
    const ev = events[i];
    let j = i + 1;
    while (j < last && events[j].edge === ev.edge && events[j].t === ev.t) j++;
    return j;
  }
}

function byPlace(p: RingEvent, q: RingEvent): number {
  return p.edge - q.edge || p.t - q.t;
}

/**
 * Σ edge area terms along ring `r` of `p` from the point at (e1, t1) forward to (e2, t2); the
 * whole ring round when `around`, or when the end lies behind the start on one edge.
 */
function pathTerm(
  p: PreparedPolygon,
  splits: Map<number, SplitPoint[]> | null,
  e1: number,
  t1: number,
  from: OverlayPoint,
  e2: number,
  t2: number,
  to: OverlayPoint,
  yRef: number,
  around: boolean,
): number {
  if (e1 === e2 && t1 < t2 && !around) return pieceTerm(splits, e1, t1, from, t2, to, yRef);
  let v = p.next[e1];
  let sum = pieceTerm(splits, e1, t1, from, 1, vertexPoint(p, v), yRef);
  const guard = p.ringEnd[p.ringOf[e1]] - p.ringStart[p.ringOf[e1]];
  for (let steps = 0; v !== e2; steps++) {
    if (steps > guard) throw new Error('overlay walk did not close');
    const w = p.next[v];
    sum += splits?.has(v) ? pieceTerm(splits, v, 0, vertexPoint(p, v), 1, vertexPoint(p, w), yRef) : edgeTerm(p, v, w, yRef);
    v = w;
  }
  return sum + pieceTerm(splits, e2, 0, vertexPoint(p, e2), t2, to, yRef);
}

/** The term of edge e from parameter t1 (point `from`) to t2 (point `to`), through its splits. */
function pieceTerm(
  splits: Map<number, SplitPoint[]> | null,
  e: number,
  t1: number,
  from: OverlayPoint,
  t2: number,
  to: OverlayPoint,
  yRef: number,
): number {
  if (t2 <= t1) return 0;
  let a = from;
  let sum = 0;
  const list = splits?.get(e);
  if (list) {
    for (const s of list) {
      if (s.t <= t1) continue;
      if (s.t >= t2) break;
      sum += term(a, s, yRef);
      a = s;
    }
  }
  return sum + term(a, to, yRef);
}

function term(a: OverlayPoint, b: OverlayPoint, yRef: number): number {
  return edgeAreaTerm(a.x, a.y, a.sinPhi, a.yAuth, b.x, b.y, b.sinPhi, b.yAuth, yRef);
}

/** Σ edge area terms around ring r (its prepared term when no edge of it is split). */
function ringTerm(p: PreparedPolygon, splits: Map<number, SplitPoint[]> | null, r: number, yRef: number): number {
  const start = p.ringStart[r];
  const end = p.ringEnd[r];
  let split = false;
  if (splits) for (let v = start; v < end && !split; v++) split = splits.has(v);
  if (!split) return p.ringTerm[r];
  let sum = 0;
  for (let v = start; v < end; v++) {
    const w = p.next[v];
    sum += splits!.has(v) ? pieceTerm(splits, v, 0, vertexPoint(p, v), 1, vertexPoint(p, w), yRef) : edgeTerm(p, v, w, yRef);
  }
  return sum;
}

function copySplits(splits: Map<number, SplitPoint[]> | null): Map<number, SplitPoint[]> | null {
  if (!splits) return null;
  return new Map([...splits].map(([e, list]) => [e, list.slice()]));
}

interface Box {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

function boxesMeet(a: Box, b: Box): boolean {
  return a.minX <= b.maxX && a.maxX >= b.minX && a.minY <= b.maxY && a.maxY >= b.minY;
}

function edgeMeetsBox(p: PreparedPolygon, e: number, box: Box): boolean {
  const w = p.next[e];
  const x1 = p.xs[e];
  const x2 = p.xs[w];
  const y1 = p.ys[e];
  const y2 = p.ys[w];
  return Math.min(x1, x2) <= box.maxX && Math.max(x1, x2) >= box.minX && Math.min(y1, y2) <= box.maxY && Math.max(y1, y2) >= box.minY;
}

/** Edges of p whose boxes meet `box` (a linear scan, for polygons without an index). */
export function edgesNear(p: PreparedPolygon, box: Box): number[] {
  const out: number[] = [];
  for (let e = 0; e < p.vertexCount; e++) if (edgeMeetsBox(p, e, box)) out.push(e);
  return out;
}
