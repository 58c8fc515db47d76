/**
 * What the import worker does, without the worker plumbing (so Node tests can call it):
 * import files, build a tile index for large layers, serve tiles, drop indexes.
 * `src/workers/import.worker.ts` exposes it with comlink; `src/workers/importClient.ts` calls it.
 */
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { collectionJsonBytes } from '../geo/collectionJsonBytes.ts';
import { packFeatures, releasePacked, type PackedFeatures } from '../geo/packedFeatures.ts';
import { packedFeatureViews } from '../geo/packedFeatureViews.ts';
import { importBatch } from './importBatch.ts';
import type { ImportSource } from './importFiles.ts';
import { emptyBbox, extendBbox, isEmptyBbox, type Bbox } from './geometry.ts';
import { createImportTileIndex, importTileUrlTemplate, type ImportTileIndex } from './tileIndex.ts';
import type { FileFailure, ImportedLayer, ImportOptions, ImportProgress, ImportResult } from './types.ts';

export interface WorkerImportOptions extends Omit<ImportOptions, 'onProgress' | 'signal'> {
  /** 'auto' (default): tile layers of at least `tileMinFeatures` features or `tileMinVertices` vertices. */
  tiles?: 'auto' | 'always' | 'never';
  tileMinFeatures?: number;
  tileMinVertices?: number;
  /**
   * How layer data come back: 'object' (a FeatureCollection, structured-cloned — deserialising a
   * 50 MB one blocks the page for a while), 'json' (UTF-8 GeoJSON bytes, transferred without copy;
   * store them in IndexedDB as they are, parse where needed), 'none'. 'auto' (default): 'object'
   * for untiled layers; nothing for tiled ones, so they display as soon as their tiles are ready —
   * fetch their GeoJSON afterwards with `getLayerJson(indexId)`.
   */
  returnData?: 'auto' | 'object' | 'json' | 'none';
}

export interface TileSourceInfo {
  indexId: string;
  /** For a MapLibre vector source: `tiles: [url]`. */
  url: string;
  /** Source-layer name in the tiles. */
  layerName: string;
  maxZoom: number;
  bounds?: Bbox;
}

export type WorkerImportedLayer = Omit<ImportedLayer, 'data'> & {
  data?: ImportedLayer['data'];
  /** UTF-8 GeoJSON of the layer (returnData 'json'). */
  dataJson?: Uint8Array;
  tiles?: TileSourceInfo;
};

export type WorkerImportResult =
  | { ok: true; layers: WorkerImportedLayer[]; warnings: ImportedLayer['warnings']; failures?: FileFailure[] }
  | Extract<ImportResult, { ok: false }>;

/** A tiled layer handed over by the worker that imported it (see `takeLayer`). */
export interface TakenLayer {
  /** UTF-8 GeoJSON of the layer (to store and check), as `getLayerJson`. */
  json: Uint8Array;
  /** The features packed, and each one's properties: what a fresh worker cuts the same tiles from (`adoptTiles`). */
  packed: PackedFeatures;
  properties: unknown[];
}

export const DEFAULT_TILE_MIN_FEATURES = 5_000;
export const DEFAULT_TILE_MIN_VERTICES = 200_000;

let idCounter = 0;
function newIndexId(): string {
  const random = globalThis.crypto?.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
  return `imp-${++idCounter}-${random}`;
}

function bboxOf(data: FeatureCollection<Geometry | null>): Bbox | undefined {
  const b = emptyBbox();
  for (const f of data.features) if (f.geometry) extendBbox(b, f.geometry);
  return isEmptyBbox(b) ? undefined : b;
}

