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
          <table className="measure-table restoration-table" data-testid="restoration-sites">
            <caption>{t('measure.progress.sites')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('measure.progress.col.name')}</th>
                <th scope="col">{t('measure.progress.col.planned')}</th>
                <th scope="col">{t('measure.progress.col.restored')}</th>
                <th scope="col">{t('measure.progress.col.progress')}</th>
              </tr>
            </thead>
            <tbody>
              {progress.sites.map((site) => {
                const name = lang === 'en' && site.name_en ? site.name_en : site.name;
                return (
                  <tr key={`${site.layerId}:${site.index}`}>
                    <th scope="row">
                      {name}
                      {site.county && <span className="measure-extras"> · {site.county}</span>}
                    </th>
                    <td>{mu(site.planned_mu)}</td>
                    <td>{mu(site.restored_mu)}</td>
                    <td>
                      {site.ratio !== null && (
                        <ProgressBar
                          value={site.ratio}
                          label={t('measure.progress.bar', { name, restored: mu(site.restored_mu), planned: mu(site.planned_mu), percent: formatPercent(site.ratio, 1) })}
                          text={formatPercent(site.ratio, 1)}
                        />
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <table className="measure-table restoration-table" data-testid="restoration-counties">
            <caption>{t('measure.progress.counties')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('measure.progress.col.county')}</th>
                <th scope="col">{t('measure.progress.col.planned')}</th>
                <th scope="col">{t('measure.progress.col.restored')}</th>
                <th scope="col">{t('measure.progress.col.progress')}</th>
              </tr>
            </thead>
            <tbody>
              {progress.counties.map((c) => (
                <tr key={c.county || '—'}>
                  <th scope="row">{c.county || '—'}</th>
                  <td>{mu(c.planned_mu)}</td>
                  <td>{mu(c.restored_mu)}</td>
                  <td>
                    {c.ratio !== null && (
                      <ProgressBar
                        value={c.ratio}
                        label={t('measure.progress.bar', { name: c.county, restored: mu(c.restored_mu), planned: mu(c.planned_mu), percent: formatPercent(c.ratio, 1) })}
                        text={formatPercent(c.ratio, 1)}
                      />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
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
