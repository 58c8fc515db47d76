/**
 * Turns a pack's layers into the geo core's statistics input: the counties as regions and every
 * zone feature tagged with its layer id as kind. Also describes each kind for the table: which
 * figures it has (area, length, count) and whether they are estimates (schematic shapes).
 */
import type { Feature, FeatureCollection, Point } from 'geojson';
import type { LoadedLayer, LocalText } from '../../pack/types.ts';
import { labelPoints } from '../../map/labelPoints.ts';

export const REGION_LAYER = 'counties';
export const KIND_KEY = 'kind';

export interface ZoneKindInfo {
  id: string;
  title: LocalText;
  colour: string;
  hasArea: boolean;
  hasLength: boolean;
  /** Counted per county: layers holding points count all their features (polygons by an anchor). */
  hasCount: boolean;
  /** Some features are schematic: their figures are estimates. */
  estimate: boolean;
}

export interface StatisticsInput {
  regions: FeatureCollection;
  zones: FeatureCollection;
  kinds: ZoneKindInfo[];
}

export function statisticsInput(layers: LoadedLayer[]): StatisticsInput | null {
  const regionLayer = layers.find((l) => l.id === REGION_LAYER);
  if (!regionLayer) return null;
  const zones: Feature[] = [];
  const kinds: ZoneKindInfo[] = [];
  for (const layer of layers) {
    if (layer === regionLayer) continue;
    const types = new Set(layer.data.features.map((f) => f.geometry?.type.replace(/^Multi/, '')));
    const info: ZoneKindInfo = {
      id: layer.id,
      title: layer.title,
      colour: layer.style.color,
      hasArea: types.has('Polygon'),
      hasLength: types.has('LineString'),
      hasCount: types.has('Point'),
      estimate: layer.data.features.some((f) => f.properties?.precision === 'schematic'),
    };
    kinds.push(info);
    const kind = { [KIND_KEY]: layer.id };
    for (const f of layer.data.features) {
      if (f.geometry) zones.push({ type: 'Feature', properties: kind, geometry: f.geometry });
    }
    if (info.hasCount && info.hasArea) {
      // Polygons are counted where their label anchor lies, so a wetland park counts once.
      const polygons = layer.data.features.filter((f) => f.geometry?.type === 'Polygon' || f.geometry?.type === 'MultiPolygon');
      for (const anchor of labelPoints({ type: 'FeatureCollection', features: polygons }).features as Feature<Point>[]) {
        zones.push({ type: 'Feature', properties: kind, geometry: anchor.geometry });
      }
    }
  }
  return { regions: regionLayer.data, zones: { type: 'FeatureCollection', features: zones }, kinds };
}
