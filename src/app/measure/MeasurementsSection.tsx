/**
 * The measurements list in the side panel: per measurement its name and colour (editable), the
 * final figure (亩 to 0.01, with ha and km² beside it), hide / edit / zoom / delete, export, and
 * under it the split by county and the overlap with each zone layer. Export all at the top.
 */
import { useEffect, useRef, useState } from 'react';
import { describeIssue } from '../../geo/describeIssue.ts';
import { areaUnitLabel, convertArea, formatArea, formatLength, formatNumber, formatPercent, significant, significantDecimals, type AreaUnit } from '../../geo/units.ts';
import { localText, type Lang, type MessageKey } from '../../i18n/index.ts';
import type { MeasurementBreakdown } from '../../measure/breakdown.ts';
import type { ExportFormat } from '../../measure/exporters.ts';
import type { Measurement } from '../../measure/types.ts';
import { useI18n } from '../i18n.tsx';
import { useMayTakeFromTeam, useTeamLocked, useTeamModule } from '../team/teamSlots.tsx';
import { useWorkspace } from '../workspace.tsx';
import { isEditable } from '../../controllers/measureController.ts';
import { useMeasure, type BreakdownState, type FiguresState } from './MeasureProvider.tsx';
import './measure.css';

const FORMATS: { format: ExportFormat; label: string }[] = [
  { format: 'geojson', label: 'GeoJSON' },
  { format: 'kml', label: 'KML' },
  { format: 'csv', label: 'CSV' },
];

