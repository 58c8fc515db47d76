/**
 * Deterministic GeoJSON output for the data packs: coordinates at 6 decimals (≈ 0.1 m), RFC 7946
 * winding (exterior rings counter-clockwise, holes clockwise), one feature per line so that diffs
 * of the committed files stay readable, and fixed property order (the order the caller gives).
 */
import type { Feature, FeatureCollection, Geometry, Position } from 'geojson';

export const COORDINATE_DECIMALS = 6;
const SCALE = 10 ** COORDINATE_DECIMALS;

export function roundCoordinate(x: number): number {
  const r = Math.round(x * SCALE) / SCALE;
  return Object.is(r, -0) ? 0 : r;
}

export function roundPosition(p: Position): Position {
  return [roundCoordinate(p[0]), roundCoordinate(p[1])];
}

/** Twice the signed planar area of a ring in lon/lat (positive = counter-clockwise). */
export function ringSignedArea2(ring: Position[]): number {
  let s = 0;
  for (let i = 0, n = ring.length; i < n - 1; i++) {
    s += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
  }
  return s;
}

function dropRepeats(line: Position[]): Position[] {
  const out: Position[] = [];
  for (const p of line) {
    const last = out[out.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
  }
  return out;
}

function formatLine(line: Position[]): Position[] {
  return dropRepeats(line.map(roundPosition));
}

function formatRing(ring: Position[], exterior: boolean): Position[] {
  const r = dropRepeats(ring.map(roundPosition));
  const first = r[0];
  const last = r[r.length - 1];
  if (first[0] !== last[0] || first[1] !== last[1]) r.push([first[0], first[1]]);
  if (r.length < 4) throw new Error(`ring collapsed to ${r.length} positions after rounding`);
  const ccw = ringSignedArea2(r) > 0;
  return ccw === exterior ? r : r.reverse();
}

function formatPolygon(rings: Position[][]): Position[][] {
  return rings.map((ring, i) => formatRing(ring, i === 0));
}

/** Rounds, removes repeated positions and fixes winding. Throws if a ring collapses. */
export function formatGeometry(g: Geometry): Geometry {
  switch (g.type) {
    case 'Point':
      return { type: 'Point', coordinates: roundPosition(g.coordinates) };
    case 'MultiPoint':
      return { type: 'MultiPoint', coordinates: g.coordinates.map(roundPosition) };
    case 'LineString':
      return { type: 'LineString', coordinates: formatLine(g.coordinates) };
    case 'MultiLineString':
      return { type: 'MultiLineString', coordinates: g.coordinates.map(formatLine) };
    case 'Polygon':
      return { type: 'Polygon', coordinates: formatPolygon(g.coordinates) };
    case 'MultiPolygon':
      return { type: 'MultiPolygon', coordinates: g.coordinates.map(formatPolygon) };
    default:
      throw new Error(`formatGeometry: unsupported geometry ${g.type}`);
  }
}

/** Removes undefined properties, keeping the given key order. */
function cleanProperties(props: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(props)) if (v !== undefined) out[k] = v;
  return out;
}

/** The committed text of a layer file: stable key order, one feature per line, trailing newline. */
export function stringifyFeatureCollection(features: Feature[]): string {
  const lines = features.map((f) =>
    JSON.stringify({
      type: 'Feature',
      properties: cleanProperties((f.properties ?? {}) as Record<string, unknown>),
      geometry: formatGeometry(f.geometry),
    }),
  );
  return `{"type":"FeatureCollection","features":[\n${lines.join(',\n')}\n]}\n`;
}

export function parseFeatureCollection(text: string): FeatureCollection {
  const fc = JSON.parse(text) as FeatureCollection;
  if (fc.type !== 'FeatureCollection' || !Array.isArray(fc.features)) {
    throw new Error('not a GeoJSON FeatureCollection');
  }
  return fc;
}
