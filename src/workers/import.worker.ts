/**
 * Import worker: parses, converts and tiles dropped files off the main thread (comlink). One
 * worker per import, so cancelling one (terminate) leaves other layers' tiles alone; a worker
 * whose layers are tiled stays alive to serve their tiles. See importClient.ts.
 */
import * as Comlink from 'comlink';
import type { FeatureCollection, Geometry } from 'geojson';
import { packedTransferables, type PackedFeatures } from '../geo/packedFeatures.ts';
import type { ImportSource } from '../import/importFiles.ts';
import type { ImportProgress } from '../import/types.ts';
import { createImportWorkerApi, type TakenLayer, type WorkerImportOptions, type WorkerImportResult } from '../import/workerApi.ts';

/** The object the worker exposes (exported so tests can expose it on a MessagePort). */
export function createImportWorkerRemote() {
  const api = createImportWorkerApi();
  return {
    async importFiles(files: ImportSource[], options: WorkerImportOptions, onProgress?: (p: ImportProgress) => void): Promise<WorkerImportResult> {
      const result = await api.importFiles(files, options, onProgress);
      if (!result.ok) return result;
      // Hand GeoJSON bytes over without copying.
      const transfers = result.layers.flatMap((l) => (l.dataJson ? [l.dataJson.buffer as ArrayBuffer] : []));
      return transfers.length ? Comlink.transfer(result, transfers) : result;
    },
    buildTileIndex(data: FeatureCollection<Geometry | null>) {
      return api.buildTileIndex(data);
    },
    getTile(indexId: string, z: number, x: number, y: number): ArrayBuffer | null {
      const tile = api.getTile(indexId, z, x, y);
      if (!tile) return null;
      const whole = tile.byteOffset === 0 && tile.byteLength === tile.buffer.byteLength;
      const buffer = (whole ? tile.buffer : tile.slice().buffer) as ArrayBuffer;
      return Comlink.transfer(buffer, [buffer]);
    },
    takeLayer(indexId: string): TakenLayer | null {
      const taken = api.takeLayer(indexId);
      return taken ? Comlink.transfer(taken, [taken.json.buffer as ArrayBuffer, ...packedTransferables(taken.packed)]) : null;
    },
    adoptTiles(indexId: string, packed: PackedFeatures, properties: unknown[]): void {
      api.adoptTiles(indexId, packed, properties);
    },
    dropTileIndex(indexId: string): number {
      api.dropTileIndex(indexId);
      return api.tileIndexCount();
    },
  };
}

export type ImportWorkerRemote = ReturnType<typeof createImportWorkerRemote>;

// Only inside a worker: importing this module elsewhere (tests) must not expose on `self`.
if (typeof (globalThis as { WorkerGlobalScope?: unknown }).WorkerGlobalScope !== 'undefined') {
  Comlink.expose(createImportWorkerRemote());
}
