/**
 * WKT curves (CIRCULARSTRING, COMPOUNDCURVE, CURVEPOLYGON, MULTICURVE, MULTISURFACE), as PostGIS
 * and ArcGIS export them, linearised the way GDAL does (OGRGeometryFactory::curveToLineString with
 * its defaults): arcs in equal steps of at most 4°, at least 7 of them and an odd count, computed
 * from the end with the larger x so both directions give the same points; three collinear points
 * stay three points. betterknown reads the linear types; it has no curves.
 */
import type { Geometry, Position } from 'geojson';

const STEP = (4 * Math.PI) / 180;

type Token = string;

function tokenize(text: string): Token[] {
  return text.match(/[A-Za-z]+|[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?|[(),]/g) ?? [];
}

class Reader {
  private i = 0;
  constructor(private readonly tokens: Token[]) {}
  peek(): Token | undefined {
    return this.tokens[this.i];
  }
  next(): Token {
    const t = this.tokens[this.i++];
    if (t === undefined) throw new Error('unexpected end of WKT');
    return t;
  }
  expect(t: Token): void {
    if (this.next() !== t) throw new Error(`expected ${t}`);
  }
  /** An optional dimension word (Z, M, ZM) after a type name. */
  skipDimension(): void {
    if (/^(Z|M|ZM)$/i.test(this.peek() ?? '')) this.i++;
  }
  done(): boolean {
    return this.i >= this.tokens.length;
  }
}

function readPoints(r: Reader): Position[] {
  r.expect('(');
  const points: Position[] = [];
  for (;;) {
    const p: number[] = [];
    while (r.peek() !== ',' && r.peek() !== ')') {
      const v = Number(r.next());
      if (!Number.isFinite(v)) throw new Error('bad number');
      p.push(v);
    }
    if (p.length < 2) throw new Error('bad point');
    points.push(p.slice(0, 3));
    if (r.next() === ')') return points;
  }
}

/** Centre, radius and start/end angles of the arc through three points; undefined when collinear. */
function arcParameters(p0: Position, p1: Position, p2: Position): { cx: number; cy: number; r: number; a0: number; a2: number } | undefined {
  const [x0, y0] = p0;
  const [x1, y1] = p1;
  const [x2, y2] = p2;
  if (x0 === x2 && y0 === y2) {
    if (x0 === x1 && y0 === y1) return undefined;
    // A full circle: counter-clockwise, as PostGIS and GDAL take it.
    const cx = (x0 + x1) / 2;
    const cy = (y0 + y1) / 2;
    const a0 = Math.atan2(y0 - cy, x0 - cx);
    return { cx, cy, r: Math.hypot(x0 - cx, y0 - cy), a0, a2: a0 + 2 * Math.PI };
  }
  let dx01 = x1 - x0;
  let dy01 = y1 - y0;
  let dx12 = x2 - x1;
  let dy12 = y2 - y1;
  const scale = Math.max(Math.abs(dx01), Math.abs(dy01), Math.abs(dx12), Math.abs(dy12));
  const inv = 1 / scale;
  dx01 *= inv;
  dy01 *= inv;
  dx12 *= inv;
  dy12 *= inv;
  const det = dx01 * dy12 - dx12 * dy01;
  if (!(Math.abs(det) >= 1e-8)) return undefined;
  const c01 = dx01 * (x0 + x1) * inv + dy01 * (y0 + y1) * inv;
  const c12 = dx12 * (x1 + x2) * inv + dy12 * (y1 + y2) * inv;
  const cx = (0.5 * scale * (c01 * dy12 - c12 * dy01)) / det;
  const cy = (0.5 * scale * (-c01 * dx12 + c12 * dx01)) / det;
  const a0 = Math.atan2((y0 - cy) * inv, (x0 - cx) * inv);
  let a1 = Math.atan2((y1 - cy) * inv, (x1 - cx) * inv);
  let a2 = Math.atan2((y2 - cy) * inv, (x2 - cx) * inv);
  if (det < 0) {
    if (a1 > a0) a1 -= 2 * Math.PI;
    if (a2 > a1) a2 -= 2 * Math.PI;
  } else {
    if (a1 < a0) a1 += 2 * Math.PI;
    if (a2 < a1) a2 += 2 * Math.PI;
  }
  return { cx, cy, r: Math.hypot(x0 - cx, y0 - cy), a0, a2 };
}

/** One arc (three points) as a line, both ends included. */
function arcToLine(p0: Position, p1: Position, p2: Position): Position[] {
  // Computed from the same end whichever way the arc is written.
  if (p0[0] < p2[0] || (p0[0] === p2[0] && p0[1] < p2[1])) return arcToLine(p2, p1, p0).reverse();
  const arc = arcParameters(p0, p1, p2);
  if (!arc) return [p0, p1, p2];
  const sweep = arc.a2 - arc.a0;
  let steps = Math.floor(Math.abs(sweep) / STEP + 0.5);
  steps = steps < 7 ? 7 : 7 + 2 * Math.floor((steps - 7 + 1) / 2);
  const step = sweep / steps;
  const sign = sweep >= 0 ? 1 : -1;
  const out: Position[] = [p0];
  for (let a = arc.a0 + step; (a - arc.a2) * sign < -1e-8; a += step) out.push([arc.cx + arc.r * Math.cos(a), arc.cy + arc.r * Math.sin(a)]);
  out.push(p2);
  return out;
}

function join(parts: Position[][]): Position[] {
  const out: Position[] = [];
  for (const part of parts) {
    const last = out[out.length - 1];
    out.push(...(last && part[0] && last[0] === part[0][0] && last[1] === part[0][1] ? part.slice(1) : part));
  }
  return out;
}

function circularString(points: Position[]): Position[] {
  if (points.length < 3 || points.length % 2 === 0) throw new Error('a CIRCULARSTRING needs an odd number of points, at least 3');
  const arcs: Position[][] = [];
  for (let i = 0; i + 2 < points.length; i += 2) arcs.push(arcToLine(points[i], points[i + 1], points[i + 2]));
  return join(arcs);
}

/** A curve: (x y, …), LINESTRING(…), CIRCULARSTRING(…) or COMPOUNDCURVE(…). */
function readCurve(r: Reader): Position[] {
  if (r.peek() === '(') return readPoints(r);
  const type = r.next().toUpperCase();
  r.skipDimension();
  if (type === 'LINESTRING') return readPoints(r);
  if (type === 'CIRCULARSTRING') return circularString(readPoints(r));
  if (type === 'COMPOUNDCURVE') {
    r.expect('(');
    const parts: Position[][] = [];
    for (;;) {
      parts.push(readCurve(r));
      if (r.next() === ')') return join(parts);
    }
  }
  throw new Error(`unexpected ${type}`);
}

function readList<T>(r: Reader, item: (r: Reader) => T): T[] {
  r.expect('(');
  const out: T[] = [];
  for (;;) {
    out.push(item(r));
    if (r.next() === ')') return out;
  }
}

/** A surface: ((ring), …), POLYGON(…) or CURVEPOLYGON(…). */
function readSurface(r: Reader): Position[][] {
  if (r.peek() === '(') return readList(r, readCurve);
  const type = r.next().toUpperCase();
  r.skipDimension();
  if (type === 'POLYGON' || type === 'CURVEPOLYGON') return readList(r, readCurve);
  throw new Error(`unexpected ${type}`);
}

/** The curve WKT as linear GeoJSON; throws on WKT it cannot read. */
export function linearizeCurveWkt(wkt: string): Geometry {
  const r = new Reader(tokenize(wkt.replace(/^\s*SRID=\d+;/i, '')));
  const type = r.next().toUpperCase();
  r.skipDimension();
  let geometry: Geometry;
  switch (type) {
    case 'CIRCULARSTRING':
      geometry = { type: 'LineString', coordinates: circularString(readPoints(r)) };
      break;
    case 'COMPOUNDCURVE': {
      const parts = readList(r, readCurve);
      geometry = { type: 'LineString', coordinates: join(parts) };
      break;
    }
    case 'CURVEPOLYGON':
      geometry = { type: 'Polygon', coordinates: readList(r, readCurve) };
      break;
    case 'MULTICURVE':
      geometry = { type: 'MultiLineString', coordinates: readList(r, readCurve) };
      break;
    case 'MULTISURFACE':
      geometry = { type: 'MultiPolygon', coordinates: readList(r, readSurface) };
      break;
    default:
      throw new Error(`not a curve type: ${type}`);
  }
  if (!r.done()) throw new Error('text after the geometry');
  return geometry;
}
