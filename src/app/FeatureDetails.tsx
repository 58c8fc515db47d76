import { useMemo, useState } from 'react';
import type { Feature, Geometry } from 'geojson';
import { geodesicArea } from '../geo/geodesicArea.ts';
import { geodesicLength } from '../geo/geodesicLength.ts';
import { formatArea, formatLength, formatNumber } from '../geo/units.ts';
import { localText, type MessageKey } from '../i18n/index.ts';
import { findRegionLayer, isRegionLayer, regionCode, regionName } from '../pack/roles.ts';
import type { LoadedLayer } from '../pack/types.ts';
import { useI18n } from './i18n.tsx';
import { DescriptionText } from './import/DescriptionText.tsx';
import { featureDisplayName } from '../store/importedLayer.ts';
import { SchematicBadge } from './LayerPanel.tsx';
import { sourceParts } from './sourceParts.ts';
import { zoomToFeature } from './MapView.tsx';
import { MeasureThisButton } from './measure/MeasureThisButton.tsx';
import { useTeamModule } from './team/teamSlots.tsx';
import { useWorkspace, type FeatureRef } from './workspace.tsx';
import { ATTRIBUTE_PAGE, otherAttributes } from './otherAttributes.ts';

/** Properties shown in their own rows (in this order); the rest are listed as plain text. */
const KNOWN = ['name', 'name_en', 'county', 'counties', 'status', 'year', 'plan_area_mu', 'restored_area_mu', 'capacity_t_per_day', 'source', 'precision', 'plan_ref'];
const STATUSES = ['planned', 'under_construction', 'completed'];
const PRECISIONS = ['surveyed', 'published', 'schematic'];
const MU = 10000 / 15;

/** The shape's own area or length, whichever it has; null for points. */
export function measureShape(geometry: Geometry | null): { kind: 'area' | 'length'; value: number } | null {
  if (!geometry) return null;
  if (geometry.type === 'Polygon' || geometry.type === 'MultiPolygon') return { kind: 'area', value: geodesicArea(geometry) };
  if (geometry.type === 'LineString' || geometry.type === 'MultiLineString') return { kind: 'length', value: geodesicLength(geometry) };
  return null;
}

/** Attribute values are data: shown as text (React escapes it), never as HTML. */
function plainValue(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return formatNumber(value, Number.isInteger(value) ? 0 : 2);
  if (typeof value === 'object') return JSON.stringify(value);
  if (typeof value === 'string') return value;
  // Booleans; nothing else comes out of JSON.
  return JSON.stringify(value) ?? '';
}

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

function featureName(layer: LoadedLayer, index: number, lang: 'zh' | 'en'): string {
  return featureDisplayName(layer, layer.data.features[index]?.properties, index, lang);
}

export function FeatureDetails() {
  const { t, lang } = useI18n();
  const { layers, selectedFeature, selectFeature, picked, unit, map, selectCounty } = useWorkspace();
  const team = useTeamModule();
  const layer = selectedFeature && layers.find((l) => l.id === selectedFeature.layerId);
  const feature = layer?.data.features[selectedFeature!.index] as Feature | undefined;
  const isSelected = (r: FeatureRef) => !!selectedFeature && r.layerId === selectedFeature.layerId && r.index === selectedFeature.index;
  // "Here" lists what lay under the click that picked the shown feature; a feature picked from
  // another list (county overview, search) is not from that click, so the old list goes.
  const fromClick = !selectedFeature || picked.some(isSelected);
  const others = fromClick ? picked.filter((r) => !isSelected(r)) : [];
  const countyLayer = findRegionLayer(layers);
  const countyCode = layer && isRegionLayer(layer) ? regionCode(layer, feature) : undefined;

  return (
    <section className="panel-section feature-details" aria-labelledby="details-heading" aria-live="polite">
      <div className="section-head">
        <h2 id="details-heading" tabIndex={-1}>
          {t('details.heading')}
        </h2>
        {feature && (
          <button type="button" className="icon-button" onClick={() => selectFeature(null)} aria-label={t('details.close')}>
            ×
          </button>
        )}
      </div>
      {!feature || !layer ? (
        <p className="hint">{t('details.none')}</p>
      ) : (
        <FeatureAttributes key={`${layer.id}/${selectedFeature.index}`} layer={layer} feature={feature} index={selectedFeature.index} unit={unit} />
      )}
      {team && feature && selectedFeature && layer?.shared && <team.SharedFeatureHistory key={`${layer.id}/${selectedFeature.index}`} layer={layer} index={selectedFeature.index} />}
      {feature && layer && map && feature.geometry && (
        <div className="button-row">
          <button type="button" onClick={() => zoomToFeature(map, feature, 13)}>
            {t('details.zoom')}
          </button>
          <MeasureThisButton feature={feature} name={featureName(layer, selectedFeature.index, lang)} layerId={layer.id} />
          {countyCode && (
            <button type="button" onClick={() => selectCounty(countyCode, { zoom: true })}>
              {t('details.showCounty', { county: featureName(layer, selectedFeature.index, lang) })}
            </button>
          )}
        </div>
      )}
      {others.length > 0 && (
        <div className="picked">
          <h3>{t('details.here')}</h3>
          <ul>
            {others.map((ref: FeatureRef) => {
              const l = layers.find((x) => x.id === ref.layerId);
              if (!l) return null;
              const isCounty = l === countyLayer;
              return (
                <li key={`${ref.layerId}/${ref.index}`}>
                  <button
                    type="button"
                    className="feature-link"
                    onClick={() => {
                      selectFeature(ref);
                      if (isCounty) selectCounty(regionCode(l, l.data.features[ref.index]) ?? null, { zoom: false });
                    }}
                  >
                    <span className="picked-kind">{localText(l.title, lang)}</span> {featureName(l, ref.index, lang)}
                  </button>
                </li>
              );
            })}
          </ul>
        </div>
      )}
    </section>
  );
}

