import type { MultiPolygon, Polygon } from 'geojson';
import { throwIfIssues } from './GeometryError.ts';
import { lineLength } from './lineLength.ts';
import { validateGeometry } from './validateGeometry.ts';

const POLYGONAL = ['Polygon', 'MultiPolygon'] as const;

/**
 * Geodesic perimeter in m (WGS84) of a Polygon or MultiPolygon: the length of every ring, holes
 * included (the whole boundary). Throws `GeometryError` for invalid geometry.
 */
export function geodesicPerimeter(geometry: Polygon | MultiPolygon, featureIndex = 0): number {
  throwIfIssues(validateGeometry(geometry, featureIndex, { accept: POLYGONAL }));
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  let sum = 0;
  for (const polygon of polygons) for (const ring of polygon) sum += lineLength(ring);
  return sum;
}
