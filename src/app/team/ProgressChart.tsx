/**
 * A small SVG chart of restored 亩 at the end of each year that has a figure: one bar per year,
 * labelled with the year and the figure. Hand-drawn: a handful of bars needs no chart library.
 */
import { formatNumber } from '../../geo/units.ts';

interface ProgressChartProps {
  points: { year: number; restored_mu: number }[];
  label: string;
  selectedYear: number;
  /** Years with a figure not yet on the server: marked (未同步) above their bar. */
  pendingYears?: ReadonlySet<number>;
  pendingLabel?: string;
}

const WIDTH = 320;
const HEIGHT = 150;
const BOTTOM = 22;
const TOP = 18;

export function ProgressChart({ points, label, selectedYear, pendingYears, pendingLabel }: ProgressChartProps) {
  const max = Math.max(1, ...points.map((p) => p.restored_mu));
  const slot = WIDTH / Math.max(1, points.length);
  const barWidth = Math.min(48, slot * 0.6);
  const plotHeight = HEIGHT - BOTTOM - TOP;
  return (
    <svg className="progress-chart" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={label} data-testid="progress-chart">
      <line x1={0} x2={WIDTH} y1={HEIGHT - BOTTOM} y2={HEIGHT - BOTTOM} className="progress-chart-axis" />
      {points.map((p, i) => {
        const h = (p.restored_mu / max) * plotHeight;
        const x = i * slot + (slot - barWidth) / 2;
        const y = HEIGHT - BOTTOM - h;
        return (
          <g key={p.year} className={p.year === selectedYear ? 'selected' : undefined} data-year={p.year} data-pending={pendingYears?.has(p.year) || undefined}>
            <rect x={x} y={y} width={barWidth} height={h} className="progress-chart-bar" />
            <text x={x + barWidth / 2} y={y - 4} textAnchor="middle" className="progress-chart-value">
              {formatNumber(p.restored_mu, p.restored_mu < 100 ? 1 : 0)}
            </text>
            {pendingYears?.has(p.year) && (
              <text x={x + barWidth / 2} y={Math.max(10, y - 14)} textAnchor="middle" className="progress-chart-pending">
                {pendingLabel}
              </text>
            )}
            <text x={x + barWidth / 2} y={HEIGHT - 6} textAnchor="middle" className="progress-chart-year">
              {p.year}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
