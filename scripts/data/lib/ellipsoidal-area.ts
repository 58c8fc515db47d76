/**
 * Ellipsoidal (WGS84 ≈ CGCS2000) area of GeoJSON polygons with GeographicLib, the way official
 * Chinese land statistics are computed. Used by the data build for its report and checks.
 */
import geographiclib from 'geographiclib-geodesic';

const { Geodesic } = geographiclib;
import type { Geometry, Position } from 'geojson';

/** Unsigned area of one ring in m². */
export function ringAreaM2(ring: Position[]): number {
  const poly = Geodesic.WGS84.Polygon(false);
  // The closing position repeats the first one; GeographicLib closes rings itself.
  const n = ring.length > 1 && ring[0][0] === ring[ring.length - 1][0] && ring[0][1] === ring[ring.length - 1][1]
    ? ring.length - 1
    : ring.length;
  for (let i = 0; i < n; i++) poly.AddPoint(ring[i][1], ring[i][0]);
  return Math.abs(poly.Compute(false, true).area ?? 0);
}

/** Area in m² of a Polygon or MultiPolygon (holes subtracted); 0 for other geometry types. */
export function geometryAreaM2(g: Geometry): number {
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : [];
  let total = 0;
  for (const rings of polys) {
    rings.forEach((ring, i) => {
      total += i === 0 ? ringAreaM2(ring) : -ringAreaM2(ring);
    });
  }
  return total;
}
