/**
 * Which features lie in a region (a county, or all counties), by src/geo's one definition of "in a
 * county" (`measureInRegions`, which the app's `featuresInRegions` also calls): a positive area or
 * length inside, or the point inside.
 *
 * The one difference is the polygon whose crossings lie at the limits of floating point, where the
 * boundary integral cannot decide: the app measures it with Clipper; the widget's budget (480 KB
 * gzip with MapLibre) has no room for Clipper (+37 KB gzip), so there the polygon is in the region
 * when one of its vertices lies strictly inside. The widget never shows a polygon's area, only
 * whether it is in.
 */
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { IN_REGION_MIN, measureInRegions, type UndecidedArea } from '../geo/measureInRegions.ts';
import { locatePoint } from '../geo/overlay/locatePoint.ts';

interface FeatureInRegion {
  /** Area (m²), length (m) or point count inside the regions, summed over them. */
  amount: number;
  inside: boolean;
}

/** A vertex strictly inside stands for "some area inside": the zone's own area is reported (an upper bound the widget does not show). */
const vertexTest: UndecidedArea = ({ polygon, edges }, zone) => {
  for (let v = 0; v < zone.vertexCount; v++) if (locatePoint(polygon, zone.xs[v], zone.ys[v], edges) === 1) return zone.area;
  return 0;
};

/** Each feature's amount in the regions and whether it is in them. Features without geometry are outside. */
export function featuresInRegion(regionFeatures: readonly Feature<Polygon | MultiPolygon>[], features: readonly Feature[]): FeatureInRegion[] {
  const result: FeatureInRegion[] = features.map(() => ({ amount: 0, inside: false }));
  measureInRegions(
    regionFeatures.map((f) => f.geometry),
    features.map((f) => f.geometry),
    vertexTest,
    (i, amounts) => {
      for (const amount of amounts) {
        result[i].amount += amount;
        if (amount > IN_REGION_MIN) result[i].inside = true;
      }
    },
  );
  return result;
}
