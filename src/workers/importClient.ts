/**
 * Page-side access to the import worker.
 *
 * - `importFiles` starts a fresh worker per call; `signal` cancels by terminating that worker
 *   (the result is then `{ ok: false, error: { code: 'cancelled' } }`), and a crashed worker
 *   (e.g. out of memory) gives `worker-crashed`. Neither touches layers already open.
 * - Layers big enough to be tiled come back with `tiles` ({ indexId, url, … }); their worker stays
 *   alive to serve tiles until `dropTileIndex` (layer removed) or `dispose`.
 * - `takeLayer` hands a tiled layer's GeoJSON and packed features over once; then its tiles move to a worker that
 *   cuts them from packed arrays (the tile host), and the worker that imported the layer ends as
 *   the move starts (its idle heap kept the parsed file as uncollected garbage: ~250 MB for a 50 MB
 *   GeoJSON); `takeLayer` resolves once the tile host has the layer.
 * - `tileProtocol` is the load function for `maplibregl.addProtocol(IMPORT_TILE_PROTOCOL, …)`.
 */
import * as Comlink from 'comlink';
import type { FeatureCollection, Geometry } from 'geojson';
import { packedTransferables, type PackedFeatures } from '../geo/packedFeatures.ts';
import type { ImportSource } from '../import/importFiles.ts';
import { parseImportTileUrl } from '../import/tileIndex.ts';
import type { ImportProgress } from '../import/types.ts';
import type { TakenLayer, TileSourceInfo, WorkerImportOptions, WorkerImportResult } from '../import/workerApi.ts';
import type { ImportWorkerRemote } from './import.worker.ts';

/** The parts of a Worker the client uses (a MessagePort-based fake works in tests). */
export interface WorkerLike extends Comlink.Endpoint {
  terminate(): void;
}

export interface ImportClientOptions {
  createWorker?: () => WorkerLike;
}

export interface ClientImportOptions extends WorkerImportOptions {
  onProgress?: (progress: ImportProgress) => void;
  signal?: AbortSignal;
}

export interface ImportClient {
  importFiles(files: ImportSource[], options?: ClientImportOptions): Promise<WorkerImportResult>;
  /** Tiles for a stored layer after a reload. */
  buildTileIndex(data: FeatureCollection<Geometry | null>): Promise<TileSourceInfo>;
  /**
   * A tiled layer's GeoJSON (to store) and its features packed (to keep on the page), once; its
   * tiles then move to the tile host, and this resolves once they have moved.
   */
  takeLayer(indexId: string): Promise<TakenLayer | null>;
  /** MVT PBF bytes of one tile, or null when empty/unknown. */
  getTile(indexId: string, z: number, x: number, y: number): Promise<ArrayBuffer | null>;
  dropTileIndex(indexId: string): Promise<void>;
  /** For `maplibregl.addProtocol(IMPORT_TILE_PROTOCOL, client.tileProtocol)`. */
  tileProtocol: (request: { url: string }, abortController: AbortController) => Promise<{ data: ArrayBuffer }>;
  /** Terminates every worker. */
  dispose(): void;
}

interface Slot {
  worker: WorkerLike;
  remote: Comlink.Remote<ImportWorkerRemote>;
  indexes: Set<string>;
}

function defaultWorker(): WorkerLike {
  return new Worker(new URL('./import.worker.ts', import.meta.url), { type: 'module', name: 'shanshui-import' });
}

