import polygonClipping, { type Geom } from 'polygon-clipping';
import { flatPolygonsArea } from '../flatRingArea.ts';
import { FlatRings } from '../flatRings.ts';
import type { PreparedPolygon } from './preparedPolygon.ts';
import { restoreCollinearVertices } from './restoreCollinearVertices.ts';

const rings = new FlatRings();

/**
 * Area in m² of A ∩ B by polygon-clipping (exact plane sweep, handles shared edges and touching
 * vertices), with the geodesic area of the result (collinear vertices restored first). Slower than `overlapArea`, used only for the
 * pairs it declines.
 */
export function fallbackOverlapArea(a: PreparedPolygon, b: PreparedPolygon): number {
  const result = polygonClipping.intersection(a.coordinates as Geom, b.coordinates as Geom);
  rings.clear().addPolygons(restoreCollinearVertices(result, [a, b]));
  return flatPolygonsArea(rings);
}
