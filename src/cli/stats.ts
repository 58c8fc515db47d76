import { headingInBothLanguages } from '../i18n/bothLanguages.ts';
import type { Feature, FeatureCollection } from 'geojson';
import { basename, extname } from 'node:path';
import { GeometryError } from '../geo/GeometryError.ts';
import { convertArea, formatArea, formatLength, formatNumber, formatPercent, significant, significantDecimals } from '../geo/units.ts';
import { zoneStatistics, type ZoneStatisticsResult } from '../geo/zoneStatistics.ts';

type ZoneFigures = ZoneStatisticsResult['regions'][number]['zones'][string];
import { CliError } from './CliError.ts';
import { geometryProblem } from './geometryProblem.ts';
import { parseOptions } from './parseOptions.ts';
import { progressBar } from './progressBar.ts';
import { readGeoJson } from './readGeoJson.ts';
import { repairFeatures } from './repairFeatures.ts';
import { textTable } from './textTable.ts';
import { STATS_HELP } from './commandHelp.ts';
import { helpText } from './helpText.ts';


type Repair = (features: Feature[], file: string) => Feature[];

/** Zone features from several files, each remembering where its features start. */
interface ZoneFiles {
  zones: FeatureCollection;
  files: Array<{ file: string; start: number }>;
}

/**
 * Reads the zone files into one collection. Without an explicit --kind-key, a feature with no
 * "kind" takes its file's name, so a pack's layer files (springs.geojson …) count per layer.
 */
function readZoneFiles(paths: string[], kindKey: string | undefined, repair: Repair): ZoneFiles {
  const features: Feature[] = [];
  const files: ZoneFiles['files'] = [];
  for (const file of paths) {
    files.push({ file, start: features.length });
    const kindOfFile = basename(file, extname(file));
    for (const f of repair(readGeoJson(file).features, file)) {
      const hasKind = f.properties?.kind !== undefined && f.properties?.kind !== null;
      features.push(kindKey !== undefined || hasKind ? f : { ...f, properties: { ...f.properties, kind: kindOfFile } });
    }
  }
  return { zones: { type: 'FeatureCollection', features }, files };
}

/** Kinds whose figures rest on at least one schematic shape: estimates, not measurements. */
function estimatedKinds(zones: FeatureCollection, kindKey: string): string[] {
  const kinds = new Set<string>();
  for (const f of zones.features) if (f.properties?.precision === 'schematic') kinds.add(String(f.properties[kindKey]));
  return [...kinds];
}

/** `shanshui stats …`: per-region zone statistics; exit 2 for unusable input. */
export function run(args: string[]): number {
  const { values, positionals } = parseOptions(args, {
    regions: { type: 'string' },
    zones: { type: 'string', multiple: true },
    'region-key': { type: 'string' },
    'kind-key': { type: 'string' },
    json: { type: 'boolean' },
    repair: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    process.stdout.write(`${helpText(STATS_HELP)}\n`);
    return 0;
  }
  if (!values.regions || !values.zones || positionals.length > 0) {
    throw CliError.of(null, 'cli.stats.files');
  }
  const regionsFile = values.regions;
  const repair: Repair = values.repair ? (features, file) => repairFeatures(features, file, (line) => process.stderr.write(`${line}\n`)) : (features) => features;
  const regions = readGeoJson(regionsFile);
  regions.features = repair(regions.features, regionsFile);
  const { zones, files } = readZoneFiles(values.zones, values['kind-key'], repair);
  const bar = progressBar(process.stderr);
  let result: ZoneStatisticsResult;
  try {
    result = zoneStatistics(regions, zones, {
      regionKey: values['region-key'],
      kindKey: values['kind-key'],
      onProgress: bar.update,
    });
  } catch (error) {
    if (!(error instanceof GeometryError)) throw error;
    // Name the zone file the feature came from, and its index there.
    const [first, ...rest] = error.issues;
    if (first.layer === 'regions') throw geometryProblem(error, () => regionsFile);
    const from = files.findLast((f) => f.start <= first.featureIndex) ?? files[0];
    throw geometryProblem(new GeometryError([{ ...first, featureIndex: first.featureIndex - from.start }, ...rest]), () => from.file);
  } finally {
    bar.done();
  }
  const estimates = estimatedKinds(zones, values['kind-key'] ?? 'kind');
  if (values.json) {
    process.stdout.write(`${JSON.stringify({ regions: result.regions, estimates })}\n`);
    return 0;
  }
  process.stdout.write(`${statsTable(result, new Set(estimates))}\n`);
  return 0;
}

function statsTable(result: ZoneStatisticsResult, estimates: ReadonlySet<string>): string {
  const kinds = Object.keys(result.regions[0]?.zones ?? {});
  const withLength = result.regions.some((r) => kinds.some((k) => r.zones[k].length_m > 0));
  const withCount = result.regions.some((r) => kinds.some((k) => r.zones[k].count > 0));
  const exactCells = (s: ZoneFigures): string[] => [
    formatArea(s.area_m2, 'mu', 'zh', { withUnit: false }),
    formatArea(s.area_m2, 'ha', 'zh', { withUnit: false }),
    formatArea(s.area_m2, 'km2', 'zh', { withUnit: false, decimals: 4 }),
    formatPercent(s.share),
    ...(withLength ? [formatLength(s.length_m, 'en')] : []),
    ...(withCount ? [String(s.count)] : []),
  ];
  // Over schematic shapes a figure is an estimate: "≈" and three significant digits, as in the app.
  const estimate = (value: number, decimals = significantDecimals(significant(value))): string =>
    value === 0 ? '0' : `≈${formatNumber(significant(value), decimals)}`;
  const estimateCells = (s: ZoneFigures): string[] => [
    estimate(convertArea(s.area_m2, 'mu')),
    estimate(convertArea(s.area_m2, 'ha')),
    estimate(convertArea(s.area_m2, 'km2')),
    s.share === 0 ? '0' : `≈${formatPercent(s.share, 1)}`,
    ...(withLength ? [s.length_m === 0 ? '0' : `≈${formatLength(s.length_m, 'en', { decimals: 0 })}`] : []),
    ...(withCount ? [String(s.count)] : []),
  ];
  const header = [headingInBothLanguages('cli.table.region'), headingInBothLanguages('cli.table.kind'), '亩 mu', '公顷 ha', '平方公里 km²', headingInBothLanguages('cli.table.share')];
  const align: Array<'left' | 'right'> = ['left', 'left', 'right', 'right', 'right', 'right'];
  if (withLength) {
    header.push(headingInBothLanguages('cli.table.length'));
    align.push('right');
  }
  if (withCount) {
    header.push(headingInBothLanguages('cli.table.count'));
    align.push('right');
  }
  const rows: Array<string[] | null> = [];
  for (const region of result.regions) {
    if (rows.length > 0) rows.push(null);
    rows.push([
      region.name,
      headingInBothLanguages('cli.table.whole'),
      formatArea(region.area_m2, 'mu', 'zh', { withUnit: false }),
      formatArea(region.area_m2, 'ha', 'zh', { withUnit: false }),
      formatArea(region.area_m2, 'km2', 'zh', { withUnit: false, decimals: 4 }),
      '',
      ...(withLength ? [''] : []),
      ...(withCount ? [''] : []),
    ]);
    for (const kind of kinds) {
      const s = region.zones[kind];
      rows.push(['', kind, ...(estimates.has(kind) ? estimateCells(s) : exactCells(s))]);
    }
  }
  const table = textTable(header, rows, align);
  if (estimates.size === 0) return table;
  return `${table}\n${headingInBothLanguages('cli.stats.estimateNote')}`;
}
