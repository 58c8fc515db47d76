/**
 * Which features lie in a region (a county, or all counties), measured with src/geo's overlay
 * engine — the boundary integral (`coveredArea`) for polygons, `addLineLengths` for lines and
 * `countPoint` for points, the same calls `zoneStatistics` makes per region and kind. A feature is
 * in the region when it has a positive area or length in it, or (a point) lies inside it; touching
 * the border is not enough. The same definition as `src/geo/featuresInRegion.ts` (written on the
 * workspace branch): the widget's counting lives only here so the two can become one call.
 *
 * It calls the engine's parts rather than `zoneStatistics` itself because the widget's budget
 * (480 KB gzip with MapLibre) has no room for what `zoneStatistics` adds around them: geometry
 * validation (the pack's data is validated when it is built, tests/unit/data-pack.test.ts) and
 * polygon-clipping as the fallback for crossings at the limits of floating point — there a
 * polygon counts as in the region when one of its vertices lies strictly inside (no area given).
 */
import Flatbush from 'flatbush';
import type { Feature, Geometry, MultiPolygon, Polygon } from 'geojson';
import { addLineLengths, countPoint, type IndexedRegion } from '../geo/overlay/clipLinesAndPoints.ts';
import { coveredArea } from '../geo/overlay/coveredArea.ts';
import { indexEdges } from '../geo/overlay/edgeIndex.ts';
import { locatePoint } from '../geo/overlay/locatePoint.ts';
import { preparePolygon, type PreparedPolygon } from '../geo/overlay/preparedPolygon.ts';
import { polygonsOf } from '../geo/overlay/zoneShape.ts';

interface FeatureInRegion {
  /** Area inside the regions, m² (0 where the fallback decided by a vertex). */
  area: number;
  /** Length inside the regions, m (a piece on a shared border counted once). */
  length: number;
  /** Points inside the regions. */
  count: number;
  inside: boolean;
}

function anyVertexInside(region: PreparedPolygon, edges: Flatbush, zone: PreparedPolygon): boolean {
  for (let v = 0; v < zone.vertexCount; v++) if (locatePoint(region, zone.xs[v], zone.ys[v], edges) === 1) return true;
  return false;
}

function measure(geometry: Geometry, regions: IndexedRegion[], boxes: Flatbush, out: FeatureInRegion): void {
  const sums = new Float64Array(regions.length);
  switch (geometry.type) {
    case 'Point':
      countPoint(geometry.coordinates[0], geometry.coordinates[1], regions, boxes, sums);
      out.count = sums.reduce((a, b) => a + b, 0);
      return;
    case 'MultiPoint':
      for (const p of geometry.coordinates) countPoint(p[0], p[1], regions, boxes, sums);
      out.count = sums.reduce((a, b) => a + b, 0);
      return;
    case 'LineString':
      addLineLengths(geometry.coordinates, regions, boxes, sums);
      out.length = sums.reduce((a, b) => a + b, 0);
      return;
    case 'MultiLineString':
      for (const line of geometry.coordinates) addLineLengths(line, regions, boxes, sums);
      out.length = sums.reduce((a, b) => a + b, 0);
      return;
    case 'Polygon':
    case 'MultiPolygon': {
      const zone = preparePolygon(polygonsOf(geometry));
      for (const r of boxes.search(zone.minX, zone.minY, zone.maxX, zone.maxY)) {
        const area = coveredArea(regions[r].polygon, regions[r].edges, zone);
        if (area !== null) out.area += area;
        else if (anyVertexInside(regions[r].polygon, regions[r].edges, zone)) out.inside = true;
      }
      return;
    }
    default:
      return;
  }
}

/** Each feature's share of the regions (summed over them). Features without geometry are outside. */
export function featuresInRegion(regionFeatures: readonly Feature<Polygon | MultiPolygon>[], features: readonly Feature[]): FeatureInRegion[] {
  const regions: IndexedRegion[] = regionFeatures.map((f) => {
    const polygon = preparePolygon(polygonsOf(f.geometry));
    return { polygon, edges: indexEdges(polygon) };
  });
  const boxes = new Flatbush(Math.max(1, regions.length));
  for (const { polygon: p } of regions) boxes.add(p.minX, p.minY, p.maxX, p.maxY);
  // Flatbush needs at least one item; a box nothing can meet stands in for "no regions".
  if (regions.length === 0) boxes.add(-1e9, -1e9, -1e9, -1e9);
  boxes.finish();
  return features.map((f) => {
    const out: FeatureInRegion = { area: 0, length: 0, count: 0, inside: false };
    if (f.geometry) measure(f.geometry, regions, boxes, out);
    out.inside ||= out.area > 0 || out.length > 0 || out.count > 0;
    return out;
  });
}
