/** The generator's warning: chosen layers that would show nothing in the chosen county. */
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { findRegionLayer, isCountedLayer, regionCode } from '../pack/roles.ts';
import type { LoadedLayer, LoadedPack } from '../pack/types.ts';
import { featuresInRegion } from './featuresInRegion.ts';

/**
 * The chosen counted layers with nothing in the chosen county (a feature counts when it has area,
 * length or its point inside, see featuresInRegion): the widget would show only context.
 */
export function emptyLayers(pack: LoadedPack, chosen: readonly string[], county: string): LoadedLayer[] {
  const regions = findRegionLayer(pack.layers);
  const region = county && regions ? regions.data.features.find((f) => regionCode(regions, f) === county) : undefined;
  if (!region || (region.geometry.type !== 'Polygon' && region.geometry.type !== 'MultiPolygon')) return [];
  return pack.layers.filter((layer) => {
    if (!chosen.includes(layer.id) || !isCountedLayer(layer)) return false;
    try {
      return !featuresInRegion([region as Feature<Polygon | MultiPolygon>], layer.data.features).some((f) => f.inside);
    } catch {
      return false;
    }
  });
}

