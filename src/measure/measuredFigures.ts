import { geodesicArea } from '../geo/geodesicArea.ts';
import { geodesicLength } from '../geo/geodesicLength.ts';
import { geodesicPerimeter } from '../geo/geodesicPerimeter.ts';
import type { MeasuredFigures, MeasuredGeometry } from './types.ts';

/**
 * The final figures of a shape: ellipsoidal area and geodesic perimeter for polygons, geodesic
 * length for lines, straight from the geo core (the same functions the statistics and the CLI use).
 * Throws `GeometryError` for a self-intersecting or otherwise invalid shape.
 */
export function measuredFigures(geometry: MeasuredGeometry): MeasuredFigures {
  if (geometry.type === 'LineString') return { type: 'length', length_m: geodesicLength(geometry) };
  return { type: 'area', area_m2: geodesicArea(geometry), perimeter_m: geodesicPerimeter(geometry) };
}
