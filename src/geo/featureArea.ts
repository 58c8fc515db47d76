import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { geodesicArea } from './geodesicArea.ts';

/** `geodesicArea` of a feature's geometry, in m². Throws `GeometryError` for invalid geometry. */
export function featureArea(feature: Feature<Polygon | MultiPolygon>, featureIndex = 0): number {
  return geodesicArea(feature?.geometry, featureIndex);
}
