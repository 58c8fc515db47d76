/**
 * The county statistics table as data: one row per county, one column group per zone kind, a
 * totals row, and the cell texts shared by the on-screen table, the CSV and the XLSX export.
 * Figures over schematic shapes are estimates: shown with "≈" and three significant digits, never
 * with a precise-looking 0.01 亩.
 */
import type { ZoneStatisticsResult } from '../../geo/zoneStatistics.ts';
import { areaUnitLabel, convertArea, formatNumber, lengthUnitLabel, significant, significantDecimals } from '../../geo/units.ts';
import type { Lang } from '../../i18n/index.ts';
import { localText } from '../../i18n/index.ts';
import { regionCode, regionName } from '../../pack/roles.ts';
import type { LoadedLayer, PlanFigure } from '../../pack/types.ts';
import type { KindMembers } from './countyMembers.ts';
import type { ZoneKindInfo } from './statisticsInput.ts';

export type TableUnit = 'mu' | 'ha' | 'km2';
export type Metric = 'area' | 'share' | 'length' | 'count';

export interface Column {
  key: string;
  /** null for the county's own area. */
  kind: ZoneKindInfo | null;
  metric: Metric;
  estimate: boolean;
}

export interface CountyRow {
  index: number;
  adcode: string;
  name: string;
  nameEn: string;
  /** Raw values: area m², share 0–1, length m, count. */
  values: Record<string, number>;
}

export interface CountyTable {
  columns: Column[];
  rows: CountyRow[];
  totals: Record<string, number>;
}

export const columnKey = (kind: string | null, metric: Metric) => (kind ? `${kind}.${metric}` : `county.${metric}`);

/**
 * Counts come from `members` (features in the county by `featuresInRegions`, as the county overview
 * lists them); the totals row counts a feature across a border once.
 */
export function countyTable(result: ZoneStatisticsResult, kinds: ZoneKindInfo[], counties: LoadedLayer, members: readonly KindMembers[]): CountyTable {
  const membersOf = new Map(members.map((m) => [m.kind, m]));
  const columns: Column[] = [{ key: columnKey(null, 'area'), kind: null, metric: 'area', estimate: false }];
  for (const kind of kinds) {
    const metrics: Metric[] = [...(kind.hasArea ? (['area', 'share'] as const) : []), ...(kind.hasLength ? (['length'] as const) : []), ...(kind.hasCount ? (['count'] as const) : [])];
    for (const metric of metrics) columns.push({ key: columnKey(kind.id, metric), kind, metric, estimate: kind.estimate && metric !== 'count' });
  }
  const rows: CountyRow[] = result.regions.map((region, index) => {
    const feature = counties.data.features[index];
    const values: Record<string, number> = { [columnKey(null, 'area')]: region.area_m2 };
    for (const kind of kinds) {
      const s = region.zones[kind.id];
      values[columnKey(kind.id, 'area')] = s?.area_m2 ?? 0;
      values[columnKey(kind.id, 'share')] = s?.share ?? 0;
      values[columnKey(kind.id, 'length')] = s?.length_m ?? 0;
      values[columnKey(kind.id, 'count')] = membersOf.get(kind.id)?.perRegion[index]?.length ?? 0;
    }
    const name = regionName(counties, feature) ?? region.name;
    return { index, adcode: regionCode(counties, feature) ?? '', name, nameEn: regionName(counties, feature, 'en') ?? name, values };
  });
  const totals: Record<string, number> = {};
  for (const column of columns) {
    if (column.metric === 'share') continue;
    totals[column.key] = rows.reduce((sum, r) => sum + r.values[column.key], 0);
  }
  for (const kind of kinds) if (kind.hasCount) totals[columnKey(kind.id, 'count')] = membersOf.get(kind.id)?.total ?? 0;
  const regionArea = totals[columnKey(null, 'area')];
  for (const kind of kinds) if (kind.hasArea) totals[columnKey(kind.id, 'share')] = regionArea > 0 ? totals[columnKey(kind.id, 'area')] / regionArea : 0;
  return { columns, rows, totals };
}

/** Decimals for exact (non-estimate) figures in each unit. */
const AREA_DECIMALS: Record<TableUnit, number> = { mu: 2, ha: 2, km2: 2 };

/** A cell's number as shown and exported: in the table's unit, rounded as its precision allows. */
export function cellNumber(column: Column, value: number, unit: TableUnit): { value: number; decimals: number } {
  switch (column.metric) {
    case 'area': {
      const v = convertArea(value, unit);
      if (!column.estimate) return { value: Number(v.toFixed(AREA_DECIMALS[unit])), decimals: AREA_DECIMALS[unit] };
      const rounded = significant(v);
      return { value: rounded, decimals: significantDecimals(rounded) };
    }
    case 'share':
      return { value: Number((value * 100).toFixed(column.estimate ? 1 : 2)), decimals: column.estimate ? 1 : 2 };
    case 'length': {
      const km = value / 1000;
      return column.estimate ? { value: Number(km.toFixed(0)), decimals: 0 } : { value: Number(km.toFixed(2)), decimals: 2 };
    }
    case 'count':
      return { value, decimals: 0 };
  }
}

export function cellText(column: Column, value: number, unit: TableUnit): string {
  if (value === 0) return '0';
  const { value: v, decimals } = cellNumber(column, value, unit);
  const text = formatNumber(v, decimals);
  return column.estimate && v !== 0 ? `≈${text}` : text;
}

/** Header text of a column, with its unit: "两山 面积 (亩)". */
export function columnTitle(column: Column, unit: TableUnit, lang: Lang, labels: Record<Metric | 'county', string>): string {
  const kind = column.kind ? `${localText(column.kind.title, lang)} ` : '';
  const metric = column.kind ? labels[column.metric] : labels.county;
  const suffix = column.metric === 'area' ? ` (${areaUnitLabel(unit, lang)})` : column.metric === 'share' ? ' (%)' : column.metric === 'length' ? ` (${lengthUnitLabel('km', lang)})` : '';
  return `${kind}${metric}${suffix}`;
}

/** Area figures the plan states for a kind, converted to m² (others, like t/day, are not areas). */
export function planAreaFigures(figures: PlanFigure[] | undefined, kind: string): { figure: PlanFigure; m2: number }[] {
  const toM2: Partial<Record<PlanFigure['unit'], number>> = { mu: 10000 / 15, ha: 10000, km2: 1e6, m2: 1 };
  return (figures ?? []).filter((f) => f.layer === kind && toM2[f.unit] !== undefined).map((figure) => ({ figure, m2: figure.value * toM2[figure.unit]! }));
}

export type SortState = { key: string; direction: 'asc' | 'desc' } | null;

export function sortRows(rows: CountyRow[], sort: SortState): CountyRow[] {
  if (!sort) return rows;
  const sign = sort.direction === 'asc' ? 1 : -1;
  if (sort.key === 'name') return [...rows].sort((a, b) => sign * a.adcode.localeCompare(b.adcode));
  return [...rows].sort((a, b) => sign * (a.values[sort.key] - b.values[sort.key]) || a.index - b.index);
}
