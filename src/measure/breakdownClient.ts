/**
 * Page-side access to the breakdown: a module worker (comlink) in the browser, the same function
 * in-process where there are no workers (Node tests). Requests are answered in order; a shape
 * edited again before its answer arrives simply gets a newer answer (callers keep the latest).
 */
import * as Comlink from 'comlink';
import type { BreakdownContext, BreakdownSourceLayer, MeasurementBreakdown } from './breakdown.ts';
import type { BreakdownWorkerRemote } from './breakdown.worker.ts';
import type { MeasuredGeometry } from './types.ts';

export interface BreakdownClient {
  setLayers(layers: readonly BreakdownSourceLayer[], countiesLayerId?: string): Promise<void>;
  breakdown(geometry: MeasuredGeometry): Promise<MeasurementBreakdown>;
  dispose(): void;
}

export function createBreakdownClient(options: { inProcess?: boolean } = {}): BreakdownClient {
  if (options.inProcess || typeof Worker === 'undefined') return inProcessClient();
  const worker = new Worker(new URL('./breakdown.worker.ts', import.meta.url), { type: 'module', name: 'shanshui-measure' });
  const remote = Comlink.wrap<BreakdownWorkerRemote>(worker);
  return {
    // Only what the overlay needs crosses over (no styles or legends).
    setLayers: (layers, countiesLayerId = 'counties') => remote.setLayers(layers.map(({ id, title, data }) => ({ id, title, data })), countiesLayerId),
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
    async setLayers(layers, countiesLayerId = 'counties') {
      context = module.then((m) => m.prepareBreakdownContext(layers, countiesLayerId));
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
