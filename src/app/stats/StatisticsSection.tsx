import { useCallback, useId, useMemo, useState } from 'react';
import { areaUnitLabel, lengthUnitLabel } from '../../geo/units.ts';
import { localText, type MessageKey } from '../../i18n/index.ts';
import type { LocalText, PlanFigure } from '../../pack/types.ts';
import { useI18n } from '../i18n.tsx';
import { useWorkspace, type PanelUnit } from '../workspace.tsx';
import { PrintDialog } from '../print/PrintDialog.tsx';
import { BarChart } from './BarChart.tsx';
import { cellText, columnTitle, planAreaFigures, sortRows, type Column, type SortState } from './countyTable.ts';
import { downloadBlob, exportMapPng, exportTable } from './exports.ts';
import type { TableTexts } from './exportTable.ts';
import type { StatisticsState } from './useCountyStatistics.ts';

const UNITS: PanelUnit[] = ['mu', 'ha', 'km2'];

/** A plan figure's unit as text: 亩, 公顷, 吨/日, 个 … */
function usePlanUnitText(): (unit: PlanFigure['unit']) => string {
  const { t, lang } = useI18n();
  return useCallback(
    (u: PlanFigure['unit']) =>
      ({ mu: areaUnitLabel('mu', lang), ha: areaUnitLabel('ha', lang), km2: areaUnitLabel('km2', lang), m2: areaUnitLabel('m2', lang), km: lengthUnitLabel('km', lang), t_per_day: t('unit.tPerDay'), count: lang === 'zh' ? '个' : '', percent: '%' })[u] ?? u,
    [t, lang],
  );
}

export function useTableTexts(): TableTexts {
  const { t, lang } = useI18n();
  const { unit } = useWorkspace();
  const unitText = usePlanUnitText();
  return useMemo(
    () => ({
      county: t('stats.county'),
      total: t('stats.total'),
      metrics: {
        county: t('stats.metric.county'),
        area: t('stats.metric.area'),
        share: t('stats.metric.share'),
        length: t('stats.metric.length'),
        count: t('stats.metric.count'),
      },
      estimateMark: t('stats.estimateMark'),
      planRow: t('stats.planRow'),
      planHeading: t('stats.planFigures'),
      planColumns: {
        label: t('stats.planColumn.label'),
        value: t('stats.planColumn.value'),
        unit: t('stats.planColumn.unit'),
        inTableUnit: t('stats.planColumn.inTableUnit', { unit: areaUnitLabel(unit, lang) }),
        years: t('stats.planColumn.years'),
        source: t('stats.planColumn.source'),
      },
      unitText,
      note: `${t('stats.exportNote')}\n${t('stats.exportEstimateNote')}\n${t('stats.inCountyRule')}`,
    }),
    [t, lang, unit, unitText],
  );
}

export function UnitSwitch() {
  const { t, lang } = useI18n();
  const { unit, setUnit } = useWorkspace();
  const name = useId();
  return (
    <fieldset className="unit-switch">
      <legend className="visually-hidden">{t('unit.label')}</legend>
      {UNITS.map((u) => (
        <label key={u} className={u === unit ? 'active' : ''}>
          <input type="radio" name={name} value={u} checked={u === unit} onChange={() => setUnit(u)} />
          {areaUnitLabel(u, lang)}
        </label>
      ))}
    </fieldset>
  );
}

interface StatisticsSectionProps {
  stats: StatisticsState;
  /** Docked under the map (desktop) or inside the panel (phone). */
  docked: boolean;
}

