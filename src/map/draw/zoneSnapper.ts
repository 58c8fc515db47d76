/**
 * Snapping to existing zone boundaries while drawing or editing a measurement: the pointer is
 * pulled onto the nearest vertex (first) or edge of the visible layers' polygons and lines when it
 * comes within a few pixels. Edges sit in a Flatbush index (lon/lat boxes), so a pointer move looks
 * at the handful of edges near it only. Plugged into terra-draw as its `snapping.toCustom`.
 */
import type { Feature, Position } from 'geojson';
import { segmentIndex } from '../../geo/segmentIndex.ts';

export interface SnapPointer {
  containerX: number;
  containerY: number;
}

export interface ScreenProjection {
  project: (lng: number, lat: number) => { x: number; y: number };
  unproject: (x: number, y: number) => { lng: number; lat: number };
}

export interface ZoneSnapper {
  /** The snapped [lon, lat], or undefined when nothing is within `tolerancePx`. */
  snap(pointer: SnapPointer, projection: ScreenProjection): Position | undefined;
  readonly edgeCount: number;
}

/** Pixels within which a vertex wins over an edge, and within which anything snaps at all. */
export const SNAP_TOLERANCE_PX = 10;

/**
 * `precision`: decimals of the snapped coordinates; terra-draw refuses coordinates finer than its
 * adapter's precision (9 decimals ≈ 0.1 mm, far below any boundary's accuracy).
 */
export function createZoneSnapper(features: readonly Feature[], tolerancePx = SNAP_TOLERANCE_PX, precision = 9): ZoneSnapper {
  const f = 10 ** precision;
  const rounded = (x: number, y: number): Position => [Math.round(x * f) / f, Math.round(y * f) / f];
  const built = segmentIndex(features);
  if (!built) return { snap: () => undefined, edgeCount: 0 };
  const { index, segments: s } = built;

  return {
    edgeCount: s.length / 4,
    snap({ containerX: px, containerY: py }, { project, unproject }) {
      const a = unproject(px - tolerancePx, py - tolerancePx);
      const b = unproject(px + tolerancePx, py + tolerancePx);
      const candidates = index.search(Math.min(a.lng, b.lng), Math.min(a.lat, b.lat), Math.max(a.lng, b.lng), Math.max(a.lat, b.lat));
      if (candidates.length === 0) return undefined;
      let bestVertex: Position | undefined;
      let bestVertexD = tolerancePx;
      let bestEdge: Position | undefined;
      let bestEdgeD = tolerancePx;
      for (const i of candidates) {
        const ax = s[4 * i];
        const ay = s[4 * i + 1];
        const bx = s[4 * i + 2];
        const by = s[4 * i + 3];
        const p = project(ax, ay);
        const q = project(bx, by);
        const dp = Math.hypot(p.x - px, p.y - py);
        const dq = Math.hypot(q.x - px, q.y - py);
        if (dp <= bestVertexD) {
          bestVertexD = dp;
          bestVertex = rounded(ax, ay);
        }
        if (dq <= bestVertexD) {
          bestVertexD = dq;
          bestVertex = rounded(bx, by);
        }
        // Nearest point of the edge on screen; the same fraction along the edge in lon/lat puts
        // the vertex on the stored edge (short edges: screen and lon/lat are affine alike).
        const dx = q.x - p.x;
        const dy = q.y - p.y;
        const len2 = dx * dx + dy * dy;
        const t = len2 > 0 ? Math.max(0, Math.min(1, ((px - p.x) * dx + (py - p.y) * dy) / len2)) : 0;
        const d = Math.hypot(p.x + t * dx - px, p.y + t * dy - py);
        if (d <= bestEdgeD) {
          bestEdgeD = d;
          bestEdge = rounded(ax + t * (bx - ax), ay + t * (by - ay));
        }
      }
      return bestVertex ?? bestEdge;
    },
  };
}
