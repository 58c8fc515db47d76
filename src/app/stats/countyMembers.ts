/**
 * Which features of every layer lie in each county, by the one definition of `featuresInRegions`
 * (positive area, positive length, or the point). The county table's counts, the county overview's
 * list and its counts all read this, so one screen never shows two answers.
 */
import { isCountedLayer } from '../../pack/roles.ts';
import type { Feature } from 'geojson';
import { featuresInRegions } from '../../geo/featuresInRegion.ts';
import { prepareRegions } from '../../geo/measureInRegions.ts';
import type { LoadedLayer } from '../../pack/types.ts';
import { splitByKind } from '../../store/importedLayer.ts';
import { positionCount } from '../../workers/layerJsonBatches.ts';

export interface KindMembers {
  /** The statistics kind (a pack layer's id, or an imported layer's kind key). */
  kind: string;
  layerId: string;
  /** Per county (in the region layer's order): indices into the layer's features. */
  perRegion: number[][];
  /** Distinct features in any county (one across a border counts once). */
  total: number;
}

/**
 * Work per slice: at most this many features, or features of about this many positions (the cost
 * of placing a feature grows with its positions: 400 polygons of 27,500 corners held the page for
 * seconds as one slice of "400 features"). An imported layer never blocks the page for long.
 */
const SLICE = 2000;
const SLICE_POSITIONS = 20_000;

/** Where the slices of `features` end: after `SLICE` features or about `SLICE_POSITIONS` positions. */
function sliceEnds(features: readonly Feature[]): number[] {
  const ends: number[] = [];
  let positions = 0;
  let start = 0;
  for (let i = 0; i < features.length; i++) {
    positions += positionCount(features[i]?.geometry ?? null);
    if (positions >= SLICE_POSITIONS || i + 1 - start >= SLICE) {
      ends.push(i + 1);
      start = i + 1;
      positions = 0;
    }
  }
  if (start < features.length) ends.push(features.length);
  return ends;
}

/**
 * `pause` is awaited between slices of `SLICE` features (the page stays responsive while a large
 * imported layer is placed); in Node it can resolve at once.
 */
export async function countyMembers(layers: readonly LoadedLayer[], regionLayer: LoadedLayer, pause: () => Promise<void>): Promise<KindMembers[]> {
  // Indexed once: the regions are the same for every slice of every layer.
  const regions = prepareRegions(regionLayer.data.features.map((f) => f.geometry));
  const members: KindMembers[] = [];
  for (const layer of layers) {
    // Regions and reference layers (county seats, monitoring sections) are not counted.
    if (layer === regionLayer || !isCountedLayer(layer)) continue;
    const parts = layer.imported ? splitByKind(layer).kinds : [{ key: layer.id, features: layer.data.features as Feature[] }];
    // An imported layer's kinds hold some of its features: map them back to the layer's indices.
    const indexOf = layer.imported ? new Map(layer.data.features.map((f, i) => [f as Feature, i])) : null;
    for (const part of parts) {
      const inRegion: number[][] = regions.indexed.map(() => []);
      let start = 0;
      for (const end of sliceEnds(part.features)) {
        const from = start;
        const slice = featuresInRegions(
          regions,
          part.features.slice(from, end).map((f) => f.geometry),
        );
        slice.forEach((list, r) => {
          for (const i of list) inRegion[r].push(from + i);
        });
        start = end;
        if (end < part.features.length) await pause();
      }
      const perRegion = indexOf ? inRegion.map((list) => list.map((i) => indexOf.get(part.features[i])!)) : inRegion;
      members.push({ kind: part.key, layerId: layer.id, perRegion, total: new Set(perRegion.flat()).size });
    }
  }
  return members;
}
