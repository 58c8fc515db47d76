import type { FeatureCollection } from 'geojson';
import { GeometryError, type GeometryIssue } from '../geo/GeometryError.ts';
import { unpackFeatures, type PackedFeatures } from '../geo/packedFeatures.ts';
import { zoneStatistics, type ZoneStatisticsProgress, type ZoneStatisticsResult } from '../geo/zoneStatistics.ts';

export interface StatsRequestOptions {
  regionKey?: string;
  kindKey?: string;
}

/**
 * What crosses the worker boundary. Errors are returned, not thrown: structured cloning would keep
 * only an Error's message, and the UI needs the GeometryError's per-feature issues.
 */
export type StatsResponse =
  | { ok: true; result: ZoneStatisticsResult }
  | { ok: false; issues: GeometryIssue[]; message: string }
  | { ok: false; issues: null; message: string };

export interface StatsWorkerApi {
  /**
   * zoneStatistics in the worker. The zones come packed (transferred buffers, see
   * packedFeatures.ts): a structured clone of a large imported layer would hold the page.
   */
  computeZoneStatistics(
    regions: FeatureCollection,
    zones: PackedFeatures,
    options: StatsRequestOptions,
    onProgress?: (progress: ZoneStatisticsProgress) => void,
  ): StatsResponse;
}

/** The statistics as the worker serves them (plain function, testable in Node). */
export const statsWorkerApi: StatsWorkerApi = {
  computeZoneStatistics(regions, zones, options, onProgress) {
    try {
      return { ok: true, result: zoneStatistics(regions, unpackFeatures(zones), { ...options, onProgress }) };
    } catch (error) {
      if (error instanceof GeometryError) return { ok: false, issues: error.issues, message: error.message };
      return { ok: false, issues: null, message: error instanceof Error ? error.message : String(error) };
    }
  },
};
