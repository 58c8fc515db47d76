/**
 * Geometry checks for untrusted input: every coordinate a finite number, rings closed, nesting
 * bounded. Works in place and iteratively enough for large files (a 50 MB GeoJSON has a few
 * million positions).
 */
import type { Geometry, Position } from 'geojson';
import type { PositionTransform } from './crs/resolve.ts';

export type Bbox = [number, number, number, number];

export interface SanitizedGeometry {
  geometry: Geometry | null;
  vertices: number;
  /** 'null': no or empty geometry; 'invalid': malformed, dropped. */
  status: 'ok' | 'null' | 'invalid';
  /** Rings that were open and got their first position repeated at the end. */
  closedRings: number;
}

const MAX_COLLECTION_DEPTH = 4;

function isPosition(p: unknown): p is Position {
  if (!Array.isArray(p) || p.length < 2 || p.length > 4) return false;
  for (let i = 0; i < p.length; i++) {
    const v: unknown = p[i];
    if (typeof v !== 'number' || !Number.isFinite(v)) return false;
  }
  return true;
}

/** Checks an array of positions; returns its length or -1. */
function positions(list: unknown, min: number): number {
  if (!Array.isArray(list) || list.length < min) return -1;
  for (let i = 0; i < list.length; i++) if (!isPosition(list[i])) return -1;
  return list.length;
}

function samePosition(a: Position, b: Position): boolean {
  return a[0] === b[0] && a[1] === b[1];
}

/** Checks a polygon's rings (closing open ones); returns vertex count or -1. */
function polygon(rings: unknown, closed: { rings: number }): number {
  if (!Array.isArray(rings) || rings.length === 0) return -1;
  let n = 0;
  for (const ring of rings) {
    if (!Array.isArray(ring)) return -1;
    const first: unknown = ring[0];
    const last: unknown = ring[ring.length - 1];
    if (ring.length >= 3 && isPosition(first) && isPosition(last) && !samePosition(first, last)) {
      ring.push(first.slice());
      closed.rings++;
    }
    const c = positions(ring, 4);
    if (c < 0) return -1;
    n += c;
  }
  return n;
}

function isEmptyCoordinates(c: unknown): boolean {
  return Array.isArray(c) && c.length === 0;
}

/** Validates a geometry object from untrusted input (in place). */
export function sanitizeGeometry(g: unknown, depth = 0): SanitizedGeometry {
  const closed = { rings: 0 };
  const result = sanitizeInto(g, depth, closed);
  return { ...result, closedRings: result.status === 'ok' ? closed.rings : 0 };
}

