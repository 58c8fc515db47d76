/**
 * Restoration progress over time (signed in only): every dated figure — the pack's own and the
 * team's records — with a year selector, a small chart per city or county, progress per site,
 * county and city as of the chosen year against the plan's target, and a form to record a new
 * figure at the sites the user may write in (a county editor sees only their counties' sites).
 */
import { useMemo, useState, type FormEvent } from 'react';
import type { MultiPolygon, Polygon } from 'geojson';
import { geodesicArea } from '../../geo/geodesicArea.ts';
import { formatNumber, formatPercent, SQUARE_METRES_PER_MU } from '../../geo/units.ts';
import { restorationProgress } from '../../measure/restorationProgress.ts';
import { figureYears, packFigures, timelineSites, progressAsOf, seriesByYear, type DatedFigure } from '../../measure/restorationTimeline.ts';
import { siteEvidence } from '../../measure/siteEvidence.ts';
import { findRegionLayer, regionCode, regionName } from '../../pack/roles.ts';
import { useI18n } from '../i18n.tsx';
import { useMeasure } from '../measure/MeasureProvider.tsx';
import { useSession } from '../session/session.tsx';
import { useWorkspace } from '../workspace.tsx';
import { ProgressChart } from './ProgressChart.tsx';
import { RecordItemControls, RecordSyncStatus, type EditableField } from './RecordSyncViews.tsx';
import type { RecordBody, RestorationRecord } from '../../controllers/teamRecordsController.ts';
import { useControllerState, useTeam } from './teamSlots.tsx';
import './team.css';

const muOf = (geometry: Polygon | MultiPolygon) => geodesicArea(geometry) / SQUARE_METRES_PER_MU;

/** What an editor may correct of a dated figure (its site and evidence stay). */
const FIELDS: EditableField<RestorationRecord>[] = [
  { key: 'date', label: 'progress.record.date', type: 'date' },
  { key: 'restored_mu', label: 'progress.record.mu', type: 'number' },
  { key: 'note', label: 'progress.record.note', type: 'text', optional: true },
];

