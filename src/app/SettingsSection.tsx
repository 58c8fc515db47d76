import { useEffect, useId, useState } from 'react';
import { isTileTemplate, setBasemap, storeBasemap, storedBasemap } from '../map/basemap.ts';
import { useI18n } from './i18n.tsx';
import { useWorkspace } from './workspace.tsx';

/** Settings: the optional online basemap (off by default; the app stays offline without it). */
export function SettingsSection() {
  const { t } = useI18n();
  const { map } = useWorkspace();
  const inputId = useId();
  const helpId = useId();
  const [active, setActive] = useState<string | null>(() => storedBasemap());
  const [draft, setDraft] = useState(active ?? '');
  const [error, setError] = useState(false);

  useEffect(() => {
    if (!map) return;
    const apply = () => setBasemap(map, active, t('settings.basemapAttribution'));
    if (map.isStyleLoaded()) {
      apply();
      return;
    }
    map.once('load', apply);
    return () => {
      map.off('load', apply);
    };
  }, [map, active, t]);

  return (
    <details className="panel-section settings">
      <summary>
        <h2>{t('settings.heading')}</h2>
      </summary>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          const url = draft.trim();
          if (!isTileTemplate(url)) {
            setError(true);
            return;
          }
          setError(false);
          storeBasemap(url);
          setActive(url);
        }}
      >
        <label htmlFor={inputId}>{t('settings.basemap')}</label>
        <input id={inputId} type="url" value={draft} onChange={(e) => setDraft(e.target.value)} aria-describedby={helpId} aria-invalid={error} placeholder="https://…/{z}/{x}/{y}.png" />
        <p id={helpId} className={error ? 'error' : 'hint'}>
          {error ? t('settings.basemapInvalid') : t('settings.basemapHelp')}
        </p>
        <div className="button-row">
          <button type="submit">{t('settings.basemapApply')}</button>
          {active && (
            <button
              type="button"
              onClick={() => {
                storeBasemap(null);
                setActive(null);
                setDraft('');
              }}
            >
              {t('settings.basemapClear')}
            </button>
          )}
        </div>
      </form>
    </details>
  );
}
