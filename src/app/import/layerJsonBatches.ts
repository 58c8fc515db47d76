/** Messages of the layer-decoding worker, and batching of features by their number of positions. */
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import type { Gcj02Hint } from '../../import/crs/suggestGcj02.ts';
import { forEachPosition } from '../../import/geometry.ts';
import type { UnusableFeatures } from './usableGeometry.ts';

/** What the GCJ-02 hint needs besides the features (see suggestGcj02). */
export interface GcjHintRequest {
  name: string;
  sourceCrs: string;
  propertyKeys: string[];
  /** Trusted WGS84 lines: the pack's county boundaries and rivers. */
  reference: FeatureCollection<Geometry | null>;
}

export interface DecodeRequest {
  id: number;
  bytes: ArrayBuffer;
  /** Send the features back (false: the page has them already; only check them). */
  sendFeatures: boolean;
  positionsPerBatch: number;
  gcj?: GcjHintRequest;
}

export type DecodeReply =
  | { id: number; type: 'features'; features: Feature<Geometry | null>[] }
  | { id: number; type: 'done'; total: number; unusable: UnusableFeatures; gcjHint?: Gcj02Hint }
  | { id: number; type: 'error'; message: string };

/** Positions in a geometry (a point counts 1). */
export function positionCount(geometry: Geometry | null): number {
  let n = 0;
  if (geometry) forEachPosition(geometry, () => n++);
  return n;
}

/**
 * Consecutive slices of `features` holding about `positionsPerBatch` positions each (a feature
 * larger than that is a batch of its own); every feature once, in order.
 */
export function* batchFeatures<F extends Feature<Geometry | null>>(features: F[], positionsPerBatch: number): Generator<F[]> {
  let start = 0;
  let positions = 0;
  for (let i = 0; i < features.length; i++) {
    // Properties cost too: count each feature as at least a few positions.
    positions += Math.max(4, positionCount(features[i]?.geometry ?? null));
    if (positions >= positionsPerBatch) {
      yield features.slice(start, i + 1);
      start = i + 1;
      positions = 0;
    }
  }
  if (start < features.length) yield features.slice(start);
}
