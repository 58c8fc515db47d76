/**
 * Vector tiles for large imported layers, cut in the import worker.
 *
 * A MapLibre GeoJSON source gets slow past ~10k polygons (10.5 s and 2.2 GB for 100k here), so a
 * large import is indexed with geojson-vt (ISC) in the worker and served tile by tile as Mapbox
 * Vector Tile PBF (@maplibre/vt-pbf, MIT). The map registers a custom protocol
 * (`maplibregl.addProtocol(IMPORT_TILE_PROTOCOL, …)`) whose handler asks the worker for
 * `getTilePbf(z, x, y)` — see `src/workers/importClient.ts`.
 *
 * Feature ids in the tiles are the features' indexes in the layer's FeatureCollection
 * (geojson-vt `generateId`), so a clicked tile feature maps back to `data.features[id]`.
 */
import { fromGeojsonVt } from '@maplibre/vt-pbf';
import type { FeatureCollection, Geometry } from 'geojson';
import GeoJSONVT from 'geojson-vt';

export const IMPORT_TILE_PROTOCOL = 'shanshui-import';
/** Source-layer name inside every tile (`'source-layer'` of the map's style layers). */
export const IMPORT_TILE_LAYER = 'imported';
/** Deepest zoom cut; MapLibre over-zooms beyond (set the source's maxzoom to this). */
export const IMPORT_TILE_MAX_ZOOM = 14;
export const IMPORT_TILE_EXTENT = 4096;

export interface ImportTileIndexOptions {
  maxZoom?: number;
  /** Simplification tolerance in tile pixels (geojson-vt default 3). */
  tolerance?: number;
  buffer?: number;
}

export interface ImportTileIndex {
  readonly layerName: string;
  readonly maxZoom: number;
  /** Serialises one tile as MVT PBF; null when no feature touches it. */
  getTilePbf(z: number, x: number, y: number): Uint8Array | null;
}

export function createImportTileIndex(data: FeatureCollection<Geometry | null>, options: ImportTileIndexOptions = {}): ImportTileIndex {
  const maxZoom = options.maxZoom ?? IMPORT_TILE_MAX_ZOOM;
  const index = new GeoJSONVT(data as FeatureCollection, {
    maxZoom,
    indexMaxZoom: 5,
    indexMaxPoints: 100_000,
    tolerance: options.tolerance ?? 3,
    extent: IMPORT_TILE_EXTENT,
    buffer: options.buffer ?? 64,
    generateId: true,
  });
  return {
    layerName: IMPORT_TILE_LAYER,
    maxZoom,
    getTilePbf(z, x, y) {
      if (!Number.isInteger(z) || !Number.isInteger(x) || !Number.isInteger(y) || z < 0 || z > 24) return null;
      const n = 2 ** z;
      if (x < 0 || y < 0 || x >= n || y >= n) return null;
      const tile = index.getTile(z, x, y);
      if (!tile || tile.features.length === 0) return null;
      return fromGeojsonVt({ [IMPORT_TILE_LAYER]: tile as never }, { version: 2, extent: IMPORT_TILE_EXTENT });
    },
  };
}

/** Tile URL template for a MapLibre vector source: `shanshui-import://<id>/{z}/{x}/{y}`. */
export function importTileUrlTemplate(indexId: string): string {
  return `${IMPORT_TILE_PROTOCOL}://${encodeURIComponent(indexId)}/{z}/{x}/{y}`;
}

/** Reads `shanshui-import://<id>/<z>/<x>/<y>` (an optional extension is ignored). */
export function parseImportTileUrl(url: string): { indexId: string; z: number; x: number; y: number } | null {
  const m = new RegExp(`^${IMPORT_TILE_PROTOCOL}://([^/]+)/(\\d+)/(\\d+)/(\\d+)(?:\\.\\w+)?$`).exec(url);
  if (!m) return null;
  return { indexId: decodeURIComponent(m[1]), z: Number(m[2]), x: Number(m[3]), y: Number(m[4]) };
}