function sanitizeInto(g: unknown, depth: number, closed: { rings: number }): Omit<SanitizedGeometry, 'closedRings'> {
  if (g === null || g === undefined) return { geometry: null, vertices: 0, status: 'null' };
  if (typeof g !== 'object' || Array.isArray(g)) return { geometry: null, vertices: 0, status: 'invalid' };
  const geom = g as { type?: unknown; coordinates?: unknown; geometries?: unknown };
  const c = geom.coordinates;
  let n = -1;
  switch (geom.type) {
    case 'Point':
      if (isEmptyCoordinates(c)) return { geometry: null, vertices: 0, status: 'null' };
      n = isPosition(c) ? 1 : -1;
      break;
    case 'MultiPoint':
    case 'LineString':
      if (isEmptyCoordinates(c)) return { geometry: null, vertices: 0, status: 'null' };
      n = positions(c, geom.type === 'LineString' ? 2 : 1);
      break;
    case 'MultiLineString':
      if (isEmptyCoordinates(c)) return { geometry: null, vertices: 0, status: 'null' };
      if (Array.isArray(c)) {
        n = 0;
        for (const line of c) {
          const k = positions(line, 2);
          if (k < 0) {
            n = -1;
            break;
          }
          n += k;
        }
      }
      break;
    case 'Polygon':
      if (isEmptyCoordinates(c)) return { geometry: null, vertices: 0, status: 'null' };
      n = polygon(c, closed);
      break;
    case 'MultiPolygon':
      if (isEmptyCoordinates(c)) return { geometry: null, vertices: 0, status: 'null' };
      if (Array.isArray(c)) {
        n = 0;
        for (const poly of c) {
          const k = polygon(poly, closed);
          if (k < 0) {
            n = -1;
            break;
          }
          n += k;
        }
      }
      break;
    case 'GeometryCollection': {
      if (depth >= MAX_COLLECTION_DEPTH || !Array.isArray(geom.geometries)) break;
      if (geom.geometries.length === 0) return { geometry: null, vertices: 0, status: 'null' };
      n = 0;
      for (const part of geom.geometries) {
        const s = sanitizeInto(part, depth + 1, closed);
        if (s.status !== 'ok') {
          n = -1;
          break;
        }
        n += s.vertices;
      }
      break;
    }
    default:
      break;
  }
  if (n < 0) return { geometry: null, vertices: 0, status: 'invalid' };
  // Keep only the members GeoJSON defines (drops e.g. a foreign `crs` or huge `bbox`).
  const clean = (geom.type === 'GeometryCollection'
    ? homogeneousCollection(geom.geometries as Geometry[])
    : { type: geom.type, coordinates: geom.coordinates }) as Geometry;
  return { geometry: clean, vertices: n, status: 'ok' };
}

/**
 * A collection of parts of one kind as the matching Multi* geometry (KML's MultiGeometry arrives
 * from togeojson as a GeometryCollection): then it can be measured and counted like any other
 * polygon, line or point. Mixed collections stay collections.
 */
export function homogeneousCollection(parts: Geometry[]): Geometry {
  const kinds = new Set(parts.map((p) => p.type.replace(/^Multi/, '')));
  if (kinds.size === 1 && !kinds.has('GeometryCollection')) {
    const [kind] = kinds;
    const coordinates = parts.flatMap((p) => (p.type.startsWith('Multi') ? (p as { coordinates: unknown[] }).coordinates : [(p as { coordinates: unknown }).coordinates]));
    return { type: `Multi${kind}`, coordinates } as Geometry;
  }
  return { type: 'GeometryCollection', geometries: parts };
}

/** Calls fn for every position of a (sanitized) geometry. */
export function forEachPosition(g: Geometry, fn: (p: Position) => void): void {
  switch (g.type) {
    case 'Point':
      fn(g.coordinates);
      return;
    case 'MultiPoint':
    case 'LineString':
      for (const p of g.coordinates) fn(p);
      return;
    case 'MultiLineString':
    case 'Polygon':
      for (const line of g.coordinates) for (const p of line) fn(p);
      return;
    case 'MultiPolygon':
      for (const poly of g.coordinates) for (const ring of poly) for (const p of ring) fn(p);
      return;
    case 'GeometryCollection':
      for (const part of g.geometries) forEachPosition(part, fn);
      return;
  }
}

export function emptyBbox(): Bbox {
  return [Infinity, Infinity, -Infinity, -Infinity];
}

export function extendBbox(b: Bbox, g: Geometry): void {
  forEachPosition(g, (p) => {
    if (p[0] < b[0]) b[0] = p[0];
    if (p[1] < b[1]) b[1] = p[1];
    if (p[0] > b[2]) b[2] = p[0];
    if (p[1] > b[3]) b[3] = p[1];
  });
}

export function isEmptyBbox(b: Bbox): boolean {
  return !(b[0] <= b[2] && b[1] <= b[3]);
}

/**
 * Transforms every position in place; returns how many positions failed. The parsers used here
 * never share one position array between two places, so each is transformed once.
 */
export function transformGeometry(g: Geometry, transform: PositionTransform): number {
  let failed = 0;
  forEachPosition(g, (p) => {
    if (!transform(p)) failed++;
  });
  return failed;
}