export function createImportWorkerApi() {
  /** `data` is let go once the page has taken the layer's GeoJSON (the index serves tiles on its own). */
  const indexes = new Map<string, { index: ImportTileIndex; data: FeatureCollection<Geometry | null> | null }>();

  function registerIndex(data: FeatureCollection<Geometry | null>, bounds?: Bbox): TileSourceInfo {
    const index = createImportTileIndex(data);
    const indexId = newIndexId();
    indexes.set(indexId, { index, data });
    const b = bounds ?? bboxOf(data);
    return { indexId, url: importTileUrlTemplate(indexId), layerName: index.layerName, maxZoom: index.maxZoom, ...(b ? { bounds: b } : {}) };
  }

  return {
    async importFiles(files: ImportSource[], options: WorkerImportOptions = {}, onProgress?: (p: ImportProgress) => void): Promise<WorkerImportResult> {
      let lastReport = 0;
      const report = (p: ImportProgress) => {
        const now = Date.now();
        // Each report is a message to the page; ten a second are plenty for a progress bar.
        if (p.stage !== 'done' && now - lastReport < 100) return;
        lastReport = now;
        onProgress?.(p);
      };
      const result = await importBatch(files, { ...options, onProgress: report });
      if (!result.ok) return result;
      const minFeatures = options.tileMinFeatures ?? DEFAULT_TILE_MIN_FEATURES;
      const minVertices = options.tileMinVertices ?? DEFAULT_TILE_MIN_VERTICES;
      const layers: WorkerImportedLayer[] = [];
      for (const layer of result.layers) {
        const tiled = options.tiles === 'always' || ((options.tiles ?? 'auto') === 'auto' && (layer.featureCount >= minFeatures || layer.vertexCount >= minVertices));
        const { data, ...rest } = layer;
        const out: WorkerImportedLayer = { ...rest };
        if (tiled) {
          onProgress?.({ stage: 'tile', fraction: 0.97, file: layer.name });
          out.tiles = registerIndex(data, layer.bbox);
        }
        const mode = options.returnData ?? 'auto';
        if (mode === 'object' || (mode === 'auto' && !tiled)) out.data = data;
        else if (mode === 'json') out.dataJson = collectionJsonBytes(data);
        layers.push(out);
      }
      onProgress?.({ stage: 'done', fraction: 1 });
      return { ok: true, layers, warnings: result.warnings, ...(result.failures ? { failures: result.failures } : {}) };
    },

    /** Tiles for a layer restored from storage (IndexedDB) after a reload. */
    buildTileIndex(data: FeatureCollection<Geometry | null>): TileSourceInfo {
      return registerIndex(data);
    },

    /** One vector tile as MVT PBF bytes, or null for an empty tile or an unknown index. */
    getTile(indexId: string, z: number, x: number, y: number): Uint8Array | null {
      return indexes.get(indexId)?.index.getTilePbf(z, x, y) ?? null;
    },

    /**
     * UTF-8 GeoJSON of a tiled layer (for IndexedDB and statistics), or null for an unknown id.
     * Once: the worker then lets go of the features (hundreds of MB for a large layer), keeping
     * only the tile index.
     */
    getLayerJson(indexId: string): Uint8Array | null {
      const entry = indexes.get(indexId);
      if (!entry?.data) return null;
      const json = collectionJsonBytes(entry.data);
      entry.data = null;
      return json;
    },

    /**
     * `getLayerJson`, and the features packed for `adoptTiles` in another worker. Once: this worker
     * then keeps only the index. The worker that imported a large layer is best ended after
     * this: its heap still holds the parsed file as garbage that an idle worker does not collect
     * (~250 MB for a 50 MB GeoJSON, measured in Chromium), where a worker that only cut tiles from
     * packed arrays holds the index alone.
     */
    takeLayer(indexId: string): TakenLayer | null {
      const entry = indexes.get(indexId);
      if (!entry?.data) return null;
      const features = entry.data.features;
      const taken: TakenLayer = {
        // Written feature by feature: no 50 MB string (100 MB as UTF-16) beside the bytes.
        json: collectionJsonBytes(entry.data),
        packed: packFeatures(features as Feature[]),
        properties: features.map((f) => f?.properties ?? null),
      };
      entry.data = null;
      return taken;
    },

    /**
     * Serves a layer's tiles here under its `indexId`, cut from its packed features (each geometry
     * built for the moment geojson-vt reads it: no object tree of the layer is kept or left).
     */
    adoptTiles(indexId: string, packed: PackedFeatures, properties: unknown[]): void {
      indexes.set(indexId, { index: createImportTileIndex({ type: 'FeatureCollection', features: packedFeatureViews(packed, properties) }), data: null });
      // geojson-vt keeps its own converted copy: the arrays go now, not at this idle worker's next collection.
      releasePacked(packed);
    },

    dropTileIndex(indexId: string): boolean {
      return indexes.delete(indexId);
    },

    tileIndexCount(): number {
      return indexes.size;
    },
  };
}

