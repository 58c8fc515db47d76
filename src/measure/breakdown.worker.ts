/**
 * Breakdown worker: the per-county and per-zone overlay of a finished shape runs here, off the
 * main thread (it takes 10–200 ms on the default pack, more with big imported layers). The layers
 * are sent once; each request then sends one shape. See breakdownClient.ts.
 */
import * as Comlink from 'comlink';
import { unpackFeatures, type PackedFeatures } from '../geo/packedFeatures.ts';
import type { LayerRole, LocalText } from '../pack/types.ts';
import { measurementBreakdown, prepareBreakdownContext, type BreakdownContext, type MeasurementBreakdown } from './breakdown.ts';
import type { MeasuredGeometry } from './types.ts';

let context: BreakdownContext | null = null;

const exposed = {
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

export type BreakdownWorkerRemote = typeof exposed;

Comlink.expose(exposed);
