/**
 * Restoration progress in the side panel: planned vs restored 亩 per site and per county with
 * progress bars, and the plan's city-wide target beside the sum of the sites we know, labelled as
 * partial (the texts name only some sites with their areas).
 */
import { useMemo } from 'react';
import { formatNumber, formatPercent } from '../../geo/units.ts';
import { localText } from '../../i18n/index.ts';
import { restorationProgress, type ProgressIssue } from '../../measure/restorationProgress.ts';
import { useI18n } from '../i18n.tsx';
import { useWorkspace } from '../workspace.tsx';
import './measure.css';

export function RestorationSection() {
  const { t, lang } = useI18n();
  const { pack, layers } = useWorkspace();
  const progress = useMemo(() => restorationProgress(layers, pack.manifest.plan_figures ?? []), [layers, pack]);
  const mu = (value: number | null) => (value === null ? t('measure.progress.unknown') : `${formatNumber(value, 2)} ${lang === 'zh' ? '亩' : 'mu'}`);

  return (
    <section className="panel-section restoration-section" aria-labelledby="restoration-title">
      <h2 id="restoration-title">{t('measure.progress.title')}</h2>
      {progress.sites.length === 0 ? (
        <p>{t('measure.progress.none')}</p>
      ) : (
        <>
          <p className="measure-note">{t('measure.progress.intro')}</p>
          {progress.targets.map((target) => (
            <div key={target.figureId} className="restoration-target" data-testid="restoration-target">
              <dl>
                <dt>{t('measure.progress.target')}</dt>
                <dd title={localText(target.label, lang)}>
                  {target.years !== undefined
                    ? t('measure.progress.targetValue', { value: mu(target.value_mu), years: target.years })
                    : t('measure.progress.targetValueNoYears', { value: mu(target.value_mu) })}
                </dd>
                <dt>{t('measure.progress.known')}</dt>
                <dd>{t('measure.progress.knownValue', { planned: mu(target.knownPlannedShare * target.value_mu), restored: mu(target.knownRestoredShare * target.value_mu) })}</dd>
              </dl>
              <ProgressBar
                value={target.knownRestoredShare}
                secondary={target.knownPlannedShare}
                label={t('measure.progress.bar', {
                  name: t('measure.progress.known'),
                  restored: mu(target.knownRestoredShare * target.value_mu),
                  planned: mu(target.value_mu),
                  percent: formatPercent(target.knownRestoredShare),
                })}
              />
              <p className="restoration-partial" data-testid="restoration-partial">
                {t('measure.progress.partial', {
                  n: progress.sites.filter((s) => s.layerId === target.layerId && s.planned_mu !== null).length,
                  share: formatPercent(target.knownPlannedShare),
                })}
              </p>
              <p className="measure-note">{t('measure.progress.source', { source: target.source })}</p>
            </div>
          ))}
          <ProgressTable
            testId="restoration-sites"
            caption={t('measure.progress.sites')}
            firstColumn={t('measure.progress.col.name')}
            rows={progress.sites.map((site) => {
              const name = lang === 'en' && site.name_en ? site.name_en : site.name;
              return { key: `${site.layerId}:${site.index}`, name, extra: site.county, planned: site.planned_mu, restored: site.restored_mu, ratio: site.ratio };
            })}
            mu={mu}
          />
          <ProgressTable
            testId="restoration-counties"
            caption={t('measure.progress.counties')}
            firstColumn={t('measure.progress.col.county')}
            rows={progress.counties.map((c) => ({ key: c.county || '—', name: c.county || '—', planned: c.planned_mu, restored: c.restored_mu, ratio: c.ratio }))}
            mu={mu}
          />
          {progress.issues.map((issue) => (
            <p key={`${issue.layerId}:${issue.index}:${issue.property}`} className="measure-warning">
              {t('measure.progress.issue', { name: issue.name, property: issue.property, problem: problemText(issue, t) })}
            </p>
          ))}
        </>
      )}
    </section>
  );
}

interface ProgressRow {
  key: string;
  name: string;
  /** Shown after the name, smaller (a site's county). */
  extra?: string | null;
  planned: number | null;
  restored: number | null;
  ratio: number | null;
}

/** Planned vs restored 亩 with a progress bar, one row per site or county. */
function ProgressTable({ testId, caption, firstColumn, rows, mu }: { testId: string; caption: string; firstColumn: string; rows: ProgressRow[]; mu: (value: number | null) => string }) {
  const { t } = useI18n();
  return (
    <table className="measure-table restoration-table" data-testid={testId}>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{firstColumn}</th>
          <th scope="col">{t('measure.progress.col.planned')}</th>
          <th scope="col">{t('measure.progress.col.restored')}</th>
          <th scope="col">{t('measure.progress.col.progress')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.key}>
            <th scope="row">
              {row.name}
              {row.extra && <span className="measure-extras"> · {row.extra}</span>}
            </th>
            <td>{mu(row.planned)}</td>
            <td>{mu(row.restored)}</td>
            <td>
              {row.ratio !== null && (
                <ProgressBar
                  value={row.ratio}
                  label={t('measure.progress.bar', { name: row.name, restored: mu(row.restored), planned: mu(row.planned), percent: formatPercent(row.ratio, 1) })}
                  text={formatPercent(row.ratio, 1)}
                />
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function problemText(issue: ProgressIssue, t: ReturnType<typeof useI18n>['t']): string {
  switch (issue.problem) {
    case 'not-a-number':
      return t('measure.progress.issue.nan');
    case 'negative':
      return t('measure.progress.issue.negative');
    case 'restored-exceeds-plan':
      return t('measure.progress.issue.exceeds');
  }
}

/** A bar for a share 0–1 (clamped for drawing; the text keeps the true value). */
function ProgressBar({ value, secondary, label, text }: { value: number; secondary?: number; label: string; text?: string }) {
  const clamp = (v: number) => Math.max(0, Math.min(1, v));
  return (
    <span className="progress" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(value * 1000) / 10} aria-label={label} title={label}>
      <span className="progress-track">
        {secondary !== undefined && <span className="progress-fill secondary" style={{ width: `${clamp(secondary) * 100}%` }} />}
        <span className="progress-fill" style={{ width: `${clamp(value) * 100}%` }} />
      </span>
      {text && <span className="progress-text">{text}</span>}
    </span>
  );
}
