import type { ImportLimits } from './types.ts';

/**
 * Default safety limits. 200 MB per file is the figure; the vertex limit keeps a worst-case
 * import (coordinates as JS arrays, ~50 bytes per vertex, plus the tile index) under ~1.5 GB.
 */
export const DEFAULT_IMPORT_LIMITS: Readonly<ImportLimits> = Object.freeze({
  maxFileBytes: 200 * 1024 * 1024,
  maxUnzippedBytes: 512 * 1024 * 1024,
  maxZipEntries: 10_000,
  maxFeatures: 1_000_000,
  maxVertices: 12_000_000,
  maxXmlDepth: 200,
  // A 25 MB KML (30k placemarks) takes ~0.9 GB and ~15 s CPU through xmldom + togeojson here.
  maxXmlBytes: 40 * 1024 * 1024,
  maxPartsPerRecord: 20_000,
  maxColumns: 2_000,
  // A 200 MB GeoJSON takes ~25 s here; four times that is a hang, not a slow file.
  maxSeconds: 120,
});

export function resolveLimits(partial?: Partial<ImportLimits>): ImportLimits {
  const limits: ImportLimits = { ...DEFAULT_IMPORT_LIMITS };
  for (const key of Object.keys(limits) as (keyof ImportLimits)[]) {
    const value = partial?.[key];
    if (typeof value === 'number' && Number.isFinite(value) && value > 0) limits[key] = value;
  }
  return limits;
}
