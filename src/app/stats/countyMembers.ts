/**
 * Which features of every layer lie in each county, by the one definition of `featuresInRegions`
 * (positive area, positive length, or the point). The county table's counts, the county overview's
 * list and its counts all read this, so one screen never shows two answers.
 */
import type { Feature } from 'geojson';
import { featuresInRegions } from '../../geo/featuresInRegion.ts';
import type { LoadedLayer } from '../../pack/types.ts';
import { splitByKind } from '../import/importedLayer.ts';

export interface KindMembers {
  /** The statistics kind (a pack layer's id, or an imported layer's kind key). */
  kind: string;
  layerId: string;
  /** Per county (in the region layer's order): indices into the layer's features. */
  perRegion: number[][];
  /** Distinct features in any county (one across a border counts once). */
  total: number;
}

export function countyMembers(layers: readonly LoadedLayer[], regionLayer: LoadedLayer): KindMembers[] {
  const regions = regionLayer.data.features.map((f) => f.geometry);
  const members: KindMembers[] = [];
  for (const layer of layers) {
    if (layer === regionLayer) continue;
    const parts = layer.imported ? splitByKind(layer).kinds : [{ key: layer.id, features: layer.data.features as Feature[] }];
    // An imported layer's kinds hold some of its features: map them back to the layer's indices.
    const indexOf = layer.imported ? new Map(layer.data.features.map((f, i) => [f as Feature, i])) : null;
    for (const part of parts) {
      const inRegion = featuresInRegions(
        regions,
        part.features.map((f) => f.geometry),
      );
      const perRegion = indexOf ? inRegion.map((list) => list.map((i) => indexOf.get(part.features[i])!)) : inRegion;
      members.push({ kind: part.key, layerId: layer.id, perRegion, total: new Set(perRegion.flat()).size });
    }
  }
  return members;
}
