import { useId, useState } from 'react';
import { localText, type MessageKey } from '../../i18n/index.ts';
import { useI18n } from '../i18n.tsx';
import { useWorkspace } from '../workspace.tsx';
import { cellNumber, cellText, type Column, type CountyTable } from './countyTable.ts';

/** Plain-SVG horizontal bars of one zone figure per county; a bar selects its county. */
export function BarChart({ table }: { table: CountyTable }) {
  const { t, lang } = useI18n();
  const { pack, unit, selectCounty, selectedCounty } = useWorkspace();
  const selectId = useId();
  const choices = table.columns.filter((c) => c.kind && c.metric !== 'share');
  // First shown: the kind the plan's first stated figure is about (Changzhi: the subsidence target).
  const planKind = pack.manifest.plan_figures?.[0]?.layer;
  const [key, setKey] = useState(() => (choices.find((c) => c.kind?.id === planKind) ?? choices[0])?.key);
  const column = choices.find((c) => c.key === key) ?? choices[0];
  if (!column) return null;
  const label = (c: Column) => `${localText(c.kind!.title, lang)} · ${t(`stats.metric.${c.metric}` as MessageKey)}`;
  const values = table.rows.map((r) => ({ row: r, value: cellNumber(column, r.values[column.key], unit).value }));
  const max = Math.max(...values.map((v) => v.value), 0) || 1;
  const rowH = 22;
  const labelW = lang === 'zh' ? 64 : 92;
  const valueW = 96;
  const width = 420;
  const barW = width - labelW - valueW;
  const chartLabel = t('stats.chartLabel', { kind: localText(column.kind!.title, lang), metric: t(`stats.metric.${column.metric}` as MessageKey) });
  return (
    <figure className="bar-chart">
      <figcaption>
        <label htmlFor={selectId}>{t('stats.chartMetric')}</label>{' '}
        <select id={selectId} value={column.key} onChange={(e) => setKey(e.target.value)}>
          {choices.map((c) => (
            <option key={c.key} value={c.key}>
              {label(c)}
            </option>
          ))}
        </select>
      </figcaption>
      <svg viewBox={`0 0 ${width} ${values.length * rowH + 4}`} role="img" aria-label={chartLabel} width="100%">
        <title>{chartLabel}</title>
        {values.map(({ row, value }, i) => {
          const y = i * rowH + 2;
          const w = Math.max(0, (value / max) * barW);
          const name = lang === 'en' ? row.nameEn : row.name;
          return (
            <g key={row.adcode} className={row.adcode === selectedCounty ? 'bar selected' : 'bar'} onClick={() => selectCounty(row.adcode, { zoom: true })}>
              <text x={labelW - 6} y={y + rowH / 2} textAnchor="end" dominantBaseline="central">
                {name}
              </text>
              <rect x={labelW} y={y + 3} width={w} height={rowH - 6} fill={column.kind!.colour} opacity={column.estimate ? 0.65 : 0.9} rx={2} />
              <text x={labelW + w + 4} y={y + rowH / 2} dominantBaseline="central" className="bar-value">
                {cellText(column, row.values[column.key], unit)}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