export function StatisticsSection({ stats, docked }: StatisticsSectionProps) {
  const { t, lang } = useI18n();
  const { pack, layers, unit, selectedCounty, selectCounty, map, visibleLayers } = useWorkspace();
  const [exportFailed, setExportFailed] = useState(false);
  // An export that fails (a lost chunk, a canvas the browser refuses) says so instead of doing nothing.
  const exporting = (run: () => Promise<void>) => () => {
    setExportFailed(false);
    run().catch((error: unknown) => {
      console.warn('export failed', error);
      setExportFailed(true);
    });
  };
  const texts = useTableTexts();
  const [sort, setSort] = useState<SortState>(null);
  const [collapsed, setCollapsed] = useState(false);
  const [printing, setPrinting] = useState(false);
  const [pngFactor, setPngFactor] = useState(1);
  const table = stats.latest?.table ?? null;
  const rows = table ? sortRows(table.rows, sort) : [];
  const groups = table ? groupColumns(table.columns) : [];

  const headerFor = (column: Column) => {
    const active = sort?.key === column.key;
    const title = column.kind ? t(`stats.metric.${column.metric}` as MessageKey) : t('stats.metric.county');
    const unitText = column.metric === 'area' ? areaUnitLabel(unit, lang) : column.metric === 'share' ? '%' : column.metric === 'length' ? lengthUnitLabel('km', lang) : '';
    return (
      <th key={column.key} scope="col" aria-sort={active ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none'} className="num">
        <button
          type="button"
          className="sort-button"
          aria-label={t('stats.sortBy', { column: columnTitle(column, unit, lang, texts.metrics) })}
          onClick={() => setSort(active && sort.direction === 'desc' ? { key: column.key, direction: 'asc' } : { key: column.key, direction: 'desc' })}
        >
          {title}
          {unitText && <span className="th-unit">{unitText}</span>}
          <span aria-hidden="true" className="sort-mark">{active ? (sort.direction === 'asc' ? '▲' : '▼') : '↕'}</span>
        </button>
      </th>
    );
  };

  return (
    <section className={`panel-section statistics${docked ? ' docked' : ''}${collapsed ? ' collapsed' : ''}`} aria-labelledby="stats-heading">
      <div className="section-head stats-head">
        <h2 id="stats-heading">{t('stats.heading')}</h2>
        <UnitSwitch />
        {table && (
          <div className="export-buttons">
            <button type="button" className="secondary" onClick={exporting(() => exportTable(table, unit, lang, texts, pack.manifest.plan_figures ?? [], 'csv', t('stats.fileName')))}>
              {t('stats.exportCsv')}
            </button>
            <button type="button" className="secondary" onClick={exporting(() => exportTable(table, unit, lang, texts, pack.manifest.plan_figures ?? [], 'xlsx', t('stats.fileName')))}>
              {t('stats.exportXlsx')}
            </button>
          </div>
        )}
        {map && (
          <span className="png-export">
            <label>
              <span className="visually-hidden">{t('stats.pngSize')}</span>
              <select value={pngFactor} onChange={(e) => setPngFactor(Number(e.target.value))} aria-label={t('stats.pngSize')}>
                {[1, 2, 3].map((f) => (
                  <option key={f} value={f}>
                    {t('stats.pngSizeOption', { width: Math.round(map.getCanvas().clientWidth * window.devicePixelRatio * f), height: Math.round(map.getCanvas().clientHeight * window.devicePixelRatio * f) })}
                  </option>
                ))}
              </select>
            </label>
            <button type="button" className="secondary" onClick={exporting(() => exportMapPng(map, pack, layers, visibleLayers, lang, t, pngFactor).then((blob) => downloadBlob(blob, `${t('stats.mapFileName')}.png`)))}>
              {t('stats.exportPng')}
            </button>
          </span>
        )}
        {map && table && (
          <button type="button" className="secondary" aria-haspopup="dialog" onClick={() => setPrinting(true)}>
            {t('print.button')}
          </button>
        )}
        {printing && table && <PrintDialog table={table} onClose={() => setPrinting(false)} />}
        {exportFailed && (
          <p className="error stats-export-error" role="alert">
            {t('stats.exportFailed')}
          </p>
        )}
        {docked && (
          <button type="button" className="secondary" aria-expanded={!collapsed} onClick={() => setCollapsed(!collapsed)}>
            {collapsed ? t('stats.expand') : t('stats.collapse')}
          </button>
        )}
      </div>
      {!collapsed && (
        <div className="stats-body">
          {stats.status === 'running' && (
            <div className="stats-progress" role="status">
              <label>
                {t('stats.computing')}
                <progress max={1} value={stats.progress} aria-label={t('stats.progress')} />
              </label>
            </div>
          )}
          {stats.status === 'error' && (
            <p className="error" role="alert">
              {t('stats.failed', { reason: stats.message ?? '' })}
            </p>
          )}
          {table && (
            <div className="stats-content">
              <div className="table-scroll" tabIndex={0} role="group" aria-label={t('stats.heading')}>
                <table className="county-table">
                  <thead>
                    <tr>
                      <th rowSpan={2} scope="col" className="county-col" aria-sort={sort?.key === 'name' ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none'}>
                        <button type="button" className="sort-button" aria-label={t('stats.sortBy', { column: t('stats.county') })} onClick={() => setSort(sort?.key === 'name' && sort.direction === 'asc' ? { key: 'name', direction: 'desc' } : { key: 'name', direction: 'asc' })}>
                          {t('stats.county')}
                        </button>
                      </th>
                      {groups.map((g) => (
                        <th key={g.key} colSpan={g.columns.length} scope="colgroup" className="group-head" style={g.colour ? { borderTopColor: g.colour } : undefined}>
                          {g.title ? localText(g.title, lang) : t('stats.countyArea')}
                          {g.estimate && <span className="mini-badge">{t('stats.estimate')}</span>}
                        </th>
                      ))}
                    </tr>
                    <tr>{table.columns.map(headerFor)}</tr>
                  </thead>
                  <tbody>
                    {rows.map((row) => (
                      <tr key={row.adcode} className={row.adcode === selectedCounty ? 'selected' : ''}>
                        <th scope="row" className="county-col">
                          <button type="button" className="county-link" aria-current={row.adcode === selectedCounty ? 'true' : undefined} onClick={() => selectCounty(row.adcode, { zoom: true })} aria-label={t('stats.selectCounty', { county: lang === 'en' ? row.nameEn : row.name })}>
                            {lang === 'en' ? row.nameEn : row.name}
                          </button>
                        </th>
                        {table.columns.map((c) => (
                          <td key={c.key} className="num">
                            {cellText(c, row.values[c.key], unit)}
                          </td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                  <tfoot>
                    <tr className="totals">
                      <th scope="row" className="county-col">
                        {t('stats.total')}
                      </th>
                      {table.columns.map((c) => (
                        <td key={c.key} className="num">
                          {cellText(c, table.totals[c.key] ?? 0, unit)}
                        </td>
                      ))}
                    </tr>
                    <PlanRow columns={table.columns} />
                  </tfoot>
                </table>
              </div>
              <p className="estimate-note">{t('stats.estimateNote')}</p>
              <p className="estimate-note">{t('stats.inCountyRule')}</p>
              <BarChart table={table} />
              <PlanFigures />
            </div>
          )}
        </div>
      )}
    </section>
  );
}

function PlanRow({ columns }: { columns: Column[] }) {
  const { t, lang } = useI18n();
  const { pack, unit } = useWorkspace();
  const cells = columns.map((c) => {
    if (!c.kind || c.metric !== 'area') return '';
    const figures = planAreaFigures(pack.manifest.plan_figures, c.kind.id);
    return figures.map(({ m2 }) => cellText({ ...c, estimate: false }, m2, unit)).join(' / ');
  });
  if (cells.every((c) => c === '')) return null;
  return (
    <tr className="plan-row">
      <th scope="row" className="county-col">
        {t('stats.planRow')}
      </th>
      {cells.map((text, i) => (
        <td key={columns[i].key} className="num" lang={lang === 'zh' ? 'zh-CN' : 'en'}>
          {text}
        </td>
      ))}
    </tr>
  );
}

function PlanFigures() {
  const { t, lang } = useI18n();
  const { pack } = useWorkspace();
  const unitText = usePlanUnitText();
  const figures = pack.manifest.plan_figures ?? [];
  if (figures.length === 0) return null;
  return (
    <details className="plan-figures" open>
      <summary>{t('stats.planFigures')}</summary>
      <ul>
        {figures.map((f) => (
          <li key={f.id}>
            <span className="plan-label">{localText(f.label, lang)}</span>{' '}
            <strong className="figure">
              {f.value.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-US', { maximumFractionDigits: 2 })} {unitText(f.unit)}
            </strong>
            {f.years ? <span> （{t('stats.years', { years: f.years })}）</span> : null}
            <div className="plan-source">{t('stats.planFigureSource', { source: f.source + (f.plan_ref ? ` · ${f.plan_ref}` : '') })}</div>
          </li>
        ))}
      </ul>
    </details>
  );
}

interface ColumnGroup {
  key: string;
  title: LocalText | null;
  colour?: string;
  estimate: boolean;
  columns: Column[];
}

function groupColumns(columns: Column[]): ColumnGroup[] {
  const groups: ColumnGroup[] = [];
  for (const c of columns) {
    const key = c.kind?.id ?? 'county';
    let g = groups.find((x) => x.key === key);
    if (!g) groups.push((g = { key, title: c.kind?.title ?? null, colour: c.kind?.colour, estimate: false, columns: [] }));
    g.columns.push(c);
    g.estimate ||= c.estimate;
  }
  return groups;
}
