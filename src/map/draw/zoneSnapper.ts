/**
 * Snapping to existing zone boundaries while drawing or editing a measurement: the pointer is
 * pulled onto the nearest vertex (first) or edge of the visible layers' polygons and lines when it
 * comes within a few pixels. Edges sit in a Flatbush index (lon/lat boxes), so a pointer move looks
 * at the handful of edges near it only. Plugged into terra-draw as its `snapping.toCustom`.
 */
import Flatbush from 'flatbush';
import type { Feature, Position } from 'geojson';

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
  const ax: number[] = [];
  const ay: number[] = [];
  const bx: number[] = [];
  const by: number[] = [];
  const addLine = (line: Position[]) => {
    for (let i = 1; i < line.length; i++) {
      const [x1, y1] = line[i - 1];
      const [x2, y2] = line[i];
      if (x1 === x2 && y1 === y2) continue;
      ax.push(x1);
      ay.push(y1);
      bx.push(x2);
      by.push(y2);
    }
  };
  for (const feature of features) {
    const g = feature.geometry;
    if (!g) continue;
    switch (g.type) {
      case 'Polygon':
        g.coordinates.forEach(addLine);
        break;
      case 'MultiPolygon':
        g.coordinates.forEach((p) => p.forEach(addLine));
        break;
      case 'LineString':
        addLine(g.coordinates);
        break;
      case 'MultiLineString':
        g.coordinates.forEach(addLine);
        break;
    }
  }
  const n = ax.length;
  if (n === 0) return { snap: () => undefined, edgeCount: 0 };
  const index = new Flatbush(n);
  for (let i = 0; i < n; i++) index.add(Math.min(ax[i], bx[i]), Math.min(ay[i], by[i]), Math.max(ax[i], bx[i]), Math.max(ay[i], by[i]));
  index.finish();

  return {
    edgeCount: n,
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
        const p = project(ax[i], ay[i]);
        const q = project(bx[i], by[i]);
        const dp = Math.hypot(p.x - px, p.y - py);
        const dq = Math.hypot(q.x - px, q.y - py);
        if (dp <= bestVertexD) {
          bestVertexD = dp;
          bestVertex = rounded(ax[i], ay[i]);
        }
        if (dq <= bestVertexD) {
          bestVertexD = dq;
          bestVertex = rounded(bx[i], by[i]);
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
          bestEdge = rounded(ax[i] + t * (bx[i] - ax[i]), ay[i] + t * (by[i] - ay[i]));
        }
      }
      return bestVertex ?? bestEdge;
    },
  };
}