export function createImportClient(options: ImportClientOptions = {}): ImportClient {
  const createWorker = options.createWorker ?? defaultWorker;
  const byIndex = new Map<string, Slot>();
  const slots = new Set<Slot>();
  let tileHost: Slot | undefined;

  const open = (): Slot => {
    const worker = createWorker();
    const slot: Slot = { worker, remote: Comlink.wrap<ImportWorkerRemote>(worker), indexes: new Set() };
    slots.add(slot);
    return slot;
  };
  const close = (slot: Slot) => {
    slots.delete(slot);
    for (const id of slot.indexes) byIndex.delete(id);
    if (tileHost === slot) tileHost = undefined;
    slot.remote[Comlink.releaseProxy]?.();
    slot.worker.terminate();
  };

  /**
   * Serves `indexId`'s tiles from the tile host, cut from `packed`. `from` lets go of the layer
   * at once (and ends, once it has answered what was asked of it, when it serves nothing else), so that its heap (the parsed file, as garbage,
   * and its own tile index) and the tile host's new index are never held at once: at 50 MB the two
   * together were the import's peak. A move that fails leaves the layer without tiles until the
   * next visit (re-tiled from the store).
   */
  const moveTiles = (indexId: string, from: Slot, packed: PackedFeatures, properties: unknown[]): Promise<void> => {
    const to = (tileHost ??= open());
    from.indexes.delete(indexId);
    byIndex.set(indexId, to);
    to.indexes.add(indexId);
    // Messages to a worker are handled in order: a tile asked for from now on is cut once the
    // tile host has adopted the layer, and a drop finds it there.
    const move = to.remote.adoptTiles(indexId, Comlink.transfer(packed, packedTransferables(packed)), properties).catch((error: unknown) => {
      if (byIndex.get(indexId) === to) byIndex.delete(indexId);
      to.indexes.delete(indexId);
      throw error;
    });
    // `from` answers in order too: once this drop is answered, so are the tiles asked of it before
    // the switch (a reload asks while the layer is taken); ending it earlier would leave them blank.
    const drained = from.remote.dropTileIndex(indexId).catch(() => undefined);
    void drained.then(() => {
      if (from.indexes.size === 0 && from !== tileHost) close(from);
    });
    return move;
  };

  const getTile = async (indexId: string, z: number, x: number, y: number): Promise<ArrayBuffer | null> => {
    const slot = byIndex.get(indexId);
    return slot ? slot.remote.getTile(indexId, z, x, y) : null;
  };

  return {
    async importFiles(files, { onProgress, signal, ...workerOptions } = {}) {
      if (signal?.aborted) return { ok: false, error: { code: 'cancelled' } };
      const slot = open();
      const stopped = new Promise<WorkerImportResult>((resolve) => {
        const onAbort = () => resolve({ ok: false, error: { code: 'cancelled' } });
        signal?.addEventListener('abort', onAbort, { once: true });
        // A worker that dies (out of memory, script error) reports an 'error' event.
        slot.worker.addEventListener('error', () => resolve({ ok: false, error: { code: 'worker-crashed' } }));
      });
      // Transfer whole buffers only (a view into a shared/pooled buffer must be copied).
      const transfers = files.flatMap((f) => {
        if (typeof Blob !== 'undefined' && f instanceof Blob) return [];
        const b = (f as { bytes: Uint8Array | ArrayBuffer }).bytes;
        if (b instanceof ArrayBuffer) return [b];
        return b.byteOffset === 0 && b.byteLength === b.buffer.byteLength && b.buffer instanceof ArrayBuffer ? [b.buffer] : [];
      });
      const running = slot.remote.importFiles(
        transfers.length ? Comlink.transfer(files, transfers) : files,
        workerOptions,
        onProgress ? Comlink.proxy(onProgress) : undefined,
      );
      const result = await Promise.race([running, stopped]).catch(
        (error: unknown): WorkerImportResult => ({ ok: false, error: { code: 'internal-error', params: { detail: String(error).slice(0, 200) } } }),
      );
      const tiled = result.ok ? result.layers.flatMap((l) => (l.tiles ? [l.tiles.indexId] : [])) : [];
      if (tiled.length === 0) close(slot);
      else for (const id of tiled) {
        slot.indexes.add(id);
        byIndex.set(id, slot);
      }
      return result;
    },

    async buildTileIndex(data) {
      tileHost ??= open();
      const info = await tileHost.remote.buildTileIndex(data);
      tileHost.indexes.add(info.indexId);
      byIndex.set(info.indexId, tileHost);
      return info;
    },

    getTile,

    async takeLayer(indexId) {
      const slot = byIndex.get(indexId);
      const taken = slot ? await slot.remote.takeLayer(indexId) : null;
      if (!slot || !taken) return null;
      if (slot !== tileHost) {
        // The tile host gets its own copy of the arrays (the page keeps the taken ones). Resolved
        // only once the move is over: the caller's next steps (store, checks, statistics) then do
        // not run beside the tile host building its index.
        const { packed } = taken;
        const copy: PackedFeatures = { ...packed, types: packed.types.slice(), counts: packed.counts.slice(), coords: packed.coords.slice() };
        await moveTiles(indexId, slot, copy, taken.properties).catch((error: unknown) => console.warn('import: the tiles could not move to the tile host', error));
      }
      return taken;
    },

    async dropTileIndex(indexId) {
      const slot = byIndex.get(indexId);
      if (!slot) return;
      byIndex.delete(indexId);
      slot.indexes.delete(indexId);
      if (slot.indexes.size === 0 && slot !== tileHost) close(slot);
      else await slot.remote.dropTileIndex(indexId);
    },

    async tileProtocol(request, abortController) {
      const parsed = parseImportTileUrl(request.url);
      if (!parsed) throw new Error(`not an import tile URL: ${request.url}`);
      const data = await getTile(parsed.indexId, parsed.z, parsed.x, parsed.y);
      if (abortController.signal.aborted) throw new DOMException('aborted', 'AbortError');
      return { data: data ?? new ArrayBuffer(0) };
    },

    dispose() {
      for (const slot of [...slots]) close(slot);
    },
  };
}
