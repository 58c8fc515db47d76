import type { LineString, MultiLineString } from 'geojson';
import { throwIfIssues } from './GeometryError.ts';
import { lineLength } from './lineLength.ts';
import { validateGeometry } from './validateGeometry.ts';

const LINEAR = ['LineString', 'MultiLineString'] as const;

/**
 * Geodesic length in m (WGS84) of a LineString or MultiLineString, within 2e-8 of GeographicLib.
 * Throws `GeometryError` for invalid geometry.
 */
export function geodesicLength(geometry: LineString | MultiLineString, featureIndex = 0): number {
  throwIfIssues(validateGeometry(geometry, featureIndex, { accept: LINEAR }));
  if (geometry.type === 'LineString') return lineLength(geometry.coordinates);
  let sum = 0;
  for (const line of geometry.coordinates) sum += lineLength(line);
  return sum;
}
