/**
 * Geometry checks used by data-pack.test.ts. Written here because src/geo had no validator when the
 * data pack was built; they use flatbush (segment index) and exact orientation predicates.
 *
 * Validity follows the OGC simple-features rules the map and the area statistics rely on: rings
 * closed with ≥ 4 positions, finite coordinates inside lon/lat range, no proper crossings and no
 * collinear overlaps between any two edges of a polygon (rings may touch at single vertices, as OGC
 * allows for a hole touching its shell), exterior rings counter-clockwise and holes clockwise
 * (RFC 7946), LineStrings with ≥ 2 distinct positions.
 */
import Flatbush from 'flatbush';
import type { Geometry, Position } from 'geojson';

type Seg = [Position, Position];

function orient(a: Position, b: Position, c: Position): number {
  const v = (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);
  return v > 0 ? 1 : v < 0 ? -1 : 0;
}

function same(a: Position, b: Position): boolean {
  return a[0] === b[0] && a[1] === b[1];
}

function onSegment(a: Position, b: Position, p: Position): boolean {
  return (
    Math.min(a[0], b[0]) <= p[0] && p[0] <= Math.max(a[0], b[0]) && Math.min(a[1], b[1]) <= p[1] && p[1] <= Math.max(a[1], b[1])
  );
}

/**
 * How two segments meet: 'none', 'vertex' (they share an endpoint and nothing else, or an
 * endpoint of one lies on the other), 'cross' (interiors cross) or 'overlap' (collinear overlap).
 */
export function segmentContact(s: Seg, t: Seg): 'none' | 'vertex' | 'cross' | 'overlap' {
  const [a, b] = s;
  const [c, d] = t;
  const o1 = orient(a, b, c);
  const o2 = orient(a, b, d);
  const o3 = orient(c, d, a);
  const o4 = orient(c, d, b);
  if (o1 === 0 && o2 === 0) {
    // Collinear: overlap if they share more than a point.
    const horizontal = a[0] === b[0];
    const k = horizontal ? 1 : 0;
    const lo1 = Math.min(a[k], b[k]);
    const hi1 = Math.max(a[k], b[k]);
    const lo2 = Math.min(c[k], d[k]);
    const hi2 = Math.max(c[k], d[k]);
    const lo = Math.max(lo1, lo2);
    const hi = Math.min(hi1, hi2);
    if (lo < hi) return 'overlap';
    return lo === hi ? 'vertex' : 'none';
  }
  if (o1 !== o2 && o3 !== o4) {
    if (o1 === 0 || o2 === 0 || o3 === 0 || o4 === 0) return 'vertex';
    return 'cross';
  }
  if ((o1 === 0 && onSegment(a, b, c)) || (o2 === 0 && onSegment(a, b, d))) return 'vertex';
  if ((o3 === 0 && onSegment(c, d, a)) || (o4 === 0 && onSegment(c, d, b))) return 'vertex';
  return 'none';
}

function ringSignedArea2(ring: Position[]): number {
  let s = 0;
  for (let i = 0; i < ring.length - 1; i++) s += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
  return s;
}

function checkPosition(p: Position, where: string, problems: string[]): void {
  if (p.length < 2 || !Number.isFinite(p[0]) || !Number.isFinite(p[1]) || Math.abs(p[0]) > 180 || Math.abs(p[1]) > 90) {
    problems.push(`${where}: bad position ${JSON.stringify(p)}`);
  }
}

