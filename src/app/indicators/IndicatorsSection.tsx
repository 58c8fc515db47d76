/**
 * The plan's indicator table beside the map: a collapsed section listing each indicator with the
 * plan's 2020 status, 2025 target and binding/expected, plus dated actual values where the pack
 * cites them, and (signed in) the team's yearly values with their source; editors enter new ones.
 */
import { formatNumber } from '../../geo/units.ts';
import { localText } from '../../i18n/index.ts';
import { useI18n } from '../i18n.tsx';
import { useControllerState, useTeam, useTeamModule } from '../team/teamSlots.tsx';
import { useWorkspace } from '../workspace.tsx';
import './indicators.css';

export function IndicatorsSection() {
  const { t, lang } = useI18n();
  const { pack } = useWorkspace();
  const team = useTeam();
  const teamValues = useControllerState(team?.indicators)?.records ?? [];
  const teamModule = useTeamModule();
  const table = pack.indicators;
  if (!table) return null;
  return (
    <details className="panel-section indicators-section" data-testid="indicators">
      <summary>
        <h2>{t('indicators.heading')}</h2>
      </summary>
      <p className="indicators-note">{t('indicators.intro', { n: table.indicators.length })}</p>
      <table className="indicators-table">
        <caption>{localText(table.title, lang)}</caption>
        <thead>
          <tr>
            <th scope="col">{t('indicators.col.no')}</th>
            <th scope="col">{t('indicators.col.name')}</th>
            <th scope="col">{t('indicators.col.baseline')}</th>
            <th scope="col">{t('indicators.col.target')}</th>
            <th scope="col">{t('indicators.col.kind')}</th>
            <th scope="col">{t('indicators.col.actual')}</th>
          </tr>
        </thead>
        <tbody>
          {table.indicators.map((row, i) => {
            const category = localText(row.category, lang);
            const rowValues = teamValues.filter((v) => v.indicator === localText(row.name, 'zh')).sort((a, b) => a.year - b.year);
            const newCategory = i === 0 || localText(table.indicators[i - 1].category, lang) !== category;
            return [
              newCategory ? (
                <tr key={`c${row.no}`} className="indicators-category">
                  <th scope="rowgroup" colSpan={6}>
                    {category}
                  </th>
                </tr>
              ) : null,
              <tr key={row.no} data-indicator={localText(row.name, 'zh')}>
                <td>{row.no}</td>
                <th scope="row">
                  {localText(row.name, lang)}
                  {row.unit !== '/' && <span className="indicators-unit"> ({row.unit})</span>}
                </th>
                <td>{row.baseline_2020 ?? t('indicators.none')}</td>
                <td>{localText(row.target_2025, lang)}</td>
                <td>{row.binding ? t('indicators.binding') : t('indicators.expected')}</td>
                <td>
                  {row.actuals?.length
                    ? row.actuals.map((a) => (
                        <span key={a.year} className="indicators-actual" title={t('indicators.source', { source: a.source })}>
                          {t('indicators.actual', { year: a.year, value: localText(a.value, lang) })}
                        </span>
                      ))
                    : rowValues.length === 0 && t('indicators.none')}
                  {rowValues.map((v) => (
                      <span key={v.id} className="indicators-actual indicators-team" title={t('indicators.source', { source: v.source })}>
                        {t('indicators.team.actual', { year: v.year, value: formatNumber(v.value, 2), by: v.updated_by ?? '' })}
                        {teamModule && <teamModule.IndicatorValueControls record={v} />}
                      </span>
                    ))}
                </td>
              </tr>,
            ];
          })}
        </tbody>
      </table>
      <p className="indicators-note">{t('indicators.source', { source: table.source })}</p>
      {teamModule && <teamModule.IndicatorTeamEntry indicators={table.indicators.map((r) => localText(r.name, 'zh'))} />}
    </details>
  );
}
