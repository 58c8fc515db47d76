import { proxy, transfer, wrap, type Endpoint, type Remote } from 'comlink';
import type { FeatureCollection } from 'geojson';
import { GeometryError } from '../geo/GeometryError.ts';
import { packedTransferables } from '../geo/packedFeatures.ts';
import { packInSlices } from './packInSlices.ts';
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

/** Zones of more coordinates (x and y count one each) than this end the kept worker afterwards. */
const LARGE_COORDINATES = 1_000_000;

interface OpenWorker {
  worker: StatsWorker;
  api: Remote<StatsWorkerApi>;
}

/**
 * The worker kept between calls. Starting one costs a module load and, for the first statistics,
 * the JIT's warm-up (measured in Chromium here: ~90 ms start-up of ~250 ms for the default pack);
 * a kept worker answers later calls (another pack, imported layers) in the time of the work.
 */
let kept: OpenWorker | null = null;
let keptBusy = false;
let keptStarter: () => StatsWorker = startStatsWorker;

function open(worker: StatsWorker): OpenWorker {
  return { worker, api: wrap<StatsWorkerApi>(worker) };
}

/**
 * Starts the kept statistics worker now (if none is running), so that its module is loaded by the
 * time statistics are asked for. `startWorker` also becomes the way later kept workers start.
 */
export function prewarmStatsWorker(startWorker: () => StatsWorker = startStatsWorker): void {
  keptStarter = startWorker;
  kept ??= open(startWorker());
}

/** Terminates the kept worker, if any (the next call starts a new one). */
export function disposeStatsWorker(): void {
  kept?.worker.terminate();
  kept = null;
  keptBusy = false;
}

/**
 * Per-region zone statistics (see `zoneStatistics`) computed in a Web Worker, so the UI never
 * blocks. Rejects with `GeometryError` (with every issue) for invalid input, with an AbortError
 * when `signal` aborts (the worker is terminated at once).
 *
 * Without `startWorker`, one worker is kept and reused from call to call (see
 * `prewarmStatsWorker`); an aborted call terminates it and the next call starts a fresh one. A call
 * made while the kept worker is busy gets a worker of its own. With `startWorker`, every call runs
 * in a worker of its own, terminated afterwards.
 */
export async function computeZoneStatistics(
  regions: FeatureCollection,
  zones: FeatureCollection,
  options: ComputeZoneStatisticsOptions = {},
  startWorker?: () => StatsWorker,
): Promise<ZoneStatisticsResult> {
  const { onProgress, signal, ...request } = options;
  signal?.throwIfAborted();
  const useKept = !startWorker && !keptBusy;
  let current: OpenWorker;
  if (useKept) {
    kept ??= open(keptStarter());
    keptBusy = true;
    current = kept;
  } else {
    current = open((startWorker ?? keptStarter)());
  }
  // Ends the worker for good: always for a worker of its own, for the kept one when it must not
  // be reused (cancelled mid-work, crashed).
  const end = (): void => {
    current.worker.terminate();
    if (useKept && kept === current) {
      kept = null;
      keptBusy = false;
    }
  };
  let onAbort: (() => void) | undefined;
  let onError: ((event: Event) => void) | undefined;
  const stopped = new Promise<never>((_, reject) => {
    onAbort = () => {
      end();
      reject(signal?.reason instanceof Error ? signal.reason : new DOMException('The statistics were cancelled.', 'AbortError'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    if (typeof Worker !== 'undefined' && current.worker instanceof Worker) {
      // A worker that fails to load or dies would otherwise leave the promise pending forever.
      onError = (event: Event) => {
        end();
        reject(new Error(`statistics worker failed: ${(event as ErrorEvent).message ?? 'unknown error'}`));
      };
      current.worker.addEventListener('error', onError);
    }
  });
  let large = false;
  try {
    // The zones go packed and transferred: a structured clone of an imported layer's 67,000
    // polygons held the page for 1.7–3 s; packing runs in slices between other tasks.
    const packed = await Promise.race([packInSlices(zones.features, [request.kindKey ?? 'kind'], signal), stopped]);
    large = packed.coords.length > LARGE_COORDINATES;
    const response = await Promise.race([
      current.api.computeZoneStatistics(regions, transfer(packed, packedTransferables(packed)), request, onProgress ? proxy(onProgress) : undefined),
      stopped,
    ]);
    if (response.ok) return response.result;
    if (response.issues) throw new GeometryError(response.issues);
    throw new Error(response.message);
  } finally {
    if (onAbort) signal?.removeEventListener('abort', onAbort);
    if (onError) current.worker.removeEventListener('error', onError);
    if (!useKept) current.worker.terminate();
    // After a large layer the worker's heap holds its unpacked zones as garbage an idle worker
    // keeps for a long while (~250 MB for 67,000 polygons): a fresh worker costs ~90 ms instead.
    else if (kept === current && large) end();
    else if (kept === current) keptBusy = false;
  }
}

