import ClipperLib, { type Path } from 'clipper-lib';
import type { MultiPolygon, Polygon, Position } from 'geojson';

/** Largest integer coordinate Clipper handles with plain double arithmetic (its `loRange`). */
const INT_RANGE = 47_000_000;

/**
 * The valid polygon that an invalid (Multi)Polygon describes, as PostGIS `ST_MakeValid` (its
 * default "linework" method) and QGIS "Fix geometries" build it: the rings' linework is noded and
 * every face is kept whose point is enclosed by an odd number of rings — a bow tie becomes two
 * triangles, a hole outside its shell a second polygon, a part inside another part a hole, the
 * overlap of two parts a hole. Computed by Clipper with the even–odd rule on integer coordinates
 * (≈ 1e-8 of the shape's extent); vertices that are input vertices keep their exact coordinates,
 * only new crossing points are rounded. Rings must have valid positions (this repairs topology,
 * not coordinates). Returns null when nothing is left (e.g. a ring traced twice).
 */
export function repairPolygon(geometry: Polygon | MultiPolygon): Polygon | MultiPolygon | null {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const rings of polygons) {
    for (const ring of rings) {
      for (const p of ring) {
        minX = Math.min(minX, p[0]);
        maxX = Math.max(maxX, p[0]);
        minY = Math.min(minY, p[1]);
        maxY = Math.max(maxY, p[1]);
      }
    }
  }
  const cx = (minX + maxX) / 2;
  const cy = (minY + maxY) / 2;
  const scale = INT_RANGE / Math.max((maxX - minX) / 2, (maxY - minY) / 2, 1e-12);
  const original = new Map<string, Position>();
  const clipper = new ClipperLib.Clipper();
  clipper.StrictlySimple = true;
  for (const rings of polygons) {
    for (const ring of rings) {
      const path: Path = [];
      for (let i = 0; i + 1 < ring.length; i++) {
        const X = Math.round((ring[i][0] - cx) * scale);
        const Y = Math.round((ring[i][1] - cy) * scale);
        const key = `${X},${Y}`;
        if (!original.has(key)) original.set(key, [ring[i][0], ring[i][1]]);
        path.push({ X, Y });
      }
      if (path.length >= 3) clipper.AddPath(path, ClipperLib.PolyType.ptSubject, true);
    }
  }
  const solution: Path[] = [];
  clipper.Execute(ClipperLib.ClipType.ctUnion, solution, ClipperLib.PolyFillType.pftEvenOdd, ClipperLib.PolyFillType.pftEvenOdd);
  // Clipper joins faces that touch at points into one ring set (a hole touching its outer ring
  // twice); OGC wants each face whose interior is connected as its own polygon: trace the faces.
  const faces = traceFaces(solution.filter((path) => path.length >= 3));
  const shells = faces.filter((f) => f.twiceArea > 0);
  const holes = faces.filter((f) => f.twiceArea < 0);
  const polygonsOut: Path[][] = shells.map((shell) => [shell.path]);
  for (const hole of holes) {
    // The smallest shell holding a point of the hole that is not on the shell's boundary.
    let best = -1;
    for (let s = 0; s < shells.length; s++) {
      if (best !== -1 && shells[s].twiceArea >= shells[best].twiceArea) continue;
      if (holds(shells[s].path, hole.path)) best = s;
    }
    if (best !== -1) polygonsOut[best].push(hole.path);
  }
  const toRing = (path: Path, counterClockwise: boolean): Position[] => {
    const ring = path.map((pt) => original.get(`${pt.X},${pt.Y}`) ?? [cx + pt.X / scale, cy + pt.Y / scale]);
    if (twiceArea(path) > 0 !== counterClockwise) ring.reverse();
    ring.push(ring[0]);
    return ring;
  };
  // GeoJSON's orientation (RFC 7946): outer rings counter-clockwise, holes clockwise.
  const result = polygonsOut.map(([outer, ...inner]) => [toRing(outer, true), ...inner.map((h) => toRing(h, false))]);
  if (result.length === 0) return null;
  return result.length === 1 ? { type: 'Polygon', coordinates: result[0] } : { type: 'MultiPolygon', coordinates: result };
}

