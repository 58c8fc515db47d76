/**
 * State shared by the converters during one import: limits, the zip budget, running totals and
 * progress. Internal to `src/import`.
 */
import type { Feature } from 'geojson';
import { fail } from './failure.ts';
import type { ImportFormat, ImportLimits, ImportMessage, ImportProgress } from './types.ts';
import type { UnzipBudget } from './zip.ts';

/** A layer as parsed, before its CRS is settled and its properties cleaned. */
export interface RawLayer {
  name: string;
  format: ImportFormat;
  /** Raw features: coordinates in the source CRS, geometry not yet validated. */
  features: Feature[];
  /** CRS named by the file itself (.prj text, GeoJSON `crs`, EWKT SRID). */
  declaredCrs?: { kind: 'wkt' | 'spec'; text: string };
  /** The format implies WGS84 longitude/latitude (KML, GPX, CSV columns named 经度/纬度, GeoJSON). */
  impliesLonLat?: boolean;
  /** Entries already dropped by the parser as not being features/geometries. */
  invalidCount?: number;
  warnings: ImportMessage[];
}

export interface ImportContext {
  limits: ImportLimits;
  budget: UnzipBudget;
  signal?: AbortSignal;
  /** Date.now() past which the import stops with 'import-timeout' (limits.maxSeconds). */
  deadline: number;
  /** Reports progress of the current file (0…1); the pipeline maps it onto the whole import. */
  progress(stage: ImportProgress['stage'], fractionOfFile: number): void;
  /** Features counted so far over all layers (limits apply to the whole import). */
  featureCount: number;
  /** Vertices counted so far over all layers. */
  vertexCount: number;
}

/** Stops the import when it was cancelled or has used up its time budget. */
export function checkCancelled(ctx: ImportContext): void {
  if (ctx.signal?.aborted) fail('cancelled');
  if (Date.now() > ctx.deadline) fail('import-timeout', { seconds: ctx.limits.maxSeconds });
}

/** Raises 'too-many-features' when adding `n` more features would pass the limit. */
export function reserveFeatures(ctx: ImportContext, n: number): void {
  if (ctx.featureCount + n > ctx.limits.maxFeatures) fail('too-many-features', { limit: ctx.limits.maxFeatures });
  ctx.featureCount += n;
}

/** Raises 'too-many-vertices' when adding `n` more vertices would pass the limit. */
export function reserveVertices(ctx: ImportContext, n: number): void {
  if (ctx.vertexCount + n > ctx.limits.maxVertices) fail('too-many-vertices', { limit: ctx.limits.maxVertices });
  ctx.vertexCount += n;
}
