/**
 * Which features of every layer lie in each county, by the one definition of `featuresInRegions`
 * (positive area, positive length, or the point). The county table's counts, the county overview's
 * list and its counts all read this, so one screen never shows two answers.
 */
import { isCountedLayer } from '../../pack/roles.ts';
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

/** Features placed per slice: an imported layer of 100,000 parcels never blocks the page for long. */
const SLICE = 2000;

/**
 * `pause` is awaited between slices of `SLICE` features (the page stays responsive while a large
 * imported layer is placed); in Node it can resolve at once.
 */
export async function countyMembers(layers: readonly LoadedLayer[], regionLayer: LoadedLayer, pause: () => Promise<void>): Promise<KindMembers[]> {
  const regions = regionLayer.data.features.map((f) => f.geometry);
  const members: KindMembers[] = [];
  for (const layer of layers) {
    // Regions and reference layers (county seats, monitoring sections) are not counted.
    if (layer === regionLayer || !isCountedLayer(layer)) continue;
    const parts = layer.imported ? splitByKind(layer).kinds : [{ key: layer.id, features: layer.data.features as Feature[] }];
    // An imported layer's kinds hold some of its features: map them back to the layer's indices.
    const indexOf = layer.imported ? new Map(layer.data.features.map((f, i) => [f as Feature, i])) : null;
    for (const part of parts) {
      const inRegion: number[][] = regions.map(() => []);
      for (let start = 0; start < part.features.length; start += SLICE) {
        const slice = featuresInRegions(
          regions,
          part.features.slice(start, start + SLICE).map((f) => f.geometry),
        );
        slice.forEach((list, r) => {
          for (const i of list) inRegion[r].push(start + i);
        });
        if (start + SLICE < part.features.length) await pause();
      }
      const perRegion = indexOf ? inRegion.map((list) => list.map((i) => indexOf.get(part.features[i])!)) : inRegion;
      members.push({ kind: part.key, layerId: layer.id, perRegion, total: new Set(perRegion.flat()).size });
    }
  }
  return members;
}
