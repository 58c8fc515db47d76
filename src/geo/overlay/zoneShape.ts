import type { Geometry, Position } from 'geojson';
import type { ZoneShape } from './mergeOverlappingZones.ts';

/** Rings of a (Multi)Polygon as a list of polygons. */
export function polygonsOf(geometry: Geometry | null): Position[][][] {
  if (geometry?.type === 'Polygon') return [geometry.coordinates];
  if (geometry?.type === 'MultiPolygon') return geometry.coordinates;
  throw new TypeError(`expected a Polygon or MultiPolygon, got ${geometry?.type}`);
}

/** A zone's rings with the box of its outer rings. */
export function zoneShapeOf(coordinates: Position[][][]): ZoneShape {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const polygon of coordinates) {
    for (const p of polygon[0]) {
      if (p[0] < minX) minX = p[0];
      if (p[0] > maxX) maxX = p[0];
      if (p[1] < minY) minY = p[1];
      if (p[1] > maxY) maxY = p[1];
    }
  }
  return { coordinates, minX, minY, maxX, maxY };
}
