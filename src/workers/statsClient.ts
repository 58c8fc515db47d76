import { proxy, wrap, type Endpoint } from 'comlink';
import type { FeatureCollection } from 'geojson';
import { GeometryError } from '../geo/GeometryError.ts';
import type { ZoneStatisticsProgress, ZoneStatisticsResult } from '../geo/zoneStatistics.ts';
import type { StatsRequestOptions, StatsWorkerApi } from './statsWorkerApi.ts';

export interface ComputeZoneStatisticsOptions extends StatsRequestOptions {
  /** Called from the worker as the work advances (throttled there). */
  onProgress?: (progress: ZoneStatisticsProgress) => void;
  /** Aborting terminates the worker at once and rejects with an AbortError. */
  signal?: AbortSignal;
}

/** A worker-like endpoint: a real Worker in the browser, a MessagePort pair in tests. */
export type StatsWorker = Endpoint & { terminate(): void };

/** Starts the statistics worker (Vite bundles it from this exact expression). */
export function startStatsWorker(): StatsWorker {
  return new Worker(new URL('./stats.worker.ts', import.meta.url), { type: 'module' });
}

/**
 * Per-region zone statistics (see `zoneStatistics`) computed in a Web Worker, so the UI never
 * blocks. Rejects with `GeometryError` (with every issue) for invalid input, with an AbortError
 * when `signal` aborts. One worker per call, terminated afterwards.
 */
export async function computeZoneStatistics(
  regions: FeatureCollection,
  zones: FeatureCollection,
  options: ComputeZoneStatisticsOptions = {},
  startWorker: () => StatsWorker = startStatsWorker,
): Promise<ZoneStatisticsResult> {
  const { onProgress, signal, ...request } = options;
  signal?.throwIfAborted();
  const worker = startWorker();
  const api = wrap<StatsWorkerApi>(worker);
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => {
      worker.terminate();
      reject(signal?.reason ?? new DOMException('The statistics were cancelled.', 'AbortError'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
  try {
    const response = await Promise.race([
      api.computeZoneStatistics(regions, zones, request, onProgress ? proxy(onProgress) : undefined),
      aborted,
    ]);
    if (response.ok) return response.result;
    if (response.issues) throw new GeometryError(response.issues);
    throw new Error(response.message);
  } finally {
    if (onAbort) signal?.removeEventListener('abort', onAbort);
    worker.terminate();
  }
}