export function MeasurementsSection() {
  const { t } = useI18n();
  const m = useMeasure();
  const team = useTeamModule();
  return (
    <section className="panel-section measure-section" aria-labelledby="measure-list-title">
      <h2 id="measure-list-title">{t('measure.list.title')}</h2>
      {team && <team.SyncStatus />}
      {m.unreadable ? <p className="measure-warning">{t('measure.list.unreadable')}</p> : !m.persistent && <p className="measure-warning">{t('measure.list.notSaved')}</p>}
      {m.draft && (
        <div className="measure-draft" role="group" aria-label={t('measure.draft.found')}>
          <p>{t('measure.draft.found')}</p>
          <button type="button" onClick={m.restoreDraft}>
            {t('measure.draft.restore')}
          </button>
          <button type="button" onClick={m.discardDraft}>
            {t('measure.draft.discard')}
          </button>
        </div>
      )}
      {m.lastDeleted && (
        <p className="measure-deleted">
          {t('measure.item.deleted', { name: m.lastDeleted.name })}{' '}
          <button type="button" onClick={m.restoreDeleted}>
            {t('measure.item.undoDelete')}
          </button>
        </p>
      )}
      {m.measurements.length === 0 ? (
        m.loaded && !m.unreadable && <p className="measure-empty">{t('measure.list.empty')}</p>
      ) : (
        <>
          <div className="measure-export-all" role="group" aria-label={t('measure.export.all')}>
            <span>{t('measure.export.all')}:</span>
            {FORMATS.map(({ format, label }) => (
              <button key={format} type="button" onClick={() => m.exportItems(null, format)} aria-label={`${t('measure.export.all')} ${label}`}>
                {label}
              </button>
            ))}
          </div>
          <ul className="measure-list" aria-label={t('measure.list.label')}>
            {m.measurements.map((item) => (
              <MeasurementItem key={item.id} item={item} figures={m.figures.get(item.id)} breakdown={m.breakdowns[item.id]} />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function MeasurementItem({ item, figures, breakdown }: { item: Measurement; figures?: FiguresState; breakdown?: BreakdownState }) {
  const { t, lang } = useI18n();
  const { unit } = useWorkspace();
  const m = useMeasure();
  const team = useTeamModule();
  const [name, setName] = useState(item.name);
  useEffect(() => setName(item.name), [item.name]);
  const ref = useRef<HTMLLIElement>(null);
  const selected = m.selectedId === item.id;
  useEffect(() => {
    if (selected) ref.current?.scrollIntoView?.({ block: 'nearest' });
  }, [selected]);
  const commitName = () => {
    if (name.trim() && name !== item.name) m.rename(item.id, name);
    else setName(item.name);
  };
  const editable = isEditable(item.geometry);
  // Someone else's shared measurement: the team may change it, only its owner (or an admin) deletes it.
  // On the server and not this user's to change there (a county editor outside their counties):
  // no edit controls, as the server would refuse the write.
  const locked = useTeamLocked(item);
  const mayDelete = useMayTakeFromTeam(item) && !locked;
  const unsaved = m.unsaved[item.id];

  return (
    <li ref={ref} className={`measure-item${selected ? ' selected' : ''}${item.hidden ? ' is-hidden' : ''}${unsaved ? ' is-unsaved' : ''}`} data-measurement-id={item.id}>
      <div className="measure-item-head">
        {locked ? (
          <>
            <span className="measure-swatch" style={{ background: item.color }} aria-hidden="true" />
            <span className="measure-name measure-name-fixed" title={t('team.sync.notYours')}>
              {item.name}
            </span>
          </>
        ) : (
          <>
            <input
              type="color"
              value={item.color}
              aria-label={`${t('measure.item.color')}: ${item.name}`}
              onChange={(e) => m.recolor(item.id, e.target.value)}
            />
            <input
              type="text"
              className="measure-name"
              value={name}
              aria-label={`${t('measure.item.name')}: ${item.name}`}
              onChange={(e) => setName(e.target.value)}
              onBlur={commitName}
              onKeyDown={(e) => {
                if (e.key === 'Enter') e.currentTarget.blur();
                if (e.key === 'Escape') {
                  setName(item.name);
                  e.currentTarget.blur();
                }
              }}
              onFocus={() => m.select(item.id)}
            />
          </>
        )}
      </div>
      {unsaved && (
        <p className="measure-unsaved" role="status">
          <span>{t(unsaved.op === 'delete' ? 'measure.item.unsavedDelete' : 'measure.item.unsaved')}</span>{' '}
          <button type="button" aria-label={t('measure.item.retryLabel', { name: item.name })} onClick={() => m.retry(item.id)}>
            {t('measure.item.retry')}
          </button>
        </p>
      )}
      <p className="measure-kind">
        {t(`measure.kind.${item.kind}` as MessageKey)}
        {item.source && item.kind === 'feature' ? ` · ${t('measure.item.fromFeature', { name: item.source.name })}` : ''}
      </p>
      <FigureLine figures={figures} lang={lang} />
      {team && <team.TeamItemControls item={item} />}
      <div className="measure-item-actions">
        <button type="button" aria-pressed={item.hidden} aria-label={t('measure.item.hideLabel', { name: item.name })} onClick={() => m.setHidden(item.id, !item.hidden)}>
          {item.hidden ? t('measure.item.show') : t('measure.item.hide')}
        </button>
        {!locked && (
          <button
            type="button"
            disabled={!editable}
            title={editable ? undefined : t('measure.item.editUnavailable')}
            aria-label={t('measure.item.editLabel', { name: item.name })}
            onClick={() => m.editShape(item.id)}
          >
            {t('measure.item.edit')}
          </button>
        )}
        <button type="button" aria-label={t('measure.item.zoomLabel', { name: item.name })} onClick={() => m.zoomTo(item.id)}>
          {t('measure.item.zoom')}
        </button>
        {mayDelete && (
          <button type="button" aria-label={t('measure.item.deleteLabel', { name: item.name })} onClick={() => m.remove(item.id)}>
            {t('measure.item.delete')}
          </button>
        )}
        <span className="measure-item-export">
          {t('measure.item.export')}:
          {FORMATS.map(({ format, label }) => (
            <button key={format} type="button" aria-label={t('measure.item.exportLabel', { name: item.name, format: label })} onClick={() => m.exportItems([item.id], format)}>
              {label}
            </button>
          ))}
        </span>
      </div>
      {figures?.ok && <BreakdownView state={breakdown} unit={unit} lang={lang} />}
    </li>
  );
}

function FigureLine({ figures, lang }: { figures?: FiguresState; lang: Lang }) {
  const { t } = useI18n();
  if (!figures) return null;
  if (!figures.ok) return <p className="measure-figure invalid">{t('measure.item.invalid', { reason: describeIssue(figures.issue, lang) })}</p>;
  const f = figures.figures;
  if (f.type === 'length') {
    return (
      <p className="measure-figure">
        <strong data-testid="measure-length">{formatLength(f.length_m, lang)}</strong>
      </p>
    );
  }
  return (
    <p className="measure-figure">
      <strong data-testid="measure-area-mu">{formatArea(f.area_m2, 'mu', lang)}</strong>{' '}
      <span className="measure-figure-other">
        ({formatArea(f.area_m2, 'ha', lang)} · {formatArea(f.area_m2, 'km2', lang, { decimals: 4 })})
      </span>{' '}
      <span className="measure-figure-other">{t('measure.item.perimeter', { value: formatLength(f.perimeter_m, lang) })}</span>
    </p>
  );
}

function BreakdownView({ state, unit, lang }: { state?: BreakdownState; unit: AreaUnit; lang: Lang }) {
  const { t } = useI18n();
  const { layers } = useWorkspace();
  if (!state || state.status === 'pending') return <p className="measure-breakdown-pending">{t('measure.breakdown.pending')}</p>;
  if (state.status === 'error') return <p className="measure-breakdown-error">{t('measure.breakdown.error', { reason: state.message })}</p>;
  const b: MeasurementBreakdown = state.result;
  const value = (v: number) => (b.measure === 'area' ? formatArea(v, unit, lang) : formatLength(v, lang));
  // Over schematic zones an area is an estimate: "≈" and three significant digits, as in the table.
  const estimate = (v: number) => {
    if (b.measure !== 'area' || v === 0) return value(v);
    const rounded = significant(convertArea(v, unit));
    return `≈${formatNumber(rounded, significantDecimals(rounded))} ${areaUnitLabel(unit, lang)}`;
  };
  const isSchematic = (layerId: string, index?: number) => {
    const features = layers.find((l) => l.id === layerId)?.data.features ?? [];
    return index === undefined ? features.some((f) => f.properties?.precision === 'schematic') : features[index]?.properties?.precision === 'schematic';
  };
  const name = (row: { name: string; name_en?: string }) => (lang === 'en' && row.name_en ? row.name_en : row.name);
  const valueHeader = b.measure === 'area' ? t('measure.breakdown.col.value') : t('measure.breakdown.col.length');
  return (
    <div className="measure-breakdown">
      <table className="measure-table" data-testid="breakdown-counties">
        <caption>{t('measure.breakdown.counties')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('measure.breakdown.col.name')}</th>
            <th scope="col">{valueHeader}</th>
            <th scope="col">{t('measure.breakdown.col.share')}</th>
          </tr>
        </thead>
        <tbody>
          {b.counties.map((row) => (
            <tr key={row.key}>
              <th scope="row">{name(row)}</th>
              <td>{value(row.value)}</td>
              <td>{formatPercent(row.share)}</td>
            </tr>
          ))}
          {/* Only when it shows as a number: county data has sub-亩 digitising gaps along borders. */}
          {(b.measure === 'area' ? convertArea(b.outsideCounties, unit) >= 0.005 : b.outsideCounties >= 0.5) && (
            <tr>
              <th scope="row">{t('measure.breakdown.outside')}</th>
              <td>{value(b.outsideCounties)}</td>
              <td>{formatPercent(b.outsideCounties / b.total)}</td>
            </tr>
          )}
        </tbody>
      </table>
      <table className="measure-table" data-testid="breakdown-zones">
        <caption>{t('measure.breakdown.zones')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('measure.breakdown.col.name')}</th>
            <th scope="col">{valueHeader}</th>
            <th scope="col">{t('measure.breakdown.col.share')}</th>
          </tr>
        </thead>
        <tbody>
          {b.layers.length === 0 && (
            <tr>
              <td colSpan={3}>{t('measure.breakdown.none')}</td>
            </tr>
          )}
          {b.layers.flatMap((layer) => {
            const extras = [
              layer.length_m > 0 ? t('measure.breakdown.lines', { length: formatLength(layer.length_m, lang) }) : '',
              layer.count > 0 ? t('measure.breakdown.points', { count: formatNumber(layer.count, 0) }) : '',
            ].filter(Boolean);
            return [
              <tr key={layer.layerId} className="measure-layer-row" data-layer={layer.layerId}>
                <th scope="row">
                  {localText(layer.title, lang)}
                  {extras.length > 0 && <span className="measure-extras"> · {extras.join(' · ')}</span>}
                </th>
                <td>{layer.hasPolygons ? (isSchematic(layer.layerId) ? estimate(layer.value) : value(layer.value)) : ''}</td>
                <td>{layer.hasPolygons ? formatPercent(layer.share) : ''}</td>
              </tr>,
              ...layer.features.map((row) => (
                <tr key={row.key} className="measure-feature-row">
                  <th scope="row">{name(row)}</th>
                  <td>{isSchematic(layer.layerId, row.index) ? estimate(row.value) : value(row.value)}</td>
                  <td>{formatPercent(row.share)}</td>
                </tr>
              )),
            ];
          })}
        </tbody>
      </table>
      {b.skipped.length > 0 && <p className="measure-note">{t('measure.breakdown.skipped', { n: b.skipped.length })}</p>}
    </div>
  );
}
