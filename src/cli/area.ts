import type { MultiPolygon, Polygon } from 'geojson';
import { geodesicArea } from '../geo/geodesicArea.ts';
import { GeometryError } from '../geo/GeometryError.ts';
import { convertArea, formatArea } from '../geo/units.ts';
import { validateFeatures } from '../geo/validateFeatures.ts';
import { CliError } from './CliError.ts';
import { geometryProblem } from './geometryProblem.ts';
import { parseOptions } from './parseOptions.ts';
import { readGeoJson } from './readGeoJson.ts';
import { textTable } from './textTable.ts';

export const AREA_USAGE = `用法 Usage: shanshui area FILE [--json] [--name-key name]

  每个面要素的椭球面积（WGS84/CGCS2000，测地线边）。
  Ellipsoidal area (WGS84/CGCS2000, geodesic edges) of every polygon feature, in input order.

  --json            [{"index","name","area_m2","area_mu"}, …]
  --name-key KEY    名称属性 property holding the name (default: name)`;

/** `shanshui area FILE [--json]`: one area per feature; exit 2 for unusable input. */
export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseOptions(args, {
    json: { type: 'boolean' },
    'name-key': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    process.stdout.write(`${AREA_USAGE}\n`);
    return 0;
  }
  if (positionals.length !== 1) {
    throw new CliError(null, '需要且只需要一个 GeoJSON 文件', 'expected exactly one GeoJSON FILE (see shanshui area --help)');
  }
  const file = positionals[0];
  const features = readGeoJson(file).features;
  const issues = validateFeatures(features, { accept: ['Polygon', 'MultiPolygon'] });
  if (issues.length > 0) throw geometryProblem(new GeometryError(issues), () => file);
  const nameKey = values['name-key'] ?? 'name';
  const rows = features.map((f, index) => {
    const area = geodesicArea(f.geometry as Polygon | MultiPolygon, index);
    const name = f.properties?.[nameKey];
    return { index, name: name === undefined || name === null ? null : String(name), area_m2: area, area_mu: convertArea(area, 'mu') };
  });
  if (values.json) {
    process.stdout.write(`${JSON.stringify(rows)}\n`);
    return 0;
  }
  const total = rows.reduce((sum, r) => sum + r.area_m2, 0);
  const cells = (label: string[], m2: number): string[] => [
    ...label,
    formatArea(m2, 'mu', 'zh', { withUnit: false }),
    formatArea(m2, 'ha', 'zh', { withUnit: false, decimals: 4 }),
    formatArea(m2, 'km2', 'zh', { withUnit: false, decimals: 6 }),
  ];
  const table = textTable(
    ['#', '名称 Name', '亩 mu', '公顷 ha', '平方公里 km²'],
    [...rows.map((r) => cells([String(r.index), r.name ?? '—'], r.area_m2)), null, cells(['', '合计 Total'], total)],
    ['right', 'left', 'right', 'right', 'right'],
  );
  process.stdout.write(`${table}\n`);
  return 0;
}
