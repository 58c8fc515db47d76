import type { Geometry, Position } from 'geojson';
import { orient } from '../../geo/orient.ts';
import { pointInRing } from '../../geo/pointInRing.ts';
import { locateInArea } from './locateInArea.ts';

/**
 * Whether a feature's geometry has any point in common with an area (MultiPolygon coordinates):
 * a point inside or on it, a line or polygon edge crossing its boundary, or a polygon that holds
 * the area. Used to count the features "in" a county: a wetland on a county line counts for both.
 */
export function geometryTouchesArea(geometry: Geometry | null, area: Position[][][]): boolean {
  if (!geometry) return false;
  // Most features lie far from a given county: their boxes alone settle it.
  if (!boxesMeet(positionsBox(geometry), ringsBox(area.flat()))) return false;
  switch (geometry.type) {
    case 'Point':
      return locateInArea(geometry.coordinates[0], geometry.coordinates[1], area) >= 0;
    case 'MultiPoint':
      return geometry.coordinates.some(([x, y]) => locateInArea(x, y, area) >= 0);
    case 'LineString':
      return pathTouches(geometry.coordinates, area);
    case 'MultiLineString':
      return geometry.coordinates.some((line) => pathTouches(line, area));
    case 'Polygon':
      return polygonTouches(geometry.coordinates, area);
    case 'MultiPolygon':
      return geometry.coordinates.some((polygon) => polygonTouches(polygon, area));
    case 'GeometryCollection':
      return geometry.geometries.some((g) => geometryTouchesArea(g, area));
  }
}

type Box = [number, number, number, number];

function ringsBox(rings: Position[][]): Box {
  const box: Box = [Infinity, Infinity, -Infinity, -Infinity];
  for (const ring of rings) {
    for (const [x, y] of ring) {
      if (x < box[0]) box[0] = x;
      if (y < box[1]) box[1] = y;
      if (x > box[2]) box[2] = x;
      if (y > box[3]) box[3] = y;
    }
  }
  return box;
}

function positionsBox(geometry: Geometry): Box {
  switch (geometry.type) {
    case 'Point':
      return ringsBox([[geometry.coordinates]]);
    case 'MultiPoint':
    case 'LineString':
      return ringsBox([geometry.coordinates]);
    case 'MultiLineString':
    case 'Polygon':
      return ringsBox(geometry.coordinates);
    case 'MultiPolygon':
      return ringsBox(geometry.coordinates.flat());
    case 'GeometryCollection':
      return geometry.geometries.map(positionsBox).reduce((a, b) => [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])], [Infinity, Infinity, -Infinity, -Infinity]);
  }
}

const boxesMeet = (a: Box, b: Box) => a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];

function pathTouches(path: Position[], area: Position[][][]): boolean {
  if (path.some(([x, y]) => locateInArea(x, y, area) >= 0)) return true;
  return area.some((polygon) => polygon.some((ring) => pathsCross(path, ring)));
}

function polygonTouches(polygon: Position[][], area: Position[][][]): boolean {
  // A big zone holding the area is settled by one of the area's vertices; then the usual tests.
  return holdsPoint(polygon, area[0][0][0]) || polygon.some((ring) => pathTouches(ring, area));
}

/** The point is inside or on the polygon (outer ring, not in a hole). */
function holdsPoint(polygon: Position[][], [x, y]: Position): boolean {
  if (pointInRing(x, y, polygon[0]) < 0) return false;
  return !polygon.slice(1).some((hole) => pointInRing(x, y, hole) > 0);
}

function pathsCross(a: Position[], b: Position[]): boolean {
  for (let i = 1; i < a.length; i++) {
    const [px, py] = a[i - 1];
    const [qx, qy] = a[i];
    for (let j = 1; j < b.length; j++) {
      const [ux, uy] = b[j - 1];
      const [vx, vy] = b[j];
      if (Math.max(px, qx) < Math.min(ux, vx) || Math.min(px, qx) > Math.max(ux, vx)) continue;
      if (Math.max(py, qy) < Math.min(uy, vy) || Math.min(py, qy) > Math.max(uy, vy)) continue;
      const o1 = orient(px, py, qx, qy, ux, uy);
      const o2 = orient(px, py, qx, qy, vx, vy);
      const o3 = orient(ux, uy, vx, vy, px, py);
      const o4 = orient(ux, uy, vx, vy, qx, qy);
      if (o1 * o2 <= 0 && o3 * o4 <= 0) return true;
    }
  }
  return false;
}