/** Proper crossings or collinear overlaps among a set of segments (adjacent ring edges excluded). */
function crossingProblems(segs: { seg: Seg; ring: number; index: number; ringLength: number }[], where: string): string[] {
  if (segs.length < 2) return [];
  const index = new Flatbush(segs.length);
  for (const { seg } of segs) {
    index.add(Math.min(seg[0][0], seg[1][0]), Math.min(seg[0][1], seg[1][1]), Math.max(seg[0][0], seg[1][0]), Math.max(seg[0][1], seg[1][1]));
  }
  index.finish();
  const problems: string[] = [];
  segs.forEach((s, i) => {
    const [a, b] = s.seg;
    for (const j of index.search(Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[0], b[0]), Math.max(a[1], b[1]))) {
      if (j <= i) continue;
      const t = segs[j];
      const contact = segmentContact(s.seg, t.seg);
      if (contact === 'cross' || contact === 'overlap') {
        const adjacent =
          s.ring === t.ring && (Math.abs(s.index - t.index) === 1 || Math.abs(s.index - t.index) === s.ringLength - 2);
        if (adjacent && contact === 'cross') continue;
        problems.push(`${where}: edges ${contact} near ${JSON.stringify(a)}`);
        if (problems.length > 5) return;
      }
    }
  });
  return problems;
}

function polygonProblems(rings: Position[][], where: string): string[] {
  const problems: string[] = [];
  const segs: { seg: Seg; ring: number; index: number; ringLength: number }[] = [];
  rings.forEach((ring, r) => {
    ring.forEach((p) => checkPosition(p, where, problems));
    if (ring.length < 4) problems.push(`${where}: ring ${r} has ${ring.length} positions (< 4)`);
    else if (!same(ring[0], ring[ring.length - 1])) problems.push(`${where}: ring ${r} not closed`);
    const area2 = ringSignedArea2(ring);
    if (area2 === 0) problems.push(`${where}: ring ${r} has zero area`);
    else if (r === 0 && area2 < 0) problems.push(`${where}: exterior ring is clockwise (RFC 7946 wants counter-clockwise)`);
    else if (r > 0 && area2 > 0) problems.push(`${where}: hole ${r} is counter-clockwise (RFC 7946 wants clockwise)`);
    for (let i = 0; i < ring.length - 1; i++) {
      if (same(ring[i], ring[i + 1])) problems.push(`${where}: ring ${r} repeats a position at ${i}`);
      segs.push({ seg: [ring[i], ring[i + 1]], ring: r, index: i, ringLength: ring.length });
    }
  });
  return problems.concat(crossingProblems(segs, where));
}

/** Problems with a geometry; empty when valid. */
export function geometryProblems(g: Geometry, where = 'geometry'): string[] {
  switch (g.type) {
    case 'Point': {
      const problems: string[] = [];
      checkPosition(g.coordinates, where, problems);
      return problems;
    }
    case 'MultiPoint': {
      const problems: string[] = [];
      g.coordinates.forEach((p) => checkPosition(p, where, problems));
      return problems;
    }
    case 'LineString':
    case 'MultiLineString': {
      const lines = g.type === 'LineString' ? [g.coordinates] : g.coordinates;
      const problems: string[] = [];
      lines.forEach((line, i) => {
        line.forEach((p) => checkPosition(p, where, problems));
        if (line.length < 2) problems.push(`${where}: line ${i} has < 2 positions`);
        for (let k = 0; k < line.length - 1; k++) if (same(line[k], line[k + 1])) problems.push(`${where}: line ${i} repeats a position`);
      });
      return problems;
    }
    case 'Polygon':
      return polygonProblems(g.coordinates, where);
    case 'MultiPolygon': {
      const problems = g.coordinates.flatMap((rings, i) => polygonProblems(rings, `${where} part ${i}`));
      // Parts of one MultiPolygon may touch at points but not cross or share edges.
      const segs: { seg: Seg; ring: number; index: number; ringLength: number }[] = [];
      g.coordinates.forEach((rings, pi) =>
        rings.forEach((ring, ri) => {
          for (let i = 0; i < ring.length - 1; i++) segs.push({ seg: [ring[i], ring[i + 1]], ring: pi * 1000 + ri, index: i, ringLength: ring.length });
        }),
      );
      return problems.concat(crossingProblems(segs, where));
    }
    default:
      return [`${where}: unsupported geometry type ${g.type}`];
  }
}

/** Counts digits after the decimal point of the JSON form of a number. */
export function decimals(x: number): number {
  const s = String(x);
  const dot = s.indexOf('.');
  return dot < 0 ? 0 : s.length - dot - 1;
}
