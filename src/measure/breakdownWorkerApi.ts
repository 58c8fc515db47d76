/**
 * What the breakdown worker exposes (comlink): set in `breakdown.worker.ts` for the browser and in
 * `testing/breakdownNodeWorker.ts` for Node's worker threads, so tests run the real protocol.
 */
import { unpackFeatures, type PackedFeatures } from '../geo/packedFeatures.ts';
import type { LayerRole, LocalText } from '../pack/types.ts';
import { measurementBreakdown, prepareBreakdownContext, type BreakdownContext, type MeasurementBreakdown } from './breakdown.ts';
import type { MeasuredGeometry } from './types.ts';

let context: BreakdownContext | null = null;

export const breakdownWorkerApi = {
  /**
   * The layers, each with its features packed (transferred buffers, see packedFeatures.ts): a
   * structured clone of a large imported layer would hold the page.
   */
  setPackedLayers(layers: { id: string; title: LocalText; data: PackedFeatures; role?: LayerRole; nameKey?: string }[]): void {
    context = prepareBreakdownContext(layers.map(({ data, ...layer }) => ({ ...layer, data: unpackFeatures(data) })));
  },
  breakdown(geometry: MeasuredGeometry): MeasurementBreakdown {
    if (!context) throw new Error('breakdown worker: setLayers was not called');
    return measurementBreakdown(geometry, context);
  },
};

export type BreakdownWorkerRemote = typeof breakdownWorkerApi;