/** The source as text with its links labelled by their decoded addresses. */
function SourceText({ source }: { source: string }) {
  return (
    <>
      {sourceParts(source).map((part, i) =>
        'href' in part ? (
          <a key={i} href={part.href} target="_blank" rel="noopener noreferrer" className="source-link">
            {part.label}
          </a>
        ) : (
          <span key={i}>{part.text}</span>
        ),
      )}
    </>
  );
}

function FeatureAttributes({ layer, feature, index, unit }: { layer: LoadedLayer; feature: Feature; index: number; unit: 'mu' | 'ha' | 'km2' }) {
  const { t, lang } = useI18n();
  const { layers } = useWorkspace();
  // County names in the data are Chinese; in English they read as the counties layer's name_en.
  const countyText = (value: unknown): string => {
    const text = plainValue(value);
    if (lang !== 'en') return text;
    const regions = findRegionLayer(layers);
    if (!regions) return text;
    return text
      .split('、')
      .map((name) => regionName(regions, regions.data.features.find((c) => regionName(regions, c) === name), 'en') ?? name)
      .join(', ');
  };
  const p = useMemo(() => (feature.properties ?? {}) as Record<string, unknown>, [feature]);
  const schematic = p.precision === 'schematic';
  const measured = measureShape(feature.geometry);
  // An imported layer named by another property still lists its own `name` among the rest.
  const [limit, setLimit] = useState(ATTRIBUTE_PAGE);
  const other = useMemo(
    () => otherAttributes(p, (k) => !KNOWN.includes(k) || (k === 'name' && Boolean(layer.imported) && layer.style.label !== 'name'), limit),
    [p, layer, limit],
  );
  const capacity = p.capacity_t_per_day ?? p.plant_capacity_m3_per_day;
  return (
    <>
      <h3 className="feature-name">
        {featureDisplayName(layer, p, index, lang)}
        {schematic && <SchematicBadge layer={{ ...layer, data: { type: 'FeatureCollection', features: [feature] } } as LoadedLayer} />}
      </h3>
      <dl className="attributes">
        {p.name_en && !layer.imported ? <Row label={lang === 'en' ? t('details.nameZh') : t('details.nameEn')}>{plainValue(lang === 'en' ? p.name : p.name_en)}</Row> : null}
        <Row label={t('details.kind')}>{localText(layer.title, lang)}</Row>
        {p.county || p.counties ? <Row label={t('details.county')}>{countyText(p.county ?? p.counties)}</Row> : null}
        {typeof p.status === 'string' && <Row label={t('details.status')}>{STATUSES.includes(p.status) ? t(`status.${p.status}` as MessageKey) : p.status}</Row>}
        {p.year ? <Row label={t('details.year')}>{plainValue(p.year)}</Row> : null}
        {typeof p.plan_area_mu === 'number' && <Row label={t('details.planArea')}>{formatArea(p.plan_area_mu * MU, 'mu', lang)}</Row>}
        {typeof p.restored_area_mu === 'number' && <Row label={t('details.restoredArea')}>{formatArea(p.restored_area_mu * MU, 'mu', lang)}</Row>}
        {typeof capacity === 'number' && (
          <Row label={t('details.capacity')}>
            {formatNumber(capacity, 0)} {t(p.capacity_t_per_day !== undefined ? 'unit.tPerDay' : 'unit.m3PerDay')}
          </Row>
        )}
        {measured && (
          <Row label={t(measured.kind === 'area' ? 'details.measuredArea' : 'details.measuredLength')}>
            <span className="figure">{measured.kind === 'area' ? formatArea(measured.value, unit, lang) : formatLength(measured.value, lang)}</span>
            {schematic && <span className="estimate-note"> （{t('details.estimate')}）</span>}
          </Row>
        )}
        {typeof p.precision === 'string' && (
          <Row label={t('details.precision')}>
            {PRECISIONS.includes(p.precision) ? `${t(`precision.${p.precision}` as MessageKey)} — ${t(`precision.${p.precision}.tip` as MessageKey)}` : p.precision}
          </Row>
        )}
        {p.plan_ref ? <Row label={t('details.planRef')}>{plainValue(p.plan_ref)}</Row> : null}
        {p.source ? (
          <Row label={t('details.source')}>
            <SourceText source={plainValue(p.source)} />
          </Row>
        ) : null}
      </dl>
      {other.total > 0 && (
        <details className="other-attributes">
          <summary>{t('details.other')}</summary>
          <dl className="attributes">
            {other.keys.map((key) => (
              <Row key={key} label={key}>
                {/* A KML description is HTML from the file: shown as its text, never as markup. */}
                {layer.imported && key === 'description' ? <DescriptionText value={p[key]} /> : plainValue(p[key])}
              </Row>
            ))}
          </dl>
          {other.total > other.keys.length && (
            <button type="button" className="secondary" onClick={() => setLimit((n) => n + ATTRIBUTE_PAGE)}>
              {t('details.moreAttributes', { count: Math.min(ATTRIBUTE_PAGE, other.total - other.keys.length), shown: other.keys.length, total: other.total })}
            </button>
          )}
        </details>
      )}
    </>
  );
}
