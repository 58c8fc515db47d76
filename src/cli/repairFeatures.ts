import type { Feature } from 'geojson';
import { geodesicArea } from '../geo/geodesicArea.ts';
import type { IssueCode } from '../geo/GeometryError.ts';
import { repairPolygon } from '../geo/repairPolygon.ts';
import { formatNumber } from '../geo/units.ts';
import { validateGeometry } from '../geo/validateGeometry.ts';
import { describeIssue } from '../i18n/describeIssue.ts';
import { translate } from '../i18n/index.ts';
import { CliError } from './CliError.ts';

/** Topology problems a repair resolves (bad coordinates or open rings are refused as before). */
const REPAIRABLE = new Set<IssueCode>([
  'self-intersection',
  'ring-intersection',
  'hole-outside-shell',
  'nested-holes',
  'overlapping-parts',
  'disconnected-interior',
]);

/**
 * `--repair`: every (Multi)Polygon whose only problems are topological is replaced by its valid
 * repair (`repairPolygon`, as PostGIS ST_MakeValid / QGIS "Fix geometries"), with one line on
 * stderr per feature saying what was wrong and what is measured instead. Other features are
 * returned as they are (their problems are still reported, and refused, by the command).
 */
export function repairFeatures(features: Feature[], file: string, say: (line: string) => void): Feature[] {
  return features.map((feature, index) => {
    const g = feature?.geometry;
    if (g?.type !== 'Polygon' && g?.type !== 'MultiPolygon') return feature;
    const issues = validateGeometry(g, index);
    if (issues.length === 0 || !issues.every((i) => REPAIRABLE.has(i.code))) return feature;
    const repaired = repairPolygon(g);
    if (repaired === null || validateGeometry(repaired, index).length > 0) return feature;
    const polygons = repaired.type === 'Polygon' ? [repaired.coordinates] : repaired.coordinates;
    const holes = polygons.reduce((n, p) => n + p.length - 1, 0);
    const area = formatNumber(geodesicArea(repaired), 2);
    const zh = translate('zh', 'cli.repaired', { issue: describeIssue(issues[0], 'zh'), polygons: polygons.length, holes, area });
    const en = translate('en', 'cli.repaired', { issue: describeIssue(issues[0], 'en'), polygons: polygons.length, holes, area });
    say(new CliError(file, zh, en).line());
    return { ...feature, geometry: repaired };
  });
}
