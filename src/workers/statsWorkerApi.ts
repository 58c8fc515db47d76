import type { FeatureCollection } from 'geojson';
import { GeometryError, type GeometryIssue } from '../geo/GeometryError.ts';
import type { PackedFeatures } from '../geo/packedFeatures.ts';
import { packedFeatureViews } from '../geo/packedFeatureViews.ts';
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

/**
 * The zones read from their packed arrays (each geometry built when the statistics read it, not
 * an object tree of the whole layer beside what they keep); features of one property value share
 * one properties object.
 */
function zoneViews(zones: PackedFeatures): FeatureCollection {
  const keys = Object.keys(zones.properties);
  const shared = new Map<string, Record<string, unknown>>();
  const properties = new Array<Record<string, unknown>>(zones.count);
  for (let i = 0; i < zones.count; i++) {
    const values = keys.map((k) => zones.properties[k][i]);
    const id = JSON.stringify(values);
    let p = shared.get(id);
    if (!p) {
      // fromEntries defines own properties: a key "__proto__" stays a property, not a prototype.
      p = Object.fromEntries(keys.flatMap((k, j) => (values[j] === undefined ? [] : [[k, values[j]]])));
      shared.set(id, p);
    }
    properties[i] = p;
  }
  return { type: 'FeatureCollection', features: packedFeatureViews(zones, properties) as FeatureCollection['features'] };
}

/** The statistics as the worker serves them (plain function, testable in Node). */
export const statsWorkerApi: StatsWorkerApi = {
  computeZoneStatistics(regions, zones, options, onProgress) {
    try {
      return { ok: true, result: zoneStatistics(regions, zoneViews(zones), { ...options, onProgress }) };
    } catch (error) {
      if (error instanceof GeometryError) return { ok: false, issues: error.issues, message: error.message };
      return { ok: false, issues: null, message: error instanceof Error ? error.message : String(error) };
    }
  },
};
