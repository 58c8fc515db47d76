/**
 * Settings of one imported layer, in its layer-panel row: name, colour, which property names the
 * features (labels, lists, details), which property gives the kind (columns of the county
 * statistics), where it came from, the GCJ-02 correction for lon/lat data, import notes, remove.
 */
import { useEffect, useId, useState } from 'react';
import { describeIssue } from '../../geo/describeIssue.ts';
import type { MessageKey } from '../../i18n/index.ts';
import type { LoadedLayer } from '../../pack/types.ts';
import { useI18n } from '../i18n.tsx';
import { useImports } from './ImportsProvider.tsx';
import { useNoticeText } from './ImportControl.tsx';
import { isLonLatCrs } from '../../import/crs/lonLat.ts';


export function ImportedLayerControls({ layer }: { layer: LoadedLayer }) {
  const { t, lang } = useI18n();
  const imports = useImports();
  const text = useNoticeText();
  const record = imports.records.find((r) => r.id === layer.id);
  const ids = { name: useId(), color: useId() };
  const [name, setName] = useState(record?.name ?? '');
  useEffect(() => setName(record?.name ?? ''), [record?.name]);
  if (!record) return null;

  const commitName = () => {
    const trimmed = name.trim();
    if (trimmed && trimmed !== record.name) imports.update(record.id, { name: trimmed });
    else setName(record.name);
  };
  const hint = imports.gcjHints[record.id];
  const lonLat = isLonLatCrs(record.sourceCrs);
  const correcting = imports.correcting.has(record.id);
  const unusable = imports.unusable[record.id];
  const unsaved = imports.unsaved[record.id];

  return (
    <div className="imported-controls" role="group" aria-label={t('import.layer.controls')} data-testid="imported-controls">
      {unsaved && (
        <p className="imported-unsaved" role="alert">
          <strong>{t('import.unsaved')}</strong> ({unsaved.reason}){' '}
          <button type="button" className="secondary" onClick={() => imports.retrySave(record.id)}>
            {t('import.retrySave')}
          </button>
        </p>
      )}
      <div className="imported-field">
        <label htmlFor={ids.name}>{t('import.layer.name')}</label>
        <input
          id={ids.name}
          type="text"
          value={name}
          onChange={(e) => setName(e.target.value)}
          onBlur={commitName}
          onKeyDown={(e) => {
            if (e.key === 'Enter') commitName();
            if (e.key === 'Escape') setName(record.name);
          }}
        />
      </div>
      <div className="imported-field">
        <label htmlFor={ids.color}>{t('import.layer.color')}</label>
        <input id={ids.color} type="color" value={record.color} onChange={(e) => imports.update(record.id, { color: e.target.value })} />
      </div>
      <PropertySelect label={t('import.layer.nameKey')} none={t('import.layer.noNameKey')} keys={record.propertyKeys} value={record.nameKey} onChange={(nameKey) => imports.update(record.id, { nameKey })} />
      <PropertySelect label={t('import.layer.kindKey')} none={t('import.layer.noKindKey')} keys={record.propertyKeys} value={record.kindKey} onChange={(kindKey) => imports.update(record.id, { kindKey })} />
      {unusable && unusable.indexes.length > 0 && (
        <p className="imported-skipped" role="note">
          {t('import.layer.skipped', { count: unusable.indexes.length, first: unusable.issues[0] ? describeIssue(unusable.issues[0], lang) : '' })}
        </p>
      )}
      {lonLat && (
        <div className="imported-gcj">
          {hint?.likely && (
            <p className="imported-gcj-hint" role="note">
              {t('import.gcj.hint', { reasons: hint.reasons.map((r) => t(`import.gcj.reason.${r}` as MessageKey)).join(lang === 'zh' ? '；' : '; ') })}
            </p>
          )}
          <button type="button" className="secondary" onClick={() => imports.correctGcj02(record.id)} disabled={correcting}>
            {correcting ? t('import.gcj.working') : t('import.gcj.button')}
          </button>
          <p className="hint">{t('import.gcj.explain', { metres: hint?.shiftMeters ?? 600 })}</p>
        </div>
      )}
      {record.warnings.length > 0 && (
        <details className="imported-warnings">
          <summary>{t('import.layer.warnings', { count: record.warnings.length })}</summary>
          <ul>
            {record.warnings.map((w, i) => (
              <li key={i}>{text({ importMessage: w })}</li>
            ))}
          </ul>
        </details>
      )}
      <div className="button-row">
        <button type="button" className="secondary" onClick={() => imports.remove(record.id)} aria-label={t('import.layer.remove', { name: record.name })}>
          {t('import.layer.removeShort')}
        </button>
      </div>
    </div>
  );
}

/** A choice among the layer's property names, or none. */
function PropertySelect({ label, none, keys, value, onChange }: { label: string; none: string; keys: string[]; value: string | undefined; onChange: (key: string | undefined) => void }) {
  const id = useId();
  return (
    <div className="imported-field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value ?? ''} onChange={(e) => onChange(e.target.value || undefined)}>
        <option value="">{none}</option>
        {keys.map((k) => (
          <option key={k} value={k}>
            {k}
          </option>
        ))}
      </select>
    </div>
  );
}
