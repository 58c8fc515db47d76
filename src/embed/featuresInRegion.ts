/**
 * Which features lie in a region (a county, or the union of all counties), measured by src/geo's
 * `zoneStatistics` — the one geometry engine. A feature is in the region when it has a positive
 * area or a positive length in it, or (a point) lies inside it; touching the border is not enough.
 * This is the same definition as the app's `src/geo/featuresInRegion.ts` (being written on the
 * workspace branch); the widget's counting lives only here so the two can become one call.
 */
import type { Feature, FeatureCollection, Geometry, MultiPolygon, Polygon } from 'geojson';
import { zoneStatistics } from '../geo/zoneStatistics.ts';

export interface FeatureInRegion {
  /** Area inside the region, m². */
  area: number;
  /** Length inside the region, m. */
  length: number;
  /** Points inside the region. */
  count: number;
  inside: boolean;
}

const MEASURABLE = new Set<Geometry['type']>(['Point', 'MultiPoint', 'LineString', 'MultiLineString', 'Polygon', 'MultiPolygon']);

/**
 * Each feature's share of the regions (summed over them; line pieces on a shared border count
 * once). Throws `GeometryError` on an invalid geometry: no summary is better than a wrong one.
 */
export function featuresInRegion(regions: readonly Feature<Polygon | MultiPolygon>[], features: readonly Feature[]): FeatureInRegion[] {
  const regionCollection: FeatureCollection = { type: 'FeatureCollection', features: regions.map((r, i) => ({ type: 'Feature', geometry: r.geometry, properties: { name: String(i) } })) };
  // Every feature its own kind, so zoneStatistics measures each one (and never merges two).
  const measured: number[] = [];
  const zones: Feature[] = [];
  features.forEach((f, i) => {
    if (!f.geometry || !MEASURABLE.has(f.geometry.type)) return;
    measured.push(i);
    zones.push({ type: 'Feature', geometry: f.geometry, properties: { kind: String(i) } });
  });
  const result = zoneStatistics(regionCollection, { type: 'FeatureCollection', features: zones });
  const out: FeatureInRegion[] = features.map(() => ({ area: 0, length: 0, count: 0, inside: false }));
  for (const region of result.regions) {
    for (const i of measured) {
      const stats = region.zones[String(i)];
      if (!stats) continue;
      out[i].area += stats.area_m2;
      out[i].length += stats.length_m;
      out[i].count += stats.count;
    }
  }
  for (const f of out) f.inside = f.area > 0 || f.length > 0 || f.count > 0;
  return out;
}
