/** What the decoding worker works out about a layer's features (also run in-page where there are no workers). */
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { suggestGcj02, type Gcj02Hint } from '../import/crs/suggestGcj02.ts';
import type { GcjHintRequest } from './layerJsonBatches.ts';
import { findUnusableFeatures, type UnusableFeatures } from '../geo/usableGeometry.ts';

export function checkLayer(features: Feature<Geometry | null>[], gcj?: GcjHintRequest): { unusable: UnusableFeatures; gcjHint?: Gcj02Hint } {
  const unusable = findUnusableFeatures(features);
  if (!gcj) return { unusable };
  const data: FeatureCollection<Geometry | null, Record<string, unknown> | null> = { type: 'FeatureCollection', features };
  return { unusable, gcjHint: suggestGcj02({ name: gcj.name, sourceCrs: gcj.sourceCrs, data, propertyKeys: gcj.propertyKeys }, { reference: gcj.reference }) };
}
