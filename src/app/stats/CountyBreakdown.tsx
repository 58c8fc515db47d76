import { areaUnitLabel, lengthUnitLabel } from '../../geo/units.ts';
import { localText, type MessageKey } from '../../i18n/index.ts';
import { DEFAULT_PACK } from '../../pack/loadPack.ts';
import { revealDetails } from '../revealDetails.ts';
import { featureDisplayName } from '../../store/importedLayer.ts';
import { useI18n } from '../i18n.tsx';
import { useWorkspace } from '../workspace.tsx';
import type { KindMembers } from './countyMembers.ts';
import { cellText, type CountyTable } from './countyTable.ts';

/** Longest list of features shown per layer; the rest are counted. */
const LIST_LIMIT = 50;

/**
 * One county's own figures: its area and every zone kind's share of it, and the features in it —
 * by the same definition (`featuresInRegions`) as the table's counts.
 */
export function CountyBreakdown({ table, members, adcode }: { table: CountyTable; members: readonly KindMembers[]; adcode: string }) {
  const { t, lang } = useI18n();
  const { pack, unit, selectCounty, layers, selectFeature } = useWorkspace();
  const row = table.rows.find((r) => r.adcode === adcode);
  if (!row) return null;
  const name = lang === 'en' ? row.nameEn : row.name;
  const byKind = new Map<string, typeof table.columns>();
  for (const c of table.columns) if (c.kind) byKind.set(c.kind.id, [...(byKind.get(c.kind.id) ?? []), c]);
  const countyColumn = table.columns[0];
  // Per layer, the features in this county (an imported layer's kinds put back together).
  const byLayer = new Map<string, number[]>();
  for (const m of members) byLayer.set(m.layerId, [...(byLayer.get(m.layerId) ?? []), ...(m.perRegion[row.index] ?? [])]);
  const groups = layers.flatMap((layer) => {
    const indices = [...new Set(byLayer.get(layer.id) ?? [])].sort((a, b) => a - b);
    return indices.length > 0 ? [{ layer, indices }] : [];
  });
  return (
    <div className="county-breakdown" aria-live="polite">
      <div className="section-head">
        <h3>{t('stats.countyHeading', { county: name })}</h3>
        <button type="button" className="secondary" onClick={() => selectCounty(null, { zoom: true })}>
          {pack.manifest.id === DEFAULT_PACK ? t('stats.backToCity') : t('stats.backToRegion', { region: localText(pack.manifest.name, lang) })}
        </button>
      </div>
      <dl className="attributes">
        <dt>{t('stats.countyArea')}</dt>
        <dd className="figure">
          {cellText(countyColumn, row.values[countyColumn.key], unit)} {areaUnitLabel(unit, lang)}
        </dd>
        {[...byKind.values()].map((columns) => (
          <div key={columns[0].kind!.id} className="breakdown-kind">
            <dt>{localText(columns[0].kind!.title, lang)}</dt>
            <dd>
              {columns.map((c) => (
                <span key={c.key} className="breakdown-figure">
                  {t(`stats.metric.${c.metric}` as MessageKey)} {cellText(c, row.values[c.key], unit)}
                  {c.metric === 'area' ? ` ${areaUnitLabel(unit, lang)}` : c.metric === 'share' ? '%' : c.metric === 'length' ? ` ${lengthUnitLabel('km', lang)}` : ''}
                </span>
              ))}
            </dd>
          </div>
        ))}
      </dl>
      <h4>{t('stats.featuresInCounty')}</h4>
      <p className="hint">{t('stats.inCountyRule')}</p>
      {groups.length === 0 ? (
        <p className="hint">{t('stats.none')}</p>
      ) : (
        groups.map(({ layer, indices }) => (
          <div key={layer.id} className="county-feature-group">
            <h5>
              {localText(layer.title, lang)} <span className="count-badge">{t('stats.items', { count: indices.length })}</span>
            </h5>
            <ul className="county-features">
              {indices.slice(0, LIST_LIMIT).map((index) => (
                <li key={index}>
                  <button
                    type="button"
                    className="feature-link"
                    onClick={() => {
                      selectFeature({ layerId: layer.id, index });
                      revealDetails();
                    }}
                  >
                    {featureDisplayName(layer, layer.data.features[index]?.properties, index, lang)}
                  </button>
                </li>
              ))}
            </ul>
            {indices.length > LIST_LIMIT && <p className="hint">{t('stats.moreFeatures', { count: indices.length - LIST_LIMIT })}</p>}
          </div>
        ))
      )}
    </div>
  );
}
