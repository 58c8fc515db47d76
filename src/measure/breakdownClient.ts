/**
 * Page-side access to the breakdown: a module worker (comlink) in the browser, the same function
 * in-process where there are no workers (Node tests). Requests are answered in order; a shape
 * edited again before its answer arrives simply gets a newer answer (callers keep the latest).
 */
import * as Comlink from 'comlink';
import type { BreakdownContext, BreakdownSourceLayer, MeasurementBreakdown } from './breakdown.ts';
import type { BreakdownWorkerRemote } from './breakdownWorkerApi.ts';
import type { MeasuredGeometry } from './types.ts';
import { packedTransferables } from '../geo/packedFeatures.ts';
import { packInSlices } from '../workers/packInSlices.ts';

export interface BreakdownClient {
  setLayers(layers: readonly BreakdownSourceLayer[]): Promise<void>;
  breakdown(geometry: MeasuredGeometry): Promise<MeasurementBreakdown>;
  dispose(): void;
}

/** The properties the breakdown reads (row names). */
const BREAKDOWN_PROPERTIES = ['name', 'name_en'];

/** A worker to talk to: the browser's module worker, or (tests) a Node worker thread's endpoint. */
type BreakdownEndpoint = Comlink.Endpoint & { terminate(): void };

export function createBreakdownClient(options: { inProcess?: boolean; start?: () => BreakdownEndpoint } = {}): BreakdownClient {
  if (!options.start && (options.inProcess || typeof Worker === 'undefined')) return inProcessClient();
  const worker: BreakdownEndpoint = options.start?.() ?? new Worker(new URL('./breakdown.worker.ts', import.meta.url), { type: 'module', name: 'shanshui-measure' });
  const remote = Comlink.wrap<BreakdownWorkerRemote>(worker);
  let generation = 0;
  return {
    // Only what the overlay needs crosses over (no styles or legends; of the properties, the
    // names), packed and transferred: a structured clone of an imported layer's 67,000 polygons
    // would hold the page for seconds.
    async setLayers(layers) {
      const mine = ++generation;
      const packed = [];
      for (const { id, title, data, role, nameKey } of layers) {
        const keys = nameKey && !BREAKDOWN_PROPERTIES.includes(nameKey) ? [...BREAKDOWN_PROPERTIES, nameKey] : BREAKDOWN_PROPERTIES;
        packed.push({ id, title, data: await packInSlices(data.features, keys), ...(role ? { role } : {}), ...(nameKey ? { nameKey } : {}) });
      }
      // Newer layers were set while these were packed: they win (they are sent after these would be).
      if (mine !== generation) return;
      await remote.setPackedLayers(
        Comlink.transfer(
          packed,
          packed.flatMap((l) => packedTransferables(l.data)),
        ),
      );
    },
    breakdown: (geometry) => remote.breakdown(geometry),
    dispose() {
      remote[Comlink.releaseProxy]();
      worker.terminate();
    },
  };
}

function inProcessClient(): BreakdownClient {
  // Loaded on demand, so the overlay code stays out of the page's first download.
  const module = import('./breakdown.ts');
  let context: Promise<BreakdownContext> | null = null;
  return {
    async setLayers(layers) {
      context = module.then((m) => m.prepareBreakdownContext(layers));
      await context;
    },
    async breakdown(geometry) {
      if (!context) throw new Error('breakdown: setLayers was not called');
      const [m, c] = await Promise.all([module, context]);
      return m.measurementBreakdown(geometry, c);
    },
    dispose() {},
  };
}
