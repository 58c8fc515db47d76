import type { Feature, Geometry, Position } from 'geojson';
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

/**
 * A zone's shape whose rings are read from `feature` each time they are asked for, not kept: a
 * packed feature (packedFeatureViews) builds its geometry on every read, so the statistics over a
 * large imported layer (67,000 polygons) no longer hold the whole layer as an object tree (~230 MB
 * in the statistics worker) from the first zone to the last. A plain feature gives its own arrays.
 */
export function zoneShapeOfFeature(feature: Feature): ZoneShape {
  const { minX, minY, maxX, maxY } = zoneShapeOf(polygonsOf(feature.geometry));
  return {
    get coordinates() {
      return polygonsOf(feature.geometry);
    },
    minX,
    minY,
    maxX,
    maxY,
  };
}
