import type { Geometry } from 'geojson';
import { clipperCoveredArea } from './overlay/clipperArea.ts';
import { IN_REGION_MIN, measureInRegions, type PreparedRegions } from './measureInRegions.ts';

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
 * in no region. Returns, per region, the indices of its features in input order. The measuring is
 * `measureInRegions`, which the widget calls directly (without Clipper). `regions` may be prepared
 * once (`prepareRegions`) for many calls.
 */
export function featuresInRegions(regions: readonly Geometry[] | PreparedRegions, features: readonly (Geometry | null | undefined)[]): number[][] {
  const result: number[][] = (Array.isArray(regions) ? regions : (regions as PreparedRegions).indexed).map(() => []);
  measureInRegions(
    regions,
    features,
    (region, zone) => clipperCoveredArea([zone], region.polygon),
    (i, amounts) => {
      for (let r = 0; r < amounts.length; r++) if (amounts[r] > IN_REGION_MIN) result[r].push(i);
    },
  );
  return result;
}
