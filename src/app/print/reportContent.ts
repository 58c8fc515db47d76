/**
 * What the printed report says: title, date, legend of the visible layers, the county table with
 * the plan's own figures (one figure per zone kind: area, else length, else count; estimates
 * with ≈), the notes on estimates and on "in a county", and the sources.
 */
import { areaUnitLabel, lengthUnitLabel } from '../../geo/units.ts';
import { localText, type Lang, type MessageKey, type MessageParams } from '../../i18n/index.ts';
import type { LoadedLayer, LoadedPack } from '../../pack/types.ts';
import { appTitle } from '../appTitle.ts';
import { cellText, planAreaFigures, type Column, type CountyTable, type TableUnit } from '../stats/countyTable.ts';
import { pngLegend } from '../stats/exports.ts';
import type { ReportContent } from './drawReport.ts';

type Translate = (key: MessageKey, params?: MessageParams) => string;

interface ReportInput {
  pack: LoadedPack;
  layers: readonly LoadedLayer[];
  visible: ReadonlySet<string>;
  table: CountyTable;
  unit: TableUnit;
  lang: Lang;
  t: Translate;
  /** The county the map shows, if one is selected (named in the subtitle). */
  countyName?: string;
  date: Date;
}

export function reportContent(input: ReportInput): ReportContent {
  const { pack, table, unit, lang, t } = input;
  const columns: Column[] = [table.columns[0]];
  const seen = new Set<string>();
  for (const c of table.columns) {
    if (!c.kind || seen.has(c.kind.id) || c.metric === 'share') continue;
    seen.add(c.kind.id);
    columns.push(c);
  }
  const unitOf = (c: Column) => (c.metric === 'area' ? areaUnitLabel(unit, lang) : c.metric === 'length' ? lengthUnitLabel('km', lang) : '');
  const header = [t('stats.county'), ...columns.map((c) => `${c.kind ? localText(c.kind.title, lang) : t('stats.countyArea')}${unitOf(c) ? ` (${unitOf(c)})` : ''}${c.estimate ? ' ≈' : ''}`)];
  const rows = table.rows.map((r) => [lang === 'en' ? r.nameEn : r.name, ...columns.map((c) => cellText(c, r.values[c.key], unit))]);
  const totals = [t('stats.total'), ...columns.map((c) => cellText(c, table.totals[c.key] ?? 0, unit))];
  const plan = [
    t('stats.planRow'),
    ...columns.map((c) => (c.kind && c.metric === 'area' ? planAreaFigures(pack.manifest.plan_figures, c.kind.id).map(({ m2 }) => cellText({ ...c, estimate: false }, m2, unit)).join(' / ') : '')),
  ];
  const date = input.date.toISOString().slice(0, 10);
  const region = input.countyName ?? localText(pack.manifest.name, lang);
  return {
    title: appTitle(pack, lang),
    subtitle: `${region} · ${date}`,
    legendHeading: t('print.legend'),
    legend: pngLegend(input.layers, input.visible, lang, t),
    tableHeading: t('print.table'),
    table: [header, ...rows, totals, ...(plan.slice(1).some((c) => c) ? [plan] : [])],
    notes: [t('stats.estimateNote'), t('stats.inCountyRule'), t('print.schematicNote')],
    sourcesHeading: t('print.sources'),
    sources: [
      ...pack.manifest.attribution.map((a) => localText(a.text, lang)),
      ...(pack.manifest.plan_figures ?? []).filter((f, i, all) => all.findIndex((g) => g.source === f.source) === i).map((f) => f.source),
    ],
    northLabel: t('stats.northLabel'),
    kmLabel: lengthUnitLabel('km', lang),
    mLabel: lengthUnitLabel('m', lang),
  };
}
