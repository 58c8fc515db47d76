import type { Geometry, Position } from 'geojson';

/** [west, south, east, north] of a geometry's positions, or null when it has none. */
export function featureBounds(geometry: Geometry | null): [number, number, number, number] | null {
  const box: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  const add = ([x, y]: Position) => {
    if (x < box[0]) box[0] = x;
    if (y < box[1]) box[1] = y;
    if (x > box[2]) box[2] = x;
    if (y > box[3]) box[3] = y;
  };
  const walk = (g: Geometry) => {
    switch (g.type) {
      case 'Point':
        return add(g.coordinates);
      case 'MultiPoint':
      case 'LineString':
        return g.coordinates.forEach(add);
      case 'MultiLineString':
      case 'Polygon':
        return g.coordinates.forEach((ring) => ring.forEach(add));
      case 'MultiPolygon':
        return g.coordinates.forEach((polygon) => polygon.forEach((ring) => ring.forEach(add)));
      case 'GeometryCollection':
        return g.geometries.forEach(walk);
    }
  };
  if (geometry) walk(geometry);
  return Number.isFinite(box[0]) ? box : null;
}
