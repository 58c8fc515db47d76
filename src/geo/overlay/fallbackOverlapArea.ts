import polygonClipping, { type Geom } from 'polygon-clipping';
import { flatPolygonsArea } from '../flatRingArea.ts';
import { FlatRings } from '../flatRings.ts';
import type { PreparedPolygon } from './preparedPolygon.ts';
import { restoreCollinearVertices } from './restoreCollinearVertices.ts';

const rings = new FlatRings();

/**
 * Area in m² of A ∩ B by polygon-clipping (exact plane sweep), with the geodesic area of the
 * result (collinear vertices restored first). The last resort for the rare pairs whose crossings
 * `coveredArea` finds inconsistent; callers count how often it is needed.
 */
export function fallbackOverlapArea(a: PreparedPolygon, b: PreparedPolygon): number {
  const result = polygonClipping.intersection(a.coordinates as Geom, b.coordinates as Geom);
  rings.clear().addPolygons(restoreCollinearVertices(result, [a, b]));
  return flatPolygonsArea(rings);
}

/** Area in m² of region ∩ (zone₁ ∪ … ∪ zoneₖ) (or of the union alone) by polygon-clipping. */
export function fallbackCoveredArea(zones: PreparedPolygon[], region: PreparedPolygon | null): number {
  const [first, ...rest] = zones.map((z) => z.coordinates as Geom);
  let result = polygonClipping.union(first, ...rest);
  if (region) result = polygonClipping.intersection(result, region.coordinates as Geom);
  rings.clear().addPolygons(restoreCollinearVertices(result, region ? [...zones, region] : zones));
  return flatPolygonsArea(rings);
}
