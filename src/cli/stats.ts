import { GeometryError } from '../geo/GeometryError.ts';
import { formatArea, formatLength, formatPercent } from '../geo/units.ts';
import { zoneStatistics, type ZoneStatisticsResult } from '../geo/zoneStatistics.ts';
import { CliError } from './CliError.ts';
import { geometryProblem } from './geometryProblem.ts';
import { parseOptions } from './parseOptions.ts';
import { progressBar } from './progressBar.ts';
import { readGeoJson } from './readGeoJson.ts';
import { textTable } from './textTable.ts';

export const STATS_USAGE = `用法 Usage: shanshui stats --regions FILE --zones FILE [--region-key name] [--kind-key kind] [--json]

  每个区域（县）每类分区的覆盖面积（同类重叠只计一次）、占比、线长度与点个数。
  Per region (county) and zone kind: area covered (overlaps of one kind counted once), share of
  the region, length of line features and count of point features inside.

  --regions FILE     区域面要素 region polygons (GeoJSON)
  --zones FILE       分区要素 zone features (polygons, lines, points)
  --region-key KEY   区域名称属性 region name property (default: name)
  --kind-key KEY     分区类别属性 zone kind property (default: kind)
  --json             {"regions":[{"name","area_m2","zones":{"<kind>":{"area_m2","share","length_m","count"}}}]}`;

/** `shanshui stats …`: per-region zone statistics; exit 2 for unusable input. */
export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseOptions(args, {
    regions: { type: 'string' },
    zones: { type: 'string' },
    'region-key': { type: 'string' },
    'kind-key': { type: 'string' },
    json: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    process.stdout.write(`${STATS_USAGE}\n`);
    return 0;
  }
  if (!values.regions || !values.zones || positionals.length > 0) {
    throw new CliError(null, '需要 --regions FILE 和 --zones FILE', 'expected --regions FILE and --zones FILE (see shanshui stats --help)');
  }
  const regionsFile = values.regions;
  const zonesFile = values.zones;
  const regions = readGeoJson(regionsFile);
  const zones = readGeoJson(zonesFile);
  const bar = progressBar(process.stderr);
  let result: ZoneStatisticsResult;
  try {
    result = zoneStatistics(regions, zones, {
      regionKey: values['region-key'],
      kindKey: values['kind-key'],
      onProgress: bar.update,
    });
  } catch (error) {
    if (error instanceof GeometryError) throw geometryProblem(error, (layer) => (layer === 'regions' ? regionsFile : zonesFile));
    throw error;
  } finally {
    bar.done();
  }
  if (values.json) {
    process.stdout.write(`${JSON.stringify({ regions: result.regions })}\n`);
    return 0;
  }
  process.stdout.write(`${statsTable(result)}\n`);
  return 0;
}

function statsTable(result: ZoneStatisticsResult): string {
  const kinds = Object.keys(result.regions[0]?.zones ?? {});
  const withLength = result.regions.some((r) => kinds.some((k) => r.zones[k].length_m > 0));
  const withCount = result.regions.some((r) => kinds.some((k) => r.zones[k].count > 0));
  const header = ['区域 Region', '类别 Kind', '亩 mu', '公顷 ha', '平方公里 km²', '占比 Share'];
  const align: Array<'left' | 'right'> = ['left', 'left', 'right', 'right', 'right', 'right'];
  if (withLength) header.push('长度 Length'), align.push('right');
  if (withCount) header.push('个数 Count'), align.push('right');
  const rows: Array<string[] | null> = [];
  for (const region of result.regions) {
    if (rows.length > 0) rows.push(null);
    rows.push([
      region.name,
      '（全域 whole）',
      formatArea(region.area_m2, 'mu', 'zh', { withUnit: false }),
      formatArea(region.area_m2, 'ha', 'zh', { withUnit: false }),
      formatArea(region.area_m2, 'km2', 'zh', { withUnit: false, decimals: 4 }),
      '',
      ...(withLength ? [''] : []),
      ...(withCount ? [''] : []),
    ]);
    for (const kind of kinds) {
      const s = region.zones[kind];
      rows.push([
        '',
        kind,
        formatArea(s.area_m2, 'mu', 'zh', { withUnit: false }),
        formatArea(s.area_m2, 'ha', 'zh', { withUnit: false }),
        formatArea(s.area_m2, 'km2', 'zh', { withUnit: false, decimals: 4 }),
        formatPercent(s.share),
        ...(withLength ? [formatLength(s.length_m, 'en')] : []),
        ...(withCount ? [String(s.count)] : []),
      ]);
    }
  }
  return textTable(header, rows, align);
}
