/**
 * A hint — only a hint — that imported longitude/latitude may be GCJ-02 (Gaode/Tencent map
 * coordinates, shifted ~600 m at Changzhi) rather than WGS84.
 *
 * Whether coordinates are GCJ-02 cannot be known from the numbers: the shift is smooth, so the
 * shifted data are just as plausible. What can be observed:
 * 1. the user says the data come from Gaode/Tencent (`source`);
 * 2. the file or property names mention such a source (高德, amap, gcj …);
 * 3. the data line up with a trusted WGS84 reference (e.g. the pack's county or river lines)
 *    clearly better after the GCJ-02 → WGS84 correction than before. This only means something
 *    when the data really follow the reference's lines (a zone bounded by a river, a county
 *    boundary), so it needs a large improvement and is still only reported as a reason.
 * The UI may offer "convert from GCJ-02" when `likely` is true; it must not convert on its own.
 */
import type { FeatureCollection, Geometry, Position } from 'geojson';
import { segmentIndex, type SegmentIndex } from '../../geo/segmentIndex.ts';
import { gcj02ToWgs84, isInsideChinaGcj02Box } from '../../geo/gcj02.ts';
import { forEachPosition } from '../geometry.ts';
import { isLonLatCrs } from './lonLat.ts';

export type Gcj02Reason = 'user-says-gcj02-source' | 'name-mentions-gcj02-source' | 'properties-mention-gcj02-source' | 'fits-reference-better-after-correction';

export interface Gcj02Hint {
  likely: boolean;
  reasons: Gcj02Reason[];
  /** How far choosing GCJ-02 would move the data's centre, metres. */
  shiftMeters?: number;
  /** Median distance of sampled vertices to the reference lines, before and after correction. */
  referenceFit?: { beforeMeters: number; afterMeters: number; sampled: number };
}

export interface Gcj02HintInput {
  name: string;
  sourceCrs: string;
  data: FeatureCollection<Geometry | null, Record<string, unknown> | null>;
  propertyKeys?: string[];
}

export interface Gcj02HintOptions {
  /** What the user said the source is, e.g. 'gaode', '高德', 'tencent', 'baidu'. */
  source?: string;
  /** Trusted WGS84 lines/polygons to compare with (the data pack's layers). */
  reference?: FeatureCollection<Geometry | null>;
  /** Vertices sampled from the layer (default 400). */
  sampleSize?: number;
}

const GCJ_SOURCE = /高德|gaode|amap|autonavi|腾讯|tencent|qq\s*地图|soso|gcj|火星/i;
const M_PER_DEG_LAT = 110_574;

function metresBetween(a: Position, b: Position): number {
  const k = Math.cos(((a[1] + b[1]) / 2) * (Math.PI / 180)) * 111_320;
  return Math.hypot((a[0] - b[0]) * k, (a[1] - b[1]) * M_PER_DEG_LAT);
}

function samplePositions(data: Gcj02HintInput['data'], max: number): Position[] {
  let total = 0;
  for (const f of data.features) if (f.geometry) forEachPosition(f.geometry, () => total++);
  const step = Math.max(1, Math.floor(total / max));
  const out: Position[] = [];
  let i = 0;
  for (const f of data.features) {
    if (!f.geometry) continue;
    forEachPosition(f.geometry, (p) => {
      if (i++ % step === 0 && out.length < max) out.push(p);
    });
  }
  return out;
}

function distanceToSegments(p: Position, ref: SegmentIndex): number {
  let best = Infinity;
  for (const i of ref.index.neighbors(p[0], p[1], 12)) {
    const s = ref.segments;
    const a = [s[i * 4], s[i * 4 + 1]];
    const b = [s[i * 4 + 2], s[i * 4 + 3]];
    const k = Math.cos(p[1] * (Math.PI / 180));
    const abx = (b[0] - a[0]) * k;
    const aby = b[1] - a[1];
    const apx = (p[0] - a[0]) * k;
    const apy = p[1] - a[1];
    const len2 = abx * abx + aby * aby;
    const t = len2 > 0 ? Math.max(0, Math.min(1, (apx * abx + apy * aby) / len2)) : 0;
    const d = metresBetween(p, [a[0] + (b[0] - a[0]) * t, a[1] + aby * t]);
    if (d < best) best = d;
  }
  return best;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Reasons to think a lon/lat layer is GCJ-02; see the module comment for what it can and cannot tell. */
export function suggestGcj02(layer: Gcj02HintInput, options: Gcj02HintOptions = {}): Gcj02Hint {
  if (!isLonLatCrs(layer.sourceCrs)) return { likely: false, reasons: [] };
  const sample = samplePositions(layer.data, options.sampleSize ?? 400).filter((p) => isInsideChinaGcj02Box(p[0], p[1]));
  if (sample.length === 0) return { likely: false, reasons: [] };
  const reasons: Gcj02Reason[] = [];
  if (options.source && GCJ_SOURCE.test(options.source)) reasons.push('user-says-gcj02-source');
  if (GCJ_SOURCE.test(layer.name)) reasons.push('name-mentions-gcj02-source');
  const keys = layer.propertyKeys ?? Object.keys(layer.data.features[0]?.properties ?? {});
  const values = layer.data.features.slice(0, 50).flatMap((f) => Object.values(f.properties ?? {}).filter((v): v is string => typeof v === 'string'));
  if (keys.some((k) => GCJ_SOURCE.test(k)) || values.some((v) => GCJ_SOURCE.test(v.slice(0, 200)))) reasons.push('properties-mention-gcj02-source');

  const centre = sample[Math.floor(sample.length / 2)];
  const shiftMeters = Math.round(metresBetween(centre, gcj02ToWgs84(centre)));
  let referenceFit: Gcj02Hint['referenceFit'];
  const ref = options.reference ? segmentIndex(options.reference.features) : undefined;
  if (ref) {
    const before = median(sample.map((p) => distanceToSegments(p, ref)));
    const after = median(sample.map((p) => distanceToSegments(gcj02ToWgs84(p), ref)));
    referenceFit = { beforeMeters: Math.round(before), afterMeters: Math.round(after), sampled: sample.length };
    // Clearly better: the correction removes most of a misfit of the size of the shift.
    if (before > shiftMeters * 0.4 && after < before * 0.4) reasons.push('fits-reference-better-after-correction');
  }
  return { likely: reasons.length > 0, reasons, shiftMeters, ...(referenceFit ? { referenceFit } : {}) };
}