function twiceArea(path: Path): number {
  let twice = 0;
  for (let i = 0; i < path.length; i++) {
    const next = path[(i + 1) % path.length];
    twice += path[i].X * next.Y - next.X * path[i].Y;
  }
  return twice;
}

interface Face {
  path: Path;
  twiceArea: number;
}

/**
 * The faces of rings that meet only at vertices, each traced with its interior on the left (the
 * rings come from Clipper: outer rings counter-clockwise, holes clockwise): where several rings
 * meet, a walk arriving at the vertex leaves by the first edge clockwise from where it came, so
 * it stays on its own face. Every edge is used once.
 */
function traceFaces(paths: Path[]): Face[] {
  const key = (p: { X: number; Y: number }): string => `${p.X},${p.Y}`;
  const edges: Array<{ from: { X: number; Y: number }; to: { X: number; Y: number }; used: boolean }> = [];
  const outgoing = new Map<string, number[]>();
  for (const path of paths) {
    for (let i = 0; i < path.length; i++) {
      const from = path[i];
      const to = path[(i + 1) % path.length];
      if (from.X === to.X && from.Y === to.Y) continue;
      const list = outgoing.get(key(from));
      if (list) list.push(edges.length);
      else outgoing.set(key(from), [edges.length]);
      edges.push({ from, to, used: false });
    }
  }
  const faces: Face[] = [];
  for (let start = 0; start < edges.length; start++) {
    if (edges[start].used) continue;
    const path: Path = [];
    let e = start;
    while (!edges[e].used) {
      edges[e].used = true;
      path.push(edges[e].from);
      const { from, to } = edges[e];
      const choices = outgoing.get(key(to)) ?? [];
      if (choices.length === 1) {
        e = choices[0];
        continue;
      }
      // Angle of each way out, measured clockwise from the way back.
      const back = Math.atan2(from.Y - to.Y, from.X - to.X);
      let best = -1;
      let bestTurn = Infinity;
      for (const c of choices) {
        if (edges[c].used && c !== start) continue;
        const out = Math.atan2(edges[c].to.Y - to.Y, edges[c].to.X - to.X);
        let turn = back - out;
        while (turn <= 0) turn += 2 * Math.PI;
        if (turn < bestTurn) {
          bestTurn = turn;
          best = c;
        }
      }
      if (best === -1) break;
      e = best;
    }
    if (path.length >= 3) faces.push({ path, twiceArea: twiceArea(path) });
  }
  return faces.filter((f) => f.twiceArea !== 0);
}

/** Whether `inner` lies inside `outer` (rings that do not cross): its first vertex off outer's boundary decides. */
function holds(outer: Path, inner: Path): boolean {
  for (const p of inner) {
    const where = pointInPath(p, outer);
    if (where !== 0) return where > 0;
  }
  return false;
}

/** 1 inside, -1 outside, 0 on the boundary (exact: integer coordinates). */
function pointInPath(p: { X: number; Y: number }, path: Path): number {
  let inside = false;
  for (let i = 0, j = path.length - 1; i < path.length; j = i++) {
    const a = path[i];
    const b = path[j];
    const cross = (b.X - a.X) * (p.Y - a.Y) - (b.Y - a.Y) * (p.X - a.X);
    if (cross === 0 && Math.min(a.X, b.X) <= p.X && p.X <= Math.max(a.X, b.X) && Math.min(a.Y, b.Y) <= p.Y && p.Y <= Math.max(a.Y, b.Y)) return 0;
    if (a.Y > p.Y !== b.Y > p.Y && p.X < ((b.X - a.X) * (p.Y - a.Y)) / (b.Y - a.Y) + a.X) inside = !inside;
  }
  return inside ? 1 : -1;
}
