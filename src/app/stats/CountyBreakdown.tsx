import { areaUnitLabel, lengthUnitLabel } from '../../geo/units.ts';
import { localText, type MessageKey } from '../../i18n/index.ts';
import { DEFAULT_PACK } from '../../pack/loadPack.ts';
import { isRegionLayer } from '../../pack/roles.ts';
import { useI18n } from '../i18n.tsx';
import { useWorkspace } from '../workspace.tsx';
import { cellText, type CountyTable } from './countyTable.ts';

/** One county's own figures: its area and every zone kind's share of it, and what lies in it. */
export function CountyBreakdown({ table, adcode }: { table: CountyTable; adcode: string }) {
  const { t, lang } = useI18n();
  const { pack, unit, selectCounty, layers, selectFeature } = useWorkspace();
  const row = table.rows.find((r) => r.adcode === adcode);
  if (!row) return null;
  const name = lang === 'en' ? row.nameEn : row.name;
  const byKind = new Map<string, typeof table.columns>();
  for (const c of table.columns) if (c.kind) byKind.set(c.kind.id, [...(byKind.get(c.kind.id) ?? []), c]);
  const countyColumn = table.columns[0];
  // Features whose `county`/`counties` property names this county (set by the data pipeline).
  const features = layers
    .filter((l) => !isRegionLayer(l))
    .flatMap((l) =>
      l.data.features
        .map((f, index) => ({ layer: l, index, f }))
        .filter(({ f }) => f.properties?.county === row.name || (typeof f.properties?.counties === 'string' && f.properties.counties.split('、').includes(row.name))),
    );
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
      {features.length === 0 ? (
        <p className="hint">{t('stats.none')}</p>
      ) : (
        <ul className="county-features">
          {features.map(({ layer, index, f }) => (
            <li key={`${layer.id}/${index}`}>
              <button type="button" className="feature-link" onClick={() => selectFeature({ layerId: layer.id, index })}>
                <span className="picked-kind">{localText(layer.title, lang)}</span> {String((lang === 'en' && f.properties?.name_en) || f.properties?.name)}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
