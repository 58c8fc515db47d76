/**
 * The evidence polygon of a typed restoration figure when no measurement is given: the site's own
 * outline, or for a site the pack places only as a point, a square of about 100 m around it
 * (schematic, like the point). Lines have no area to stand for a site: null.
 */
import type { Geometry, MultiPolygon, Polygon } from 'geojson';

const HALF_SIDE_DEG = 0.00045;

export function siteEvidence(geometry: Geometry | null | undefined): Polygon | MultiPolygon | null {
  if (!geometry) return null;
  if (geometry.type === 'Polygon' || geometry.type === 'MultiPolygon') return geometry;
  if (geometry.type !== 'Point') return null;
  const [x, y] = geometry.coordinates;
  const d = HALF_SIDE_DEG;
  return { type: 'Polygon', coordinates: [[[x - d, y - d], [x + d, y - d], [x + d, y + d], [x - d, y + d], [x - d, y - d]]] };
}
