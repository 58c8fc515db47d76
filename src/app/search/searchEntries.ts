/**
 * What the search box finds, from the workspace's layers: the counties first, then every feature
 * of every layer, imported ones too (by the name the user chose for them).
 */
import type { LoadedLayer } from '../../pack/types.ts';
import type { SearchEntry } from '../../search/searchIndex.ts';
import { featureDisplayName } from '../../store/importedLayer.ts';
import { isRegionLayer, regionCode } from '../../pack/roles.ts';

export interface FeatureTarget {
  layerId: string;
  index: number;
  /** The county's code when the feature is a county. */
  adcode?: string;
}

export function searchEntries(layers: readonly LoadedLayer[]): SearchEntry<FeatureTarget>[] {
  const entries: SearchEntry<FeatureTarget>[] = [];
  for (const layer of layers) {
    const isRegion = isRegionLayer(layer);
    layer.data.features.forEach((f, index) => {
      const p = f.properties ?? {};
      const name = featureDisplayName(layer, p, index, 'zh');
      const alt = featureDisplayName(layer, p, index, 'en');
      entries.push({ name, alt: alt !== name ? alt : undefined, rank: isRegion ? 0 : 1, value: { layerId: layer.id, index, adcode: isRegion ? regionCode(layer, f) : undefined } });
    });
  }
  return entries;
}
