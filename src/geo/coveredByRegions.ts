import type { Geometry } from 'geojson';
import { geodesicArea } from './geodesicArea.ts';
import { geodesicLength } from './geodesicLength.ts';
import { IN_REGION_MIN, measureInRegions, type PreparedRegions, type UndecidedArea } from './measureInRegions.ts';
import { locatePoint } from './overlay/locatePoint.ts';

/**
 * Where the boundary integral cannot decide (crossings at the limits of floating point, typically
 * a shape drawn along the border itself), a vertex strictly inside stands for "inside": the zone's
 * own area. Without Clipper, which stays out of the app's first download.
 */
const vertexInside: UndecidedArea = ({ polygon, edges }, zone) => {
  for (let v = 0; v < zone.vertexCount; v++) if (locatePoint(polygon, zone.xs[v], zone.ys[v], edges) === 1) return zone.area;
  return 0;
};

/** The geometry's whole amount in `measureInRegions`' units: area (m²), length (m) or point count; null for a collection. */
function wholeAmount(geometry: Geometry): number | null {
  switch (geometry.type) {
    case 'Polygon':
    case 'MultiPolygon':
      return geodesicArea(geometry);
    case 'LineString':
    case 'MultiLineString':
      return geodesicLength(geometry);
    case 'Point':
      return 1;
    case 'MultiPoint':
      return geometry.coordinates.length;
    default:
      return null;
  }
}

/**
 * Does the geometry lie within the union of `regions` (a county editor's counties)? The question
 * the server asks before a county editor's write (PostGIS `ST_CoveredBy` against the union of
 * their counties' polygons, seeded from the same pack), answered in the browser by measuring: what
 * of the geometry's area, length or points lies in the regions (`measureInRegions`, the one
 * definition of "in a county") must be all of it, up to rounding (1e-7 of it, at least 1 mm²).
 * A shape on the border itself counts as inside, as ST_CoveredBy counts it. A collection, or a
 * geometry the overlay cannot read, is not within.
 */
export function coveredByRegions(regions: readonly Geometry[] | PreparedRegions, geometry: Geometry): boolean {
  let whole: number | null;
  try {
    whole = wholeAmount(geometry);
  } catch {
    return false;
  }
  if (whole === null) return false;
  let inside = 0;
  measureInRegions(regions, [geometry], vertexInside, (_, amounts) => {
    for (const amount of amounts) inside += amount;
  });
  return whole - inside <= Math.max(IN_REGION_MIN, whole * 1e-7);
}
