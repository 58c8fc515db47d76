import type { MultiPolygon, Polygon } from 'geojson';
import { flatPolygonsArea } from './flatRingArea.ts';
import { FlatRings } from './flatRings.ts';
import { throwIfIssues } from './GeometryError.ts';
import { validateGeometry } from './validateGeometry.ts';

const POLYGONAL = ['Polygon', 'MultiPolygon'] as const;
const rings = new FlatRings();

/**
 * Ellipsoidal area in m² (WGS84 / CGCS2000) of a Polygon or MultiPolygon with geodesic edges,
 * holes subtracted. Within 1e-6 (typically 1e-8) of GeographicLib's exact polygon area from a 30 m
 * square to a continent-sized triangle. Validates first and throws `GeometryError` for invalid
 * geometry (self-intersections, open rings, NaN …) instead of returning a wrong number.
 */
export function geodesicArea(geometry: Polygon | MultiPolygon, featureIndex = 0): number {
  throwIfIssues(validateGeometry(geometry, featureIndex, { accept: POLYGONAL, into: rings }));
  return flatPolygonsArea(rings);
}
