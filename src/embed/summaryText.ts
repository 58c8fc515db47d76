/** The widget's one-line text alternative: "襄垣县：湿地 1 处，河流约 74 公里". */
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { flatPolygonsArea } from '../geo/flatRingArea.ts';
import { FlatRings } from '../geo/flatRings.ts';
import { formatArea, formatLength, formatNumber } from '../geo/units.ts';
import { localText, translate, type Lang, type MessageKey } from '../i18n/index.ts';
import type { LoadedLayer } from '../pack/types.ts';
import { areaCoordinates, areaSummary, type SummaryItem } from './summary/areaSummary.ts';

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

/** A county's area in m² (pack polygons are valid; a bad one gives null rather than a wrong figure). */
function countyArea(county: Feature<Polygon | MultiPolygon>): number | null {
  const polygons = areaCoordinates(county.geometry);
  try {
    return polygons ? flatPolygonsArea(new FlatRings().addPolygons(polygons)) : null;
  } catch {
    return null;
  }
}

/**
 * The summary of the shown layers in a county (or the whole region when `county` is null). The
 * counties layer is the frame, not a zone: it is never counted "in" a county (that would count
 * the neighbours touching it); with no zone layer shown, a county gets its area and the whole
 * region its number of counties.
 */
export function summaryText(layers: readonly LoadedLayer[], county: Feature<Polygon | MultiPolygon> | null, place: string, lang: Lang): string {
  const zones = layers.filter((l) => l.id !== 'counties');
  if (zones.length === 0 && county) {
    const area = countyArea(county);
    return area ? translate(lang, 'embed.summary.area', { place, area: formatArea(area, 'km2', lang, { decimals: 0 }) }) : place;
  }
  const summarised = zones.length > 0 ? zones : layers;
  if (summarised.length === 0) return translate(lang, 'embed.summary.empty', { place });
  const items = areaSummary(summarised, county);
  const text = items.map((item, i) => formatSummaryItem(item, layerNoun(summarised[i], lang), lang)).join(translate(lang, 'embed.summary.separator'));
  return translate(lang, 'embed.summary.line', { place, items: text });
}
