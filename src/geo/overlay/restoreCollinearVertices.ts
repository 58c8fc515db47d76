import Flatbush from 'flatbush';
import type { Position } from 'geojson';
import { orient } from '../orient.ts';
import type { PreparedPolygon } from './preparedPolygon.ts';

/**
 * polygon-clipping drops vertices that lie on a straight lon/lat line between their neighbours.
 * For planar area that changes nothing, but edges here are geodesics: a 20 km edge along a
 * parallel, kept as one geodesic instead of ten short ones, bows away by metres and changes the
 * area (by 1e-4 for a county-sized square). This puts such vertices of the source polygons back
 * on the result's edges, in order.
 */
export function restoreCollinearVertices(polygons: Position[][][], sources: PreparedPolygon[]): Position[][][] {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const polygon of polygons) {
    for (const p of polygon[0]) {
      minX = Math.min(minX, p[0]);
      maxX = Math.max(maxX, p[0]);
      minY = Math.min(minY, p[1]);
      maxY = Math.max(maxY, p[1]);
    }
  }
  const xs: number[] = [];
  const ys: number[] = [];
  for (const s of sources) {
    for (let v = 0; v < s.vertexCount; v++) {
      const x = s.xs[v];
      const y = s.ys[v];
      if (x >= minX && x <= maxX && y >= minY && y <= maxY) {
        xs.push(x);
        ys.push(y);
      }
    }
  }
  if (xs.length === 0) return polygons;
  const index = new Flatbush(xs.length);
  for (let i = 0; i < xs.length; i++) index.add(xs[i], ys[i], xs[i], ys[i]);
  index.finish();
  return polygons.map((polygon) =>
    polygon.map((ring) => {
      const out: Position[] = [];
      for (let i = 0; i + 1 < ring.length; i++) {
        const [px, py] = ring[i];
        const [qx, qy] = ring[i + 1];
        out.push(ring[i]);
        const dx = qx - px;
        const dy = qy - py;
        const between: Array<[number, number, number]> = [];
        for (const k of index.search(Math.min(px, qx), Math.min(py, qy), Math.max(px, qx), Math.max(py, qy))) {
          if (orient(px, py, qx, qy, xs[k], ys[k]) !== 0) continue;
          const t = ((xs[k] - px) * dx + (ys[k] - py) * dy) / (dx * dx + dy * dy);
          if (t > 0 && t < 1) between.push([t, xs[k], ys[k]]);
        }
        between.sort((a, b) => a[0] - b[0]);
        for (let j = 0; j < between.length; j++) {
          if (j > 0 && between[j][1] === between[j - 1][1] && between[j][2] === between[j - 1][2]) continue;
          out.push([between[j][1], between[j][2]]);
        }
      }
      out.push(ring[ring.length - 1]);
      return out;
    }),
  );
}
