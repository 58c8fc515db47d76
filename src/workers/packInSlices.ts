/** Packing features for a worker on the page without a long task (see geo/packedFeatures.ts). */
import type { Feature } from 'geojson';
import { packFeaturesInSlices, type PackedFeatures } from '../geo/packedFeatures.ts';

/** Slices of work shorter than this leave the page responsive (a frame is ~16 ms). */
const SLICE_MS = 8;

/** A task boundary: input and painting get their turn between slices. */
export function yieldToPage(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (scheduler?.yield) return scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** Packs the features (keeping the properties `keys`), yielding to the page every ~8 ms. */
export async function packInSlices(features: readonly Feature[], keys: readonly string[], signal?: AbortSignal): Promise<PackedFeatures> {
  const run = packFeaturesInSlices(features, keys, 500);
  let sliceStart = performance.now();
  for (;;) {
    const step = run.next();
    if (step.done) return step.value;
    if (performance.now() - sliceStart > SLICE_MS) {
      await yieldToPage();
      signal?.throwIfAborted();
      sliceStart = performance.now();
    }
  }
}
