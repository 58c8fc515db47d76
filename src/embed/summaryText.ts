/** The widget's one-line text alternative: "襄垣县：七河约 74 公里，湿地 1 处". */
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { preparePolygon } from '../geo/overlay/preparedPolygon.ts';
import { polygonsOf } from '../geo/overlay/zoneShape.ts';
import { formatArea, formatLength, formatNumber } from '../geo/units.ts';
import { localText, translate, type Lang } from '../i18n/coreText.ts';
import { findRegionLayer, isCountedLayer } from '../pack/roles.ts';
import type { LoadedLayer } from '../pack/types.ts';
import { featuresInRegion } from './featuresInRegion.ts';

interface SummaryItem {
  /** Line layers are summed as length (m), all others counted as features. */
  kind: 'count' | 'length';
  value: number;
  /** Some of the counted or measured features are schematic (drawn from text, not surveyed). */
  schematic: boolean;
}

/** A short noun for a layer: its title without the parenthesis or the part after a "·". */
function layerNoun(layer: Pick<LoadedLayer, 'title'>, lang: Lang): string {
  return localText(layer.title, lang).replace(/\s*[(（].*$/, '').replace(/\s*·.*$/, '').trim();
}

function formatSummaryItem(item: SummaryItem, noun: string, lang: Lang): string {
  if (item.kind === 'count') return translate(lang, 'embed.summary.count', { noun, count: formatNumber(item.value, 0) });
  // Schematic lines are drawn from text: their length is an estimate, and the sentence says so.
  const length = formatLength(item.value, lang, { decimals: item.value >= 1000 ? 0 : undefined });
  return translate(lang, item.schematic ? 'embed.summary.lengthApprox' : 'embed.summary.length', { noun, length });
}

/** What one layer holds in the regions: lines by length inside, everything else by count. */
function layerSummary(layer: LoadedLayer, regions: readonly Feature<Polygon | MultiPolygon>[]): SummaryItem {
  const inRegion = featuresInRegion(regions, layer.data.features);
  const isSchematic = (i: number) => layer.data.features[i].properties?.precision === 'schematic';
  if (layer.geometry === 'line') {
    let value = 0;
    let schematic = false;
    inRegion.forEach((f, i) => {
      value += f.amount;
      if (f.inside && isSchematic(i)) schematic = true;
    });
    return { kind: 'length', value, schematic };
  }
  const counted = inRegion.flatMap((f, i) => (f.inside ? [i] : []));
  return { kind: 'count', value: counted.length, schematic: counted.some(isSchematic) };
}

interface SummaryPlace {
  /** The focused county, or null for the whole region. */
  county: Feature<Polygon | MultiPolygon> | null;
  /** Every region (county) of the pack: the whole region's extent. */
  regions: readonly Feature<Polygon | MultiPolygon>[];
  name: string;
}

/**
 * The summary of the shown layers in a county (or the whole region). The regions layer is the
 * frame, not a zone: it is never counted "in" a county (that would count the neighbours touching
 * it); with no counted layer shown, a county gets its area and the whole region its number of
 * regions. Reference layers (context) are never counted.
 */
export function summaryText(layers: readonly LoadedLayer[], place: SummaryPlace, lang: Lang): string {
  const zones = layers.filter(isCountedLayer);
  const { county, name } = place;
  if (zones.length === 0 && county) {
    // The geodesic area src/geo's overlay computes for a region (as zoneStatistics reports it).
    const area = preparePolygon(polygonsOf(county.geometry)).area;
    return area > 0 ? translate(lang, 'embed.summary.area', { place: name, area: formatArea(area, 'km2', lang, { decimals: 0 }) }) : name;
  }
  if (zones.length === 0) {
    const noun = findRegionLayer(layers);
    return noun ? translate(lang, 'embed.summary.line', { place: name, items: formatSummaryItem({ kind: 'count', value: place.regions.length, schematic: false }, layerNoun(noun, lang), lang) }) : translate(lang, 'embed.summary.empty', { place: name });
  }
  const regions = county ? [county] : place.regions;
  const text = zones.map((layer) => formatSummaryItem(layerSummary(layer, regions), layerNoun(layer, lang), lang)).join(translate(lang, 'embed.summary.separator'));
  return translate(lang, 'embed.summary.line', { place: name, items: text });
}
