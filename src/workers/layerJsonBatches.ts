/** Messages of the layer-decoding worker, and batching of features by their number of positions. */
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import type { Gcj02Hint } from '../import/crs/suggestGcj02.ts';
import { forEachPosition } from '../import/geometry.ts';
import { packFeatures, unpackFeatures, type PackedFeatures } from '../geo/packedFeatures.ts';
import type { UnusableFeatures } from '../geo/usableGeometry.ts';

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
  /** The layer's GeoJSON, or (`packed`) its features packed: then only the checks run. */
  bytes?: ArrayBuffer;
  packed?: { packed: PackedFeatures; properties: unknown[] };
  /** Send the features back (false: the page has them already; only check them). */
  sendFeatures: boolean;
  positionsPerBatch: number;
  gcj?: GcjHintRequest;
}

export type DecodeReply =
  | { id: number; type: 'features'; features: Feature<Geometry | null>[] }
  /** A batch as flat arrays (see `packBatch`): the page copies no object tree out of the message. */
  | { id: number; type: 'packed'; packed: PackedFeatures; properties: unknown[] }
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

/** Whether every position of the geometry is exactly x, y (the packed form keeps two numbers). */
function flat2d(geometry: Geometry | null): boolean {
  let ok = true;
  if (geometry) forEachPosition(geometry, (p) => (ok &&= p.length === 2));
  return ok;
}

/** A feature whose every part the packed form keeps: type, properties and a 2D geometry, nothing else. */
function packsWhole(f: Feature<Geometry | null>): boolean {
  for (const key in f) if (key !== 'type' && key !== 'properties' && key !== 'geometry') return false;
  return flat2d(f.geometry);
}

/**
 * A batch for the page as typed arrays (transferred) and its properties, or null when a feature
 * has more than the packed form keeps (an id, a bbox, a third coordinate): then it goes as it is.
 * Receiving nested coordinate arrays, the page deserialises every position as an object in one
 * task; from flat arrays it builds them in a plain loop.
 */
export function packBatch(features: Feature<Geometry | null>[]): { packed: PackedFeatures; properties: unknown[] } | null {
  if (!features.every(packsWhole)) return null;
  const packed = packFeatures(features as Feature[]);
  if (Object.keys(packed.raw).length) return null;
  return { packed, properties: features.map((f) => f.properties) };
}

/** The features of a packed batch, with their properties as they were. */
export function unpackBatch(packed: PackedFeatures, properties: unknown[]): Feature<Geometry | null>[] {
  const features = unpackFeatures(packed).features as Feature<Geometry | null>[];
  for (let i = 0; i < features.length; i++) features[i].properties = properties[i] as Feature['properties'];
  return features;
}
