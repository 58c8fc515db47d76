/** The widget's one-line text alternative: "襄垣县：湿地 1 处，河流约 74 公里". */
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { formatLength, formatNumber } from '../geo/units.ts';
import { localText, translate, type Lang, type MessageKey } from '../i18n/index.ts';
import type { LoadedLayer } from '../pack/types.ts';
import { areaSummary, type SummaryItem } from './summary/areaSummary.ts';

const NOUNS: Record<string, MessageKey> = {
  counties: 'embed.noun.counties',
  mountains: 'embed.noun.mountains',
  rivers: 'embed.noun.rivers',
  lakes: 'embed.noun.lakes',
  springs: 'embed.noun.springs',
  subsidence: 'embed.noun.subsidence',
  wetlands: 'embed.noun.wetlands',
};

/** A short noun for a layer: the known kinds have one; a pack's own layer uses its title. */
export function layerNoun(layer: LoadedLayer, lang: Lang): string {
  const key = NOUNS[layer.id];
  return key ? translate(lang, key) : localText(layer.title, lang).replace(/\s*[(（].*$/, '');
}

export function formatSummaryItem(item: SummaryItem, noun: string, lang: Lang): string {
  if (item.kind === 'count') return translate(lang, 'embed.summary.count', { noun, count: formatNumber(item.value, 0) });
  // Schematic lines are drawn from text: their length is an estimate, and the sentence says so.
  const length = formatLength(item.value, lang, { decimals: item.value >= 1000 ? 0 : undefined });
  return translate(lang, item.schematic ? 'embed.summary.lengthApprox' : 'embed.summary.length', { noun, length });
}

/**
 * The summary of the shown layers in a county (or the whole region when `county` is null). The
 * counties layer itself is only summarised when nothing else is shown.
 */
export function summaryText(layers: readonly LoadedLayer[], county: Feature<Polygon | MultiPolygon> | null, place: string, lang: Lang): string {
  const zones = layers.filter((l) => l.id !== 'counties');
  const summarised = zones.length > 0 ? zones : layers;
  if (summarised.length === 0) return translate(lang, 'embed.summary.empty', { place });
  const items = areaSummary(summarised, county);
  const text = items.map((item, i) => formatSummaryItem(item, layerNoun(summarised[i], lang), lang)).join(translate(lang, 'embed.summary.separator'));
  return translate(lang, 'embed.summary.line', { place, items: text });
}
