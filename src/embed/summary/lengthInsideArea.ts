import type { Position } from 'geojson';
import { addSegmentCuts } from '../../geo/overlay/segmentCuts.ts';
import { segmentLength } from '../../geo/segmentLength.ts';
import { locateInArea } from './locateInArea.ts';

/**
 * Geodesic length in m of the part of a line inside an area (MultiPolygon coordinates). Each
 * segment is cut where it meets the area's boundary and every piece is placed by its midpoint;
 * pieces on the boundary count as inside. Cuts are found in lon/lat, as the area's edges are
 * drawn there (the map and the statistics treat edges the same way).
 */
export function lengthInsideArea(line: Position[], area: Position[][][]): number {
  const edges = areaEdges(area);
  const [west, south, east, north] = edgesBox(edges);
  let inside = 0;
  const cuts: number[] = [];
  for (let i = 1; i < line.length; i++) {
    const [px, py] = line[i - 1];
    const [qx, qy] = line[i];
    const minX = Math.min(px, qx);
    const maxX = Math.max(px, qx);
    const minY = Math.min(py, qy);
    const maxY = Math.max(py, qy);
    if (maxX < west || minX > east || maxY < south || minY > north) continue;
    cuts.length = 0;
    cuts.push(0, 1);
    for (let e = 0; e < edges.length; e += 4) {
      const ux = edges[e];
      const uy = edges[e + 1];
      const vx = edges[e + 2];
      const vy = edges[e + 3];
      if (Math.max(ux, vx) < minX || Math.min(ux, vx) > maxX || Math.max(uy, vy) < minY || Math.min(uy, vy) > maxY) continue;
      addSegmentCuts(px, py, qx, qy, ux, uy, vx, vy, cuts);
    }
    cuts.sort((a, b) => a - b);
    for (let k = 1; k < cuts.length; k++) {
      const t0 = cuts[k - 1];
      const t1 = cuts[k];
      if (t1 <= t0) continue;
      const x0 = px + t0 * (qx - px);
      const y0 = py + t0 * (qy - py);
      const x1 = px + t1 * (qx - px);
      const y1 = py + t1 * (qy - py);
      if (locateInArea((x0 + x1) / 2, (y0 + y1) / 2, area) >= 0) inside += segmentLength(x0, y0, x1, y1);
    }
  }
  return inside;
}

/** Every ring edge of the area as a flat list [ux, uy, vx, vy, …]. */
function areaEdges(area: Position[][][]): Float64Array {
  let count = 0;
  for (const polygon of area) for (const ring of polygon) count += ring.length;
  const edges = new Float64Array(count * 4);
  let n = 0;
  for (const polygon of area) {
    for (const ring of polygon) {
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        edges[n++] = ring[j][0];
        edges[n++] = ring[j][1];
        edges[n++] = ring[i][0];
        edges[n++] = ring[i][1];
      }
    }
  }
  return edges.subarray(0, n);
}

function edgesBox(edges: Float64Array): [number, number, number, number] {
  let west = Infinity;
  let south = Infinity;
  let east = -Infinity;
  let north = -Infinity;
  for (let e = 0; e < edges.length; e += 2) {
    west = Math.min(west, edges[e]);
    east = Math.max(east, edges[e]);
    south = Math.min(south, edges[e + 1]);
    north = Math.max(north, edges[e + 1]);
  }
  return [west, south, east, north];
}
