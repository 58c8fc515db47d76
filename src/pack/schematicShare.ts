/** How much of a layer is schematic: drives the dashed swatch, the 示意 badge and the PNG legend. */
import type { LoadedLayer } from './types.ts';

export type SchematicShare = 'none' | 'some' | 'all';

// Once per data object: an imported layer may hold 100,000 features and the panel re-renders often.
const shareByData = new WeakMap<object, SchematicShare>();

export function schematicShare(layer: Pick<LoadedLayer, 'data'>): SchematicShare {
  const known = shareByData.get(layer.data);
  if (known) return known;
  const schematic = layer.data.features.filter((f) => f.properties?.precision === 'schematic').length;
  const share = schematic === 0 ? 'none' : schematic === layer.data.features.length ? 'all' : 'some';
  shareByData.set(layer.data, share);
  return share;
}
