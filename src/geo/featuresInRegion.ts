import Flatbush from 'flatbush';
import type { Geometry } from 'geojson';
import { addLineLengths, countPoint, type IndexedRegion } from './overlay/clipLinesAndPoints.ts';
import { coveredArea } from './overlay/coveredArea.ts';
import { indexEdges } from './overlay/edgeIndex.ts';
import { clipperCoveredArea } from './overlay/clipperArea.ts';
import { emptyPreparedPolygon, preparePolygon } from './overlay/preparedPolygon.ts';
import { polygonsOf } from './overlay/zoneShape.ts';

/** Regions indexed once, for placing features slice by slice (see `featuresInRegions`). */
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
  if (indexed.length === 0) boxes.add(-1e9, -1e9, -1e9, -1e9);
  boxes.finish();
  return { indexed, boxes };
}

/**
 * Which features lie "in" each region (county): the one definition used by the county table's
 * counts, the county overview's list and the widget's summary. A feature is in a region when
 *   - a polygon: a positive area of it lies in the region (a shared border or corner is not enough);
 *   - a line: a positive length of it lies in the region (a stretch along a shared border goes to
 *     the first region, as in `zoneStatistics`);
 *   - a point: it lies inside the region, or on its border (then the first region only);
 *   - a multi-part geometry or collection: any of its parts is.
 * A feature across a border is thus in both counties. These are the rules `zoneStatistics` uses for
 * area, length and count, so a county that lists a feature also has area, length or a count of it.
 * Regions must be valid (Multi)Polygons; features that cannot be read (null or broken geometry) are
 * in no region. Returns, per region, the indices of its features in input order. `regions` may be
 * prepared once (`prepareRegions`) for many calls.
 */
export function featuresInRegions(regions: readonly Geometry[] | PreparedRegions, features: readonly (Geometry | null | undefined)[]): number[][] {
  const { indexed, boxes } = Array.isArray(regions) ? prepareRegions(regions) : (regions as PreparedRegions);

  const result: number[][] = indexed.map(() => []);
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
          amounts[r] += coveredArea(region.polygon, region.edges, zone) ?? clipperCoveredArea([zone], region.polygon);
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
    // Above rounding noise: 1 mm of line, 0.001 m² of area (a point counts 1).
    for (let r = 0; r < amounts.length; r++) if (amounts[r] > 1e-3) result[r].push(i);
  });
  return result;
}