export function RestorationTimelineSection() {
  const team = useTeam();
  const records = useControllerState(team?.restorations);
  const { t, lang } = useI18n();
  const { pack, layers } = useWorkspace();
  const { controller: session } = useSession();
  const { measurements } = useMeasure();
  const progress = useMemo(() => {
    const known = restorationProgress(layers, pack.manifest.plan_figures ?? []);
    return { ...known, sites: timelineSites(layers, known.sites) };
  }, [layers, pack]);
  const packFigureCount = useMemo(() => packFigures(progress.sites).length, [progress]);
  const figures = useMemo<DatedFigure[]>(
    () => [
      ...packFigures(progress.sites),
      ...(records?.records ?? []).map((r) => ({ site: r.site, date: r.date, restored_mu: r.restored_mu, author: r.author, ...(r.note ? { note: r.note } : {}) })),
    ],
    [progress, records],
  );
  const years = figureYears(figures);
  const [chosenYear, setYear] = useState<number | null>(null);
  const year = chosenYear !== null && years.includes(chosenYear) ? chosenYear : (years.at(-1) ?? new Date().getFullYear());
  const [scope, setScope] = useState('');
  const asOf = progressAsOf(progress.sites, figures, year);
  const series = seriesByYear(progress.sites, figures, scope || undefined);
  const target = progress.targets[0];
  const mu = (v: number | null) => (v === null ? '—' : formatNumber(v, 2));

  // Which county adcodes a site lies in (its county label split), for what the user may write.
  const codeByName = useMemo(() => {
    const regions = findRegionLayer(layers);
    const map = new Map<string, string>();
    for (const f of regions?.data.features ?? []) {
      const name = regionName(regions!, f);
      const code = regionCode(regions!, f);
      if (name && code) map.set(name, code);
    }
    return map;
  }, [layers]);
  const writable = progress.sites.filter((site) => {
    const counties = site.county.split('、').filter(Boolean);
    if (!session.mayWrite('restoration')) return false;
    return counties.every((c) => {
      const code = codeByName.get(c);
      return code === undefined ? session.mayWrite('restoration', '') : session.mayWrite('restoration', code);
    });
  });
  const areaMeasurements = measurements.filter((m): m is typeof m & { geometry: Polygon | MultiPolygon } => m.geometry.type !== 'LineString');

  const [siteKey, setSiteKey] = useState('');
  const [date, setDate] = useState(() => new Date().toISOString().slice(0, 10));
  const [muText, setMuText] = useState('');
  const [evidence, setEvidence] = useState('site');
  const [note, setNote] = useState('');
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const site = writable.find((s) => `${s.layerId}:${s.index}` === siteKey) ?? writable[0];

  if (!team || !records) return null;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const restored = Number(muText);
    if (muText.trim() === '' || !Number.isFinite(restored) || restored < 0) return setMessage({ kind: 'error', text: t('progress.record.badMu') });
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return setMessage({ kind: 'error', text: t('progress.record.badDate') });
    const measured = areaMeasurements.find((m) => m.id === evidence);
    const layer = layers.find((l) => l.id === site.layerId);
    const feature = layer?.data.features[site.index];
    const geometry = measured ? measured.geometry : siteEvidence(feature?.geometry);
    // The site's own outline is as exact as the pack says; a square around a point is schematic.
    const evidencePrecision = measured ? undefined : feature?.geometry?.type === 'Point' ? 'schematic' : feature?.properties.precision;
    const stored = await team.restorations.create({
      site: site.name,
      date,
      restored_mu: restored,
      evidence: geometry,
      ...(evidencePrecision ? { evidence_precision: evidencePrecision } : {}),
      ...(note.trim() ? { note: note.trim() } : {}),
    });
    if (stored) {
      setMessage({ kind: 'ok', text: t('progress.record.saved', { site: site.name, date, mu: formatNumber(restored, 2) }) });
      setMuText('');
      setNote('');
      setYear(Number(date.slice(0, 4)));
    } else {
      setMessage({ kind: 'error', text: t('progress.notStored', { reason: team.restorations.getState().error?.message ?? '' }) });
    }
  };

  const scopeName = scope || t('progress.scope.city');
  const describe = (r: RecordBody<RestorationRecord>) =>
    t(r.note ? 'progress.figure.note' : 'progress.figure', { site: r.site, date: r.date, mu: formatNumber(r.restored_mu, 2), note: r.note ?? '' });
  const mayEdit = (r: RestorationRecord) => writable.some((w) => w.name === r.site);
  const pendingYears = new Set(records.records.filter((r) => records.pending.has(r.id)).map((r) => Number(r.date.slice(0, 4))));
  return (
    <section className="panel-section team-progress" aria-labelledby="team-progress-title" data-testid="team-progress">
      <h2 id="team-progress-title">{t('progress.title')}</h2>
      <p className="measure-note">{t('progress.intro')}</p>
      <RecordSyncStatus controller={team.restorations} describe={describe} />
      {years.length === 0 ? (
        <p>{t('progress.none')}</p>
      ) : (
        <>
          <div className="team-row">
            <label>
              {t('progress.year')}{' '}
              <select aria-label={t('progress.year')} value={year} onChange={(e) => setYear(Number(e.target.value))}>
                {years.map((y) => (
                  <option key={y} value={y}>
                    {y}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('progress.scope')}{' '}
              <select aria-label={t('progress.scope')} value={scope} onChange={(e) => setScope(e.target.value)}>
                <option value="">{t('progress.scope.city')}</option>
                {asOf.counties.map((c) => (
                  <option key={c.name} value={c.name}>
                    {c.name}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <ProgressChart
            points={series}
            selectedYear={year}
            pendingYears={pendingYears}
            pendingLabel={t('progress.pending')}
            label={t('progress.chart', { scope: scopeName, points: series.map((p) => `${p.year} ${formatNumber(p.restored_mu, 2)}`).join('，') })}
          />
          {target && (
            <p data-testid="progress-target">
              {t('progress.target', {
                value: `${formatNumber(target.value_mu, 2)} ${lang === 'zh' ? '亩' : 'mu'}`,
                years: target.years ?? '—',
                year,
                restored: `${formatNumber(asOf.city.restored_mu, 2)} ${lang === 'zh' ? '亩' : 'mu'}`,
                percent: formatPercent(asOf.city.restored_mu / target.value_mu, 2),
              })}
            </p>
          )}
          <table className="measure-table" data-testid="progress-sites">
            <caption>{t('progress.sites', { year })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('progress.col.site')}</th>
                <th scope="col">{t('progress.col.planned')}</th>
                <th scope="col">{t('progress.col.restored')}</th>
                <th scope="col">{t('progress.col.date')}</th>
              </tr>
            </thead>
            <tbody>
              {asOf.sites.map((s) => (
                <tr key={s.name}>
                  <th scope="row">
                    {s.name}
                    {s.county && <span className="measure-extras"> · {s.county}</span>}
                  </th>
                  <td>{mu(s.planned_mu)}</td>
                  <td>{mu(s.restored_mu)}</td>
                  <td>{s.date ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <table className="measure-table" data-testid="progress-counties">
            <caption>{t('progress.counties', { year })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('progress.col.county')}</th>
                <th scope="col">{t('progress.col.planned')}</th>
                <th scope="col">{t('progress.col.restored')}</th>
              </tr>
            </thead>
            <tbody>
              {asOf.counties.map((c) => (
                <tr key={c.name}>
                  <th scope="row">{c.name}</th>
                  <td>{mu(c.planned_mu)}</td>
                  <td>{mu(c.restored_mu)}</td>
                </tr>
              ))}
              <tr>
                <th scope="row">{t('progress.city')}</th>
                <td>{mu(asOf.city.planned_mu)}</td>
                <td>{mu(asOf.city.restored_mu)}</td>
              </tr>
            </tbody>
          </table>
          <details>
            <summary>{t('progress.figures')}</summary>
            <ul className="team-list" data-testid="progress-figures">
              {[...figures]
                .map((f, i) => ({ f, record: i >= packFigureCount ? records.records[i - packFigureCount] : undefined }))
                .sort((a, b) => a.f.date.localeCompare(b.f.date))
                .map(({ f, record }, i) => (
                  <li key={record?.id ?? i}>
                    {f.date} · {f.site} · {formatNumber(f.restored_mu, 2)} {lang === 'zh' ? '亩' : 'mu'} · {f.author ?? t('progress.byPack')}
                    {f.note ? ` · ${f.note}` : ''}
                    {record && (
                      <>
                        {' '}
                        <RecordItemControls controller={team.restorations} describe={describe} record={record} fields={mayEdit(record) ? FIELDS : undefined} />
                      </>
                    )}
                  </li>
                ))}
            </ul>
          </details>
        </>
      )}
      {session.mayWrite('restoration') && (
        <form className="team-form" onSubmit={(e) => void submit(e)} aria-label={t('progress.record')}>
          <h3>{t('progress.record')}</h3>
          {writable.length === 0 ? (
            <p>{t('progress.record.noSites')}</p>
          ) : (
            <>
              <label>
                {t('progress.record.site')}
                <select aria-label={t('progress.record.site')} value={site ? `${site.layerId}:${site.index}` : ''} onChange={(e) => setSiteKey(e.target.value)}>
                  {writable.map((s) => (
                    <option key={`${s.layerId}:${s.index}`} value={`${s.layerId}:${s.index}`}>
                      {s.name}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                {t('progress.record.date')}
                <input aria-label={t('progress.record.date')} type="date" value={date} onChange={(e) => setDate(e.target.value)} required />
              </label>
              <label>
                {t('progress.record.evidence')}
                <select aria-label={t('progress.record.evidence')}
                  value={evidence}
                  onChange={(e) => {
                    setEvidence(e.target.value);
                    const m = areaMeasurements.find((x) => x.id === e.target.value);
                    if (m) setMuText(String(Math.round(muOf(m.geometry) * 100) / 100));
                  }}
                >
                  <option value="site">{t('progress.record.evidence.site')}</option>
                  {areaMeasurements.map((m) => (
                    <option key={m.id} value={m.id}>
                      {t('progress.record.evidence.measurement', { name: m.name, area: `${formatNumber(muOf(m.geometry), 2)} ${lang === 'zh' ? '亩' : 'mu'}` })}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                {t('progress.record.mu')}
                <input aria-label={t('progress.record.mu')} inputMode="decimal" value={muText} onChange={(e) => setMuText(e.target.value)} />
              </label>
              <label>
                {t('progress.record.note')}
                <input aria-label={t('progress.record.note')} value={note} onChange={(e) => setNote(e.target.value)} />
              </label>
              <button type="submit" disabled={records.busy}>
                {t('progress.record.submit')}
              </button>
            </>
          )}
          {message && (
            <p role={message.kind === 'error' ? 'alert' : 'status'} className={message.kind === 'error' ? 'measure-warning' : 'measure-note'}>
              {message.text}
            </p>
          )}
        </form>
      )}
    </section>
  );
}
