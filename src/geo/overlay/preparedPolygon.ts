import type { Position } from 'geojson';
import { AUTHALIC_RADIUS_SQ, DEG_TO_RAD, sinAuthalic } from '../ellipsoid.ts';
import { edgeAreaTerm } from '../edgeAreaTerm.ts';
import { flatPolygonsArea } from '../flatRingArea.ts';
import { FlatRings } from '../flatRings.ts';
import { Geodesic, wgs84 } from '../geographiclib.ts';
import { growFloat, growInt } from '../growTypedArray.ts';

/**
 * The one edge model of the overlay: every edge is a geodesic, and an edge whose geodesic strays
 * more than this (m) from the straight lon/lat chord between its ends gets intermediate vertices
 * on its geodesic until no piece does. Crossings and touches are decided on chords (exact
 * orientation tests, as GEOS does), so every cut point lies within this distance of the geodesic;
 * the lens between a 1 mm-sagitta chord and its geodesic is < 0.2 m². Splitting a geodesic at
 * points on it does not change the polygon, so areas are unchanged.
 */
const MAX_CHORD_SAGITTA_M = 0.001;

/** Mean radius, m, for the sagitta estimate. */
const EARTH_RADIUS_M = 6_371_000;

/**
 * A valid (Multi)Polygon in the form the overlay works on: all rings' vertices in typed arrays
 * (repeats and the closing vertex dropped; edge v runs from v to next[v]), with sin φ and the
 * authalic sin β of each vertex, ring orientation, terms and boxes, and the geodesic area.
 * Arrays may be longer than `vertexCount` / `ringCount` when the object is reused.
 */
export interface PreparedPolygon {
  xs: Float64Array;
  ys: Float64Array;
  sinPhi: Float64Array;
  yAuth: Float64Array;
  /** Vertex after v in its ring. */
  next: Int32Array;
  /** Ring of each vertex. */
  ringOf: Int32Array;
  ringStart: Int32Array;
  ringEnd: Int32Array;
  /** +1 when the polygon's interior lies to the left of the ring's edges (CCW outer, CW hole). */
  ringSign: Float64Array;
  /** Σ edgeAreaTerm over the ring, in R_q² units (clockwise positive); the same for any yRef. */
  ringTerm: Float64Array;
  vertexCount: number;
  ringCount: number;
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
  /** Geodesic area in m², as `geodesicArea` computes it. */
  area: number;
  /** The input rings, for the exact fallback clipper. */
  coordinates: Position[][][];
}

export function emptyPreparedPolygon(): PreparedPolygon {
  return {
    xs: new Float64Array(256),
    ys: new Float64Array(256),
    sinPhi: new Float64Array(256),
    yAuth: new Float64Array(256),
    next: new Int32Array(256),
    ringOf: new Int32Array(256),
    ringStart: new Int32Array(8),
    ringEnd: new Int32Array(8),
    ringSign: new Float64Array(8),
    ringTerm: new Float64Array(8),
    vertexCount: 0,
    ringCount: 0,
    minX: Infinity,
    minY: Infinity,
    maxX: -Infinity,
    maxY: -Infinity,
    area: 0,
    coordinates: [],
  };
}

const flat = new FlatRings();

/**
 * Prepares rings that already passed `validateGeometry`, into `target` when given (its arrays are
 * reused and grown as needed: overlaying thousands of zones one after another allocates nothing).
 */
export function preparePolygon(
  polygons: Position[][][],
  target: PreparedPolygon = emptyPreparedPolygon(),
  maxSagitta = MAX_CHORD_SAGITTA_M,
): PreparedPolygon {
  const p = target;
  p.vertexCount = 0;
  p.ringCount = 0;
  p.minX = p.minY = Infinity;
  p.maxX = p.maxY = -Infinity;
  p.coordinates = polygons;
  let densified = false;
  let area = 0;
  for (let part = 0; part < polygons.length; part++) {
    for (let ring = 0; ring < polygons[part].length; ring++) {
      const coords = polygons[part][ring];
      const r = p.ringCount++;
      reserveRings(p, p.ringCount);
      reserveVertices(p, p.vertexCount + coords.length);
      const start = p.vertexCount;
      p.ringStart[r] = start;
      for (let i = 0; i < coords.length - 1; i++) {
        const x = coords[i][0];
        const y = coords[i][1];
        const v = p.vertexCount;
        if (v > start && p.xs[v - 1] === x && p.ys[v - 1] === y) continue;
        if (v > start && densify(p, p.xs[v - 1], p.ys[v - 1], x, y, maxSagitta)) densified = true;
        reserveVertices(p, p.vertexCount + 1);
        p.xs[p.vertexCount] = x;
        p.ys[p.vertexCount] = y;
        p.vertexCount++;
      }
      while (p.vertexCount - start > 1 && p.xs[p.vertexCount - 1] === p.xs[start] && p.ys[p.vertexCount - 1] === p.ys[start]) {
        p.vertexCount--;
      }
      if (densify(p, p.xs[p.vertexCount - 1], p.ys[p.vertexCount - 1], p.xs[start], p.ys[start], maxSagitta)) densified = true;
      p.ringEnd[r] = p.vertexCount;
      const term = finishRing(p, r);
      // term is clockwise-positive; an outer ring's interior is on its left when it runs CCW.
      const hole = ring > 0;
      p.ringSign[r] = term < 0 !== hole ? 1 : -1;
      // Same operations as flatPolygonsArea: the area is bit-identical to geodesicArea's.
      const ringArea = Math.abs(-term * AUTHALIC_RADIUS_SQ);
      area += hole ? -ringArea : ringArea;
    }
  }
  // With extra vertices the sums differ in the last digits from `geodesicArea`'s; use its own.
  p.area = densified ? flatPolygonsArea(flat.clear().addPolygons(polygons)) : area;
  return p;
}

