import Flatbush from 'flatbush';
import type { Geometry } from 'geojson';
import { addLineLengths, countPoint, type IndexedRegion } from './overlay/clipLinesAndPoints.ts';
import { coveredArea } from './overlay/coveredArea.ts';
import { indexEdges } from './overlay/edgeIndex.ts';
import { emptyPreparedPolygon, preparePolygon, type PreparedPolygon } from './overlay/preparedPolygon.ts';
import { polygonsOf } from './overlay/zoneShape.ts';

/** Above rounding noise: a feature is in a region with more than 1 mm of line or 0.001 m² of area (a point counts 1). */
export const IN_REGION_MIN = 1e-3;

/** Regions indexed once, for measuring features slice by slice. */
export interface PreparedRegions {
  indexed: IndexedRegion[];
  boxes: Flatbush;
}

export function prepareRegions(regions: readonly Geometry[]): PreparedRegions {
  const indexed: IndexedRegion[] = regions.map((g) => {
    const polygon = preparePolygon(polygonsOf(g));
    return { polygon, edges: indexEdges(polygon) };
  });
  const boxes = new Flatbush(Math.max(1, indexed.length));
  for (const { polygon: p } of indexed) boxes.add(p.minX, p.minY, p.maxX, p.maxY);
  // Flatbush needs at least one item; a box nothing can meet stands in for "no regions".
  if (indexed.length === 0) boxes.add(-1e9, -1e9, -1e9, -1e9);
  boxes.finish();
  return { indexed, boxes };
}

/**
 * The area (m²) of a polygon in a region where `coveredArea`'s boundary integral cannot decide (a
 * crossing at the limits of floating point). The app passes Clipper's exact overlay; the widget,
 * whose 480 KB budget has no room for Clipper, passes a vertex test.
 */
export type UndecidedArea = (region: IndexedRegion, zone: PreparedPolygon) => number;

/**
 * How much of each feature lies in each region, by the rules of `featuresInRegions` (the one
 * definition of "in a county"): a polygon's area, a line's length (a stretch along a shared border
 * to the first region, as `zoneStatistics`), a point's count (on a border: the first region), a
 * multi-part geometry or collection summed over its parts. `visit` gets each readable feature's
 * amounts per region (the array is reused: copy what you keep); null or unreadable geometries are
 * skipped. Regions must be valid (Multi)Polygons, and may be prepared once (`prepareRegions`)
 * for many calls.
 */
export function measureInRegions(
  regions: readonly Geometry[] | PreparedRegions,
  features: readonly (Geometry | null | undefined)[],
  undecidedArea: UndecidedArea,
  visit: (feature: number, amounts: Float64Array) => void,
): void {
  const { indexed, boxes } = Array.isArray(regions) ? prepareRegions(regions) : (regions as PreparedRegions);

  const amounts = new Float64Array(indexed.length);
  const scratch = emptyPreparedPolygon();
  const measure = (g: Geometry): void => {
    switch (g.type) {
      case 'Point':
        countPoint(g.coordinates[0], g.coordinates[1], indexed, boxes, amounts);
        break;
      case 'MultiPoint':
        for (const p of g.coordinates) countPoint(p[0], p[1], indexed, boxes, amounts);
        break;
      case 'LineString':
        addLineLengths(g.coordinates, indexed, boxes, amounts);
        break;
      case 'MultiLineString':
        for (const line of g.coordinates) addLineLengths(line, indexed, boxes, amounts);
        break;
      case 'Polygon':
      case 'MultiPolygon': {
        const zone = preparePolygon(polygonsOf(g), scratch);
        for (const r of boxes.search(zone.minX, zone.minY, zone.maxX, zone.maxY)) {
          const region = indexed[r];
          amounts[r] += coveredArea(region.polygon, region.edges, zone) ?? undecidedArea(region, zone);
        }
        break;
      }
      case 'GeometryCollection':
        for (const member of g.geometries) measure(member);
        break;
    }
  };
  features.forEach((geometry, i) => {
    if (!geometry) return;
    amounts.fill(0);
    try {
      measure(geometry);
    } catch {
      return; // A geometry the overlay cannot read lies in no region.
    }
    visit(i, amounts);
  });
}
