import ClipperLib, { type Path } from 'clipper-lib';
import type { Position } from 'geojson';
import { signedFlatRingArea } from '../flatRingArea.ts';
import { FlatRings } from '../flatRings.ts';
import type { PreparedPolygon } from './preparedPolygon.ts';
import { boundsOfPolygons } from './boundsOfPolygons.ts';

/**
 * Largest integer coordinate clipper-lib handles with plain double arithmetic (its `loRange`,
 * √(2⁵³−1)/2); beyond it it switches to slow 128-bit products.
 */
const INT_RANGE = 47_000_000;
const rings = new FlatRings();

/**
 * Area in m² of region ∩ (zone₁ ∪ … ∪ zoneₖ) (of the union alone when `region` is null), by
 * Clipper: integer coordinates and exact integer predicates, so it gives an answer for any valid
 * input, near-coincident vertices and slivers included, and never throws.
 *
 * The work is local: coordinates are taken relative to the centre of the zones' box with margin
 * and scaled so that box fills Clipper's exact range (≈ 1e-8 of the box per unit), and the region
 * is first cut to that window (Sutherland–Hodgman: the winding number inside the window is kept,
 * and the window's own edges lie outside every zone). Output vertices that are input vertices get
 * their exact input coordinates back; only new crossing points carry the rounding. The result is
 * measured with geodesic edges: the inputs are prepared polygons, whose long edges are already
 * split along the geodesic, so every cut point lies on the geodesic to the preparation tolerance.
 */
export function clipperCoveredArea(zones: readonly PreparedPolygon[], region: PreparedPolygon | null): number {
  const { minX, minY, maxX, maxY } = boundsOfPolygons(zones);
  const margin = 0.05 * Math.max(maxX - minX, maxY - minY) + 1e-9;
  const wx0 = minX - margin;
  const wy0 = minY - margin;
  const wx1 = maxX + margin;
  const wy1 = maxY + margin;
  const cx = (wx0 + wx1) / 2;
  const cy = (wy0 + wy1) / 2;
  const scale = INT_RANGE / Math.max(wx1 - cx, wy1 - cy);
  const original = new Map<string, Position>();
  const toPath = (xs: ArrayLike<number>, ys: ArrayLike<number>, from: number, to: number, reverse: boolean): Path => {
    const path: Path = [];
    for (let k = 0; k < to - from; k++) {
      const i = reverse ? to - 1 - k : from + k;
      const X = Math.round((xs[i] - cx) * scale);
      const Y = Math.round((ys[i] - cy) * scale);
      const key = `${X},${Y}`;
      if (!original.has(key)) original.set(key, [xs[i], ys[i]]);
      path.push({ X, Y });
    }
    return path;
  };
  // Every zone with winding +1 inside (outer rings counter-clockwise, holes clockwise), so the
  // non-zero rule gives their union; the same for the region.
  const clipper = new ClipperLib.Clipper(ClipperLib.Clipper.ioPreserveCollinear);
  for (const z of zones) {
    for (let r = 0; r < z.ringCount; r++) {
      clipper.AddPath(toPath(z.xs, z.ys, z.ringStart[r], z.ringEnd[r], z.ringSign[r] < 0), ClipperLib.PolyType.ptSubject, true);
    }
  }
  if (region) {
    for (let r = 0; r < region.ringCount; r++) {
      const cut = clipRingToBox(region, r, wx0, wy0, wx1, wy1);
      if (cut.xs.length < 3) continue;
      clipper.AddPath(toPath(cut.xs, cut.ys, 0, cut.xs.length, region.ringSign[r] < 0), ClipperLib.PolyType.ptClip, true);
    }
  }
  const solution: Path[] = [];
  const nonZero = ClipperLib.PolyFillType.pftNonZero;
  clipper.Execute(region ? ClipperLib.ClipType.ctIntersection : ClipperLib.ClipType.ctUnion, solution, nonZero, nonZero);
  let area = 0;
  for (const path of solution) {
    if (path.length < 3) continue;
    let twice = 0;
    const coords: Position[] = path.map((pt, i) => {
      const next = path[(i + 1) % path.length];
      twice += pt.X * next.Y - next.X * pt.Y;
      return original.get(`${pt.X},${pt.Y}`) ?? [cx + pt.X / scale, cy + pt.Y / scale];
    });
    if (twice === 0) continue;
    coords.push(coords[0]);
    rings.clear();
    if (rings.addRing(coords, 0, 0) !== -1) continue;
    // Outer rings come out counter-clockwise, holes clockwise: the plane orientation gives the sign.
    area += Math.sign(twice) * Math.abs(signedFlatRingArea(rings, 0));
  }
  return Math.max(0, area);
}

/** Ring r of p cut to the box (Sutherland–Hodgman; the box is convex, the ring's winding kept inside it). */
function clipRingToBox(p: PreparedPolygon, r: number, x0: number, y0: number, x1: number, y1: number): { xs: number[]; ys: number[] } {
  let xs: number[] = [];
  let ys: number[] = [];
  for (let v = p.ringStart[r]; v < p.ringEnd[r]; v++) {
    xs.push(p.xs[v]);
    ys.push(p.ys[v]);
  }
  const sides: Array<[axis: 0 | 1, bound: number, keepAbove: boolean]> = [
    [0, x0, true],
    [0, x1, false],
    [1, y0, true],
    [1, y1, false],
  ];
  for (const [axis, bound, keepAbove] of sides) {
    const n = xs.length;
    if (n === 0) break;
    const outX: number[] = [];
    const outY: number[] = [];
    const inside = (i: number): boolean => {
      const c = axis === 0 ? xs[i] : ys[i];
      return keepAbove ? c >= bound : c <= bound;
    };
    for (let i = 0; i < n; i++) {
      const j = (i + 1) % n;
      const a = inside(i);
      const b = inside(j);
      if (a) {
        outX.push(xs[i]);
        outY.push(ys[i]);
      }
      if (a !== b) {
        const ci = axis === 0 ? xs[i] : ys[i];
        const cj = axis === 0 ? xs[j] : ys[j];
        const t = (bound - ci) / (cj - ci);
        outX.push(axis === 0 ? bound : xs[i] + t * (xs[j] - xs[i]));
        outY.push(axis === 1 ? bound : ys[i] + t * (ys[j] - ys[i]));
      }
    }
    xs = outX;
    ys = outY;
  }
  return { xs, ys };
}
