import { memo, useId, useState } from 'react';
import { localText } from '../i18n/index.ts';
import { schematicShare } from '../pack/schematicShare.ts';
import type { LoadedLayer } from '../pack/types.ts';
import { useI18n } from './i18n.tsx';
import { revealDetails } from './revealDetails.ts';
import { featureDisplayName } from '../store/importedLayer.ts';
import { ImportedLayerControls } from './import/ImportedLayerControls.tsx';
import { zoomToFeature } from './MapView.tsx';
import { useWorkspace } from './workspace.tsx';

export function LayerSwatch({ layer }: { layer: LoadedLayer }) {
  const dashed = schematicShare(layer) !== 'none';
  const style = layer.style;
  const shape = layer.geometry === 'line' ? 'line' : layer.geometry === 'point' ? 'point' : 'area';
  return (
    <span
      className={`swatch swatch-${shape}${dashed ? ' swatch-schematic' : ''}`}
      style={{ ['--swatch-fill' as string]: style.color, ['--swatch-line' as string]: style.outline ?? style.color }}
      aria-hidden="true"
    />
  );
}

/** The 示意 badge: a focusable mark whose explanation shows on hover and on keyboard focus. */
export function SchematicBadge({ layer }: { layer: LoadedLayer }) {
  const { t } = useI18n();
  const tipId = useId();
  const share = schematicShare(layer);
  if (share === 'none') return null;
  return (
    <span className="badge-schematic" tabIndex={0} aria-describedby={tipId}>
      {share === 'all' ? t('layers.schematic') : t('layers.partlySchematic')}
      <span role="tooltip" id={tipId} className="tooltip">
        {share === 'all' ? t('layers.schematicTip') : t('layers.partlySchematicTip')}
      </span>
    </span>
  );
}

/** Rows listed per layer: an imported layer may hold 100,000 features, a list of them helps no one. */
const FEATURE_LIST_LIMIT = 300;

function LayerRow({ layer }: { layer: LoadedLayer }) {
  const { t, lang } = useI18n();
  const { visibleLayers, setLayerVisible, opacity, setLayerOpacity, selectFeature, selectedFeature, map } = useWorkspace();
  const title = localText(layer.title, lang);
  const visible = visibleLayers.has(layer.id);
  const opacityId = useId();
  const value = opacity[layer.id] ?? 1;
  const [listOpen, setListOpen] = useState(false);
  return (
    <li className={`layer-row${visible ? '' : ' layer-hidden'}`} data-layer={layer.id}>
      <div className="layer-head">
        <label className="layer-toggle">
          <input type="checkbox" checked={visible} onChange={(e) => setLayerVisible(layer.id, e.target.checked)} />
          <LayerSwatch layer={layer} />
          <span className="layer-title">{title}</span>
          <span className="layer-count">{t('layers.count', { count: layer.data.features.length })}</span>
        </label>
        <SchematicBadge layer={layer} />
      </div>
      <p className="layer-legend">{localText(layer.legend, lang)}</p>
      {layer.shared && (
        <p className="layer-shared" data-testid="layer-shared">
          {t('layers.sharedBy', { by: layer.shared.by, when: new Date(layer.shared.at).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' }) })}
        </p>
      )}
      <div className="layer-opacity">
        <label htmlFor={opacityId}>{t('layers.opacity')}</label>
        <input
          id={opacityId}
          type="range"
          min={0}
          max={100}
          step={5}
          value={Math.round(value * 100)}
          aria-label={t('layers.opacityOf', { layer: title })}
          aria-valuetext={`${Math.round(value * 100)}%`}
          onChange={(e) => setLayerOpacity(layer.id, Number(e.target.value) / 100)}
          disabled={!visible}
        />
        <output htmlFor={opacityId}>{Math.round(value * 100)}%</output>
      </div>
      {layer.imported && <ImportedLayerControls layer={layer} />}
      <details className="layer-features" onToggle={(e) => setListOpen(e.currentTarget.open)}>
        <summary>{t('layers.features')}</summary>
        {/* Rendered only while open: every panel render (statistics progress, imports) would
            otherwise rebuild hundreds of hidden rows per layer. */}
        {listOpen && (
          <ul>
            {layer.data.features.slice(0, FEATURE_LIST_LIMIT).map((f, index) => {
              const isSelected = selectedFeature?.layerId === layer.id && selectedFeature.index === index;
              const name = featureDisplayName(layer, f.properties, index, lang);
              return (
                <li key={index}>
                  <button
                    type="button"
                    className={isSelected ? 'feature-link selected' : 'feature-link'}
                    aria-pressed={isSelected}
                    onClick={() => {
                      if (!visible) setLayerVisible(layer.id, true);
                      selectFeature({ layerId: layer.id, index });
                      if (map && f.geometry) zoomToFeature(map, f, 12);
                      revealDetails();
                    }}
                  >
                    {name}
                    {f.properties?.precision === 'schematic' && <span className="mini-badge">{t('layers.schematic')}</span>}
                  </button>
                </li>
              );
            })}
          </ul>
        )}
        {listOpen && layer.data.features.length > FEATURE_LIST_LIMIT && <p className="hint">{t('import.layer.moreFeatures', { count: layer.data.features.length - FEATURE_LIST_LIMIT })}</p>}
      </details>
    </li>
  );
}

/** Memoized: the app re-renders on every statistics progress step; the panel only on workspace changes. */
export const LayerPanel = memo(function LayerPanel() {
  const { t } = useI18n();
  const { layers } = useWorkspace();
  return (
    <section className="panel-section" aria-labelledby="layers-heading">
      <h2 id="layers-heading" tabIndex={-1}>
        {t('layers.heading')}
      </h2>
      <ul className="layer-list">
        {layers.map((layer) => (
          <LayerRow key={layer.id} layer={layer} />
        ))}
      </ul>
    </section>
  );
});
