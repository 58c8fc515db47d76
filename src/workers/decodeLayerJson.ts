/**
 * A layer's GeoJSON bytes (from IndexedDB or the import worker) → its FeatureCollection, the
 * features the statistics cannot use and the GCJ-02 hint, without freezing the page: the checking
 * always runs in a worker; small layers are parsed on the page at once, large ones come back from
 * the worker in batches (layerJson.worker.ts).
 */
import type { PackedFeatures } from '../geo/packedFeatures.ts';
import { packedFeatureViews } from '../geo/packedFeatureViews.ts';
import type { Gcj02Hint } from '../import/crs/suggestGcj02.ts';
import { checkLayer } from './checkLayer.ts';
import type { ImportedData } from '../store/importedLayer.ts';
import { unpackBatch, type DecodeReply, type DecodeRequest, type GcjHintRequest } from './layerJsonBatches.ts';
import type { UnusableFeatures } from '../geo/usableGeometry.ts';

/** Below this, JSON.parse on the page takes a few milliseconds; above, the worker sends batches. */
const INLINE_BYTES = 1_500_000;
const POSITIONS_PER_BATCH = 20_000;

export interface DecodedLayer {
  data: ImportedData;
  unusable: UnusableFeatures;
  gcjHint?: Gcj02Hint;
}

export interface DecodeOptions {
  /** The collection, when the page has it already (a small import): then only the checks run. */
  data?: ImportedData;
  /** Ask for the GCJ-02 hint (lon/lat layers). */
  gcj?: GcjHintRequest;
  /** Hand the bytes over to the worker (the caller is done with them): no 50 MB copy. */
  transfer?: boolean;
  /**
   * The features as the import worker handed them over (a tiled layer, see `TakenLayer`): they are
   * kept packed (packedFeatureViews: each geometry built when read; ~30 MB instead of a ~231 MB
   * object tree for 67,000 polygons) and only checked, in the worker, on a copy of the arrays;
   * `bytes` are not read (no second parse of the file). Only for a layer the map draws from tiles:
   * a structured clone of a packed feature (a GeoJSON source's data) has no geometry.
   */
  packed?: PackedLayer;
}

/** A layer's features packed, with each feature's properties. */
export interface PackedLayer {
  packed: PackedFeatures;
  properties: unknown[];
}

let requestId = 0;

/** The bytes are copied to the worker unless `transfer` (then `bytes` is detached). */
export async function decodeLayerJson(bytes: ArrayBuffer, options: DecodeOptions = {}): Promise<DecodedLayer> {
  if (options.packed) return checkPacked(options.packed, options.gcj);
  const inline = options.data ?? (bytes.byteLength <= INLINE_BYTES ? parseCollection(new TextDecoder().decode(bytes)) : undefined);
  if (typeof Worker === 'undefined') {
    const data = inline ?? parseCollection(new TextDecoder().decode(bytes));
    return { data, ...checkLayer(data.features, options.gcj) };
  }
  const features: ImportedData['features'] = [];
  const request: DecodeRequest = { id: ++requestId, bytes, sendFeatures: !inline, positionsPerBatch: POSITIONS_PER_BATCH, ...(options.gcj ? { gcj: options.gcj } : {}) };
  const done = await inWorker(request, options.transfer ? [bytes] : [], (batch) => {
    for (const f of batch) features.push(f as ImportedData['features'][number]);
  });
  return { data: inline ?? { type: 'FeatureCollection', features }, unusable: done.unusable, ...(done.gcjHint ? { gcjHint: done.gcjHint } : {}) };
}

/**
 * Runs one request in a fresh layer-JSON worker, ended when it has answered: each batch of
 * features it sends goes to `onFeatures`; the answer is its closing `done` reply.
 */
async function inWorker(request: DecodeRequest, transfer: Transferable[], onFeatures: (batch: unknown[]) => void): Promise<Extract<DecodeReply, { type: 'done' }>> {
  const worker = new Worker(new URL('./layerJson.worker.ts', import.meta.url), { type: 'module', name: 'shanshui-layer-json' });
  try {
    return await new Promise((resolve, reject) => {
      worker.onerror = (e) => reject(new Error(e.message || 'layer decoding worker failed'));
      worker.onmessage = (e: MessageEvent<DecodeReply>) => {
        const reply = e.data;
        if (reply.id !== request.id) return;
        if (reply.type === 'features') onFeatures(reply.features);
        else if (reply.type === 'packed') onFeatures(unpackBatch(reply.packed, reply.properties));
        else if (reply.type === 'done') resolve(reply);
        else reject(new Error(reply.message));
      };
      worker.postMessage(request, transfer);
    });
  } finally {
    worker.terminate();
  }
}

async function checkPacked({ packed, properties }: PackedLayer, gcj: DecodeOptions['gcj']): Promise<DecodedLayer> {
  const data = { type: 'FeatureCollection', features: packedFeatureViews(packed, properties) } as ImportedData;
  if (typeof Worker === 'undefined') return { data, ...checkLayer(data.features, gcj) };
  // The arrays are copied (structured clone): the page keeps its own. Properties only go when
  // the GCJ-02 hint reads them.
  const request: DecodeRequest = { id: ++requestId, packed: { packed, properties: gcj ? properties : [] }, sendFeatures: false, positionsPerBatch: POSITIONS_PER_BATCH, ...(gcj ? { gcj } : {}) };
  const done = await inWorker(request, [], () => {});
  return { data, unusable: done.unusable, ...(done.gcjHint ? { gcjHint: done.gcjHint } : {}) };
}

function parseCollection(text: string): ImportedData {
  const value = JSON.parse(text) as ImportedData;
  if (value?.type !== 'FeatureCollection' || !Array.isArray(value.features)) throw new Error('not a FeatureCollection');
  return value;
}
