import { headingInBothLanguages } from '../i18n/bothLanguages.ts';
import type { MultiPolygon, Polygon } from 'geojson';
import { geodesicArea } from '../geo/geodesicArea.ts';
import { GeometryError } from '../geo/GeometryError.ts';
import { convertArea, formatArea, formatNumber, significant, significantDecimals } from '../geo/units.ts';
import { validateFeatures } from '../geo/validateFeatures.ts';
import { CliError } from './CliError.ts';
import { geometryProblem } from './geometryProblem.ts';
import { parseOptions } from './parseOptions.ts';
import { readGeoJson } from './readGeoJson.ts';
import { repairFeatures } from './repairFeatures.ts';
import { textTable } from './textTable.ts';
import { AREA_HELP } from './commandHelp.ts';
import { helpText } from './helpText.ts';


/** `shanshui area FILE [--json]`: one area per feature; exit 2 for unusable input. */
export function run(args: string[]): number {
  const { values, positionals } = parseOptions(args, {
    json: { type: 'boolean' },
    'name-key': { type: 'string' },
    repair: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    process.stdout.write(`${helpText(AREA_HELP)}\n`);
    return 0;
  }
  if (positionals.length !== 1) {
    throw CliError.of(null, 'cli.area.oneFile');
  }
  const file = positionals[0];
  const read = readGeoJson(file).features;
  const features = values.repair ? repairFeatures(read, file, (line) => process.stderr.write(`${line}\n`)) : read;
  const all = validateFeatures(features, { accept: ['Polygon', 'MultiPolygon'] });
  // Points and lines have no area: left out and counted (a label point beside the parcels is no
  // reason to refuse the file). Anything else wrong stops with the reason.
  const withoutArea = new Set(all.filter((i) => i.code === 'unsupported-geometry').map((i) => i.featureIndex));
  const issues = all.filter((i) => i.code !== 'unsupported-geometry');
  if (issues.length > 0 || withoutArea.size === features.length) throw geometryProblem(new GeometryError(issues.length > 0 ? issues : all), () => file);
  if (withoutArea.size > 0) {
    process.stderr.write(
      `${CliError.of(file, 'cli.area.withoutArea', { count: withoutArea.size }).line()}\n`,
    );
  }
  const nameKey = values['name-key'] ?? 'name';
  const rows = features.flatMap((f, index) => {
    if (withoutArea.has(index)) return [];
    const area = geodesicArea(f.geometry as Polygon | MultiPolygon, index);
    const name: unknown = f.properties?.[nameKey];
    const estimate = f.properties?.precision === 'schematic';
    // eslint-disable-next-line @typescript-eslint/no-base-to-string -- any JSON value may be the name; String() is what area has always printed
    return [{ index, name: name === undefined || name === null ? null : String(name), area_m2: area, area_mu: convertArea(area, 'mu'), estimate }];
  });
  if (values.json) {
    process.stdout.write(`${JSON.stringify(rows)}\n`);
    return 0;
  }
  const total = rows.reduce((sum, r) => sum + r.area_m2, 0);
  const anyEstimate = rows.some((r) => r.estimate);
  const cells = (label: string[], m2: number, estimate: boolean): string[] => [
    ...label,
    ...(estimate
      ? (['mu', 'ha', 'km2'] as const).map((unit) => {
          const value = significant(convertArea(m2, unit));
          return value === 0 ? '0' : `≈${formatNumber(value, significantDecimals(value))}`;
        })
      : [
          formatArea(m2, 'mu', 'zh', { withUnit: false }),
          formatArea(m2, 'ha', 'zh', { withUnit: false, decimals: 4 }),
          formatArea(m2, 'km2', 'zh', { withUnit: false, decimals: 6 }),
        ]),
  ];
  const table = textTable(
    ['#', headingInBothLanguages('cli.table.name'), '亩 mu', '公顷 ha', '平方公里 km²'],
    [...rows.map((r) => cells([String(r.index), r.name ?? '—'], r.area_m2, r.estimate)), null, cells(['', headingInBothLanguages('cli.table.total')], total, anyEstimate)],
    ['right', 'left', 'right', 'right', 'right'],
  );
  if (anyEstimate) {
    process.stdout.write(`${table}\n${headingInBothLanguages('cli.area.estimateNote')}\n`);
    return 0;
  }
  process.stdout.write(`${table}\n`);
  return 0;
}