/** Computes per-vertex values of ring r, its box, and returns its area term. */
function finishRing(p: PreparedPolygon, r: number): number {
  const start = p.ringStart[r];
  const end = p.ringEnd[r];
  const { xs, ys, sinPhi, yAuth, next, ringOf } = p;
  for (let v = start; v < end; v++) {
    const s = Math.sin(ys[v] * DEG_TO_RAD);
    sinPhi[v] = s;
    yAuth[v] = sinAuthalic(s);
    next[v] = v + 1 < end ? v + 1 : start;
    ringOf[v] = r;
    if (xs[v] < p.minX) p.minX = xs[v];
    if (xs[v] > p.maxX) p.maxX = xs[v];
    if (ys[v] < p.minY) p.minY = ys[v];
    if (ys[v] > p.maxY) p.maxY = ys[v];
  }
  // Any yRef gives the same sum on a closed ring; the ring's own keeps the terms small.
  const yRef = yAuth[start];
  let term = 0;
  for (let v = start; v < end; v++) {
    const w = next[v];
    term += edgeAreaTerm(xs[v], ys[v], sinPhi[v], yAuth[v], xs[w], ys[w], sinPhi[w], yAuth[w], yRef);
  }
  p.ringTerm[r] = term;
  return term;
}

/** edgeAreaTerm between vertices v and w of a prepared polygon. */
export function edgeTerm(p: PreparedPolygon, v: number, w: number, yRef: number): number {
  return edgeAreaTerm(p.xs[v], p.ys[v], p.sinPhi[v], p.yAuth[v], p.xs[w], p.ys[w], p.sinPhi[w], p.yAuth[w], yRef);
}

/**
 * Appends the inner points of an edge whose geodesic strays more than `maxSagitta` (m) from its
 * lon/lat chord, evenly along the geodesic; false if the chord is close enough. The points are
 * computed from the edge's ends in a fixed order, so an edge shared by two polygons (in either
 * direction) gets bit-identical points on both.
 */
function densify(p: PreparedPolygon, x1: number, y1: number, x2: number, y2: number, maxSagitta: number): boolean {
  // On the sphere a geodesic strays from the lon/lat chord by ≈ R·Δλ²·sin φ·cos φ / 8 for an
  // east–west edge and R·|Δλ·Δφ|·sin φ / 4 for a north–south one (m, at mid-latitude φ): their
  // sum bounds both and everything between; meridians (Δλ = 0) are geodesics.
  const dLon = Math.abs(x2 - x1) * DEG_TO_RAD;
  const dLat = Math.abs(y2 - y1) * DEG_TO_RAD;
  const lat = ((y1 + y2) / 2) * DEG_TO_RAD;
  const sagitta = EARTH_RADIUS_M * Math.abs(Math.sin(lat)) * dLon * ((dLon * Math.cos(lat)) / 8 + dLat / 4);
  // Near-meridian edges hardly bend; the second term keeps long ones honest (ellipsoid, large Δλ).
  if (sagitta <= maxSagitta && dLon < 0.01) return false;
  const pieces = Math.max(Math.ceil(Math.sqrt((sagitta * 1.25) / maxSagitta)), Math.ceil(dLon / 0.01));
  if (pieces < 2) return false;
  const forward = x1 < x2 || (x1 === x2 && y1 < y2);
  const caps = Geodesic.LATITUDE | Geodesic.LONGITUDE | Geodesic.LONG_UNROLL;
  const line = forward ? wgs84.InverseLine(y1, x1, y2, x2, caps) : wgs84.InverseLine(y2, x2, y1, x1, caps);
  reserveVertices(p, p.vertexCount + pieces);
  for (let k = 1; k < pieces; k++) {
    const at = line.ArcPosition((line.a13 * (forward ? k : pieces - k)) / pieces, caps);
    p.xs[p.vertexCount] = at.lon2 as number;
    p.ys[p.vertexCount] = at.lat2 as number;
    p.vertexCount++;
  }
  return true;
}

function reserveVertices(p: PreparedPolygon, n: number): void {
  if (n <= p.xs.length) return;
  const size = Math.max(n, 2 * p.xs.length);
  const used = p.vertexCount;
  p.xs = growFloat(p.xs, size, used);
  p.ys = growFloat(p.ys, size, used);
  p.sinPhi = growFloat(p.sinPhi, size, used);
  p.yAuth = growFloat(p.yAuth, size, used);
  p.next = growInt(p.next, size, used);
  p.ringOf = growInt(p.ringOf, size, used);
}

function reserveRings(p: PreparedPolygon, n: number): void {
  if (n <= p.ringStart.length) return;
  const size = Math.max(n, 2 * p.ringStart.length);
  const used = p.ringCount;
  p.ringStart = growInt(p.ringStart, size, used);
  p.ringEnd = growInt(p.ringEnd, size, used);
  p.ringSign = growFloat(p.ringSign, size, used);
  p.ringTerm = growFloat(p.ringTerm, size, used);
}
