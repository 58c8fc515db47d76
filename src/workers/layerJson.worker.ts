/**
 * Reads a layer's GeoJSON bytes off the main thread: checks which features the statistics can use
 * (and whether lon/lat data look like GCJ-02) and, when asked, hands the features to the page in
 * small batches. Parsing 50 MB of JSON, or receiving the whole collection as one structured clone,
 * would hold the page for seconds; a batch of ~20,000 positions is unpacked in a few milliseconds.
 * See decodeLayerJson.ts.
 */
import { checkLayer } from './checkLayer.ts';
import { packedTransferables } from '../geo/packedFeatures.ts';
import { packedFeatureViews } from '../geo/packedFeatureViews.ts';
import { batchFeatures, packBatch, type DecodeReply, type DecodeRequest } from './layerJsonBatches.ts';

const scope = self as unknown as { onmessage: ((e: MessageEvent<DecodeRequest>) => void) | null; postMessage(message: DecodeReply, transfer?: Transferable[]): void };

scope.onmessage = (e) => {
  const { id, bytes, packed, sendFeatures, positionsPerBatch, gcj } = e.data;
  if (packed) {
    // Each geometry is built for the moment it is checked: no object tree of the layer.
    const features = packedFeatureViews(packed.packed, packed.properties);
    scope.postMessage({ id, type: 'done', total: features.length, ...checkLayer(features, gcj) });
    return;
  }
  if (!bytes) {
    scope.postMessage({ id, type: 'error', message: 'nothing to read' });
    return;
  }
  let collection: { type?: unknown; features?: unknown };
  try {
    collection = JSON.parse(new TextDecoder().decode(bytes)) as typeof collection;
  } catch (error) {
    scope.postMessage({ id, type: 'error', message: String(error).slice(0, 200) });
    return;
  }
  if (collection?.type !== 'FeatureCollection' || !Array.isArray(collection.features)) {
    scope.postMessage({ id, type: 'error', message: 'not a FeatureCollection' });
    return;
  }
  const features = collection.features as GeoJSON.Feature[];
  if (sendFeatures) {
    for (const batch of batchFeatures(features, positionsPerBatch)) {
      const packed = packBatch(batch);
      if (packed) scope.postMessage({ id, type: 'packed', ...packed }, packedTransferables(packed.packed));
      else scope.postMessage({ id, type: 'features', features: batch });
    }
  }
  scope.postMessage({ id, type: 'done', total: features.length, ...checkLayer(features, gcj) });
};
