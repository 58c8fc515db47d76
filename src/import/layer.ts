/**
 * From a parsed (raw) layer to an ImportedLayer: geometry checks, property cleaning, choosing the
 * source CRS (declared, user-chosen or detected — never a silent guess between several), the
 * conversion to WGS84, and the hints the layer panel needs (name and kind properties).
 */
import type { Feature, Geometry } from 'geojson';
import { checkCancelled, reserveVertices, type ImportContext, type RawLayer } from './context.ts';
import { fail } from './failure.ts';
import { detectCrs, isLonLatBbox, type CrsDetection } from './crs/detect.ts';
import { datumLabel, crsDefinitionByEpsg } from './crs/definitions.ts';
import { resolveCrsSpec, resolveWktCrs, type CrsResolution, type ResolvedCrs } from './crs/resolve.ts';
import { emptyBbox, extendBbox, isEmptyBbox, sanitizeGeometry, transformGeometry, type Bbox } from './geometry.ts';
import type { CrsGuess, CrsSource, ImportedLayer, ImportMessage, ImportOptions, ImportResult } from './types.ts';
import { valueText } from './valueText.ts';

export type LayerOutcome = { ok: true; layer: ImportedLayer } | Extract<ImportResult, { ok: false }>;

const MAX_PROPERTY_KEYS = 1000;

/**
 * Property names that plain objects already answer (`constructor`, `__proto__`, `hasOwnProperty`)
 * or that MapLibre reads as its own (`$name`): MapLibre's worker transfer takes an own
 * `constructor` for the object's class and stops drawing the layer ("can't serialize object of
 * unregistered class"), and code writing such a key into an object changes its prototype instead.
 * They get a trailing "_" (and the layer a warning), so every consumer sees ordinary data.
 */
const RESERVED_KEYS = new Set(['constructor', '__proto__', 'hasOwnProperty', 'isPrototypeOf', 'propertyIsEnumerable', 'toString', 'valueOf', 'toLocaleString', '__defineGetter__', '__defineSetter__', '__lookupGetter__', '__lookupSetter__', '$name']);

function safeKey(key: string, stats: { renamed: Set<string> }): string {
  if (!RESERVED_KEYS.has(key)) return key;
  stats.renamed.add(key);
  return `${key}_`;
}

/** Copies properties keeping JSON primitives; nested values become JSON text. */
function cleanProperties(p: unknown, stats: { flattened: number; renamed: Set<string> }, maxColumns: number): Record<string, unknown> {
  if (!p || typeof p !== 'object' || Array.isArray(p)) return {};
  const entries: [string, unknown][] = [];
  const keys = Object.keys(p);
  if (keys.length > maxColumns) fail('too-many-columns', { count: keys.length, limit: maxColumns });
  for (const key of keys) {
    let value = (p as Record<string, unknown>)[key];
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) value = null;
    } else if (value !== null && typeof value === 'object') {
      stats.flattened++;
      try {
        value = JSON.stringify(value);
      } catch {
        value = null;
      }
    } else if (value !== null && typeof value !== 'string' && typeof value !== 'boolean') {
      value = value === undefined ? null : valueText(value);
    }
    entries.push([safeKey(key, stats), value]);
  }
  // fromEntries defines own properties: a key "__proto__" stays an ordinary key.
  return Object.fromEntries(entries);
}

const NAME_KEYS = ['名称', 'name', '名字', '地名', '项目名称', 'xmmc', 'mc', '地块名称', '区域名称', '保护区名称', '湿地名称', '河流名称', 'title', '标题', 'label', 'name_zh', 'name_cn', 'cname', 'fname', '点名', '点号', '地块号', 'text', '注记', '标注'];
const KIND_KEYS = ['类型', '类别', '分类', 'kind', 'type', 'class', 'category', '地类', 'dlmc', '性质', '级别', 'level'];

function suggestKey(keys: string[], features: Feature[], preferred: string[], accept: (values: unknown[]) => boolean): string | undefined {
  const sample = features.length > 2000 ? features.filter((_, i) => i % Math.ceil(features.length / 2000) === 0) : features;
  const valuesOf = (key: string) => sample.map((f): unknown => f.properties?.[key]);
  const lower = keys.map((k) => k.toLowerCase());
  for (const name of preferred) {
    const i = lower.indexOf(name);
    if (i >= 0 && accept(valuesOf(keys[i]))) return keys[i];
  }
  return undefined;
}

function mostlyNonEmptyStrings(values: unknown[]): boolean {
  const filled = values.filter((v) => typeof v === 'string' && v.trim() !== '').length;
  return values.length > 0 && filled >= values.length / 2;
}

/** A property called 类型/kind … is a kind if it is filled and has at most 30 distinct values. */
function fewDistinct(values: unknown[]): boolean {
  const present = values.filter((v) => v !== null && v !== '' && v !== undefined);
  return present.length >= values.length / 2 && present.length > 0 && new Set(present.map(String)).size <= 30;
}

function nameKey(keys: string[], features: Feature[]): string | undefined {
  return (
    suggestKey(keys, features, NAME_KEYS, mostlyNonEmptyStrings) ??
    // Else the first text column that is mostly filled, short and mostly distinct.
    keys.find((k) => {
      const values = features.slice(0, 500).map((f): unknown => f.properties?.[k]);
      const strings = values.filter((v): v is string => typeof v === 'string' && v.trim() !== '');
      if (strings.length < values.length / 2) return false;
      const avg = strings.reduce((s, v) => s + v.length, 0) / Math.max(1, strings.length);
      return avg <= 40 && new Set(strings).size >= strings.length * 0.8;
    })
  );
}

function kindKey(keys: string[], features: Feature[], exclude: string | undefined): string | undefined {
  const candidates = keys.filter((k) => k !== exclude);
  return (
    suggestKey(candidates, features, KIND_KEYS, fewDistinct) ??
    (features.length >= 4
      ? candidates.find((k) => {
          const values = features.slice(0, 2000).map((f): unknown => f.properties?.[k]);
          const strings = values.filter((v): v is string => typeof v === 'string' && v.trim() !== '');
          const distinct = new Set(strings).size;
          return strings.length >= values.length / 2 && distinct >= 2 && distinct <= Math.min(30, strings.length / 2);
        })
      : undefined)
  );
}

function bboxText(b: Bbox): string {
  const f = (v: number) => (Math.abs(v) >= 1000 ? v.toFixed(0) : v.toFixed(4));
  return `${f(b[0])}, ${f(b[1])} … ${f(b[2])}, ${f(b[3])}`;
}

function candidatesOf(detection: CrsDetection): CrsGuess[] {
  switch (detection.kind) {
    case 'ambiguous':
      return detection.candidates;
    case 'zone-prefix':
      return [detection.guess];
    case 'lonlat': {
      const def = crsDefinitionByEpsg(4326)!;
      return [{ crs: def.code, label: def.name, reason: 'lonlat-range' }];
    }
    default:
      return [];
  }
}

/** Does a CRS fit the raw numbers? Degrees must be degrees; metres must not look like degrees. */
function fits(crs: ResolvedCrs, rawBbox: Bbox): boolean {
  const lonlat = isLonLatBbox(rawBbox);
  return crs.kind === 'projected' ? !lonlat : lonlat;
}

type CrsChoice =
  | { ok: true; crs: ResolvedCrs; source: CrsSource; detected?: CrsGuess; warnings: ImportMessage[] }
  | { ok: false; error: ImportMessage; candidates?: CrsGuess[] };

function chooseCrs(raw: RawLayer, rawBbox: Bbox, options: ImportOptions): CrsChoice {
  let detection: CrsDetection | undefined;
  const detect = () => (detection ??= detectCrs(rawBbox, options.regionHint));
  const warnings: ImportMessage[] = [];

  let declared: CrsResolution | undefined;
  if (raw.declaredCrs) declared = raw.declaredCrs.kind === 'wkt' ? resolveWktCrs(raw.declaredCrs.text) : resolveCrsSpec(raw.declaredCrs.text);
  const declaredFits = declared?.ok ? fits(declared.crs, rawBbox) : false;

  // GCJ-02 data are labelled WGS84 by every tool that writes them, so choosing GCJ-02 also
  // overrides a declared WGS84/CGCS2000 longitude/latitude.
  const userSpec = options.fromCrs ? resolveCrsSpec(options.fromCrs) : undefined;
  const gcjOverLonLat = userSpec?.ok && userSpec.crs.kind === 'gcj02' && declared?.ok && declared.crs.kind === 'geographic' && !declared.crs.toWgs84;
  if (userSpec && (!declared || !declared.ok || !declaredFits || options.overrideDeclaredCrs || gcjOverLonLat)) {
    const user = userSpec;
    if (!user.ok) return { ok: false, error: user.error };
    if (!fits(user.crs, rawBbox)) {
      const code = user.crs.kind === 'gcj02' ? 'gcj02-not-lonlat' : 'crs-declared-mismatch';
      return { ok: false, error: { code, params: { crs: user.crs.id, source: 'user', bbox: bboxText(rawBbox) } }, candidates: candidatesOf(detect()) };
    }
    if (declared?.ok && declared.crs.id !== user.crs.id) warnings.push({ code: 'crs-user-override', params: { declared: declared.crs.id, used: user.crs.id } });
    return { ok: true, crs: user.crs, source: 'user', warnings };
  }
  if (declared?.ok) {
    if (!declaredFits) {
      return {
        ok: false,
        error: { code: 'crs-declared-mismatch', params: { crs: declared.crs.id, source: raw.declaredCrs!.kind === 'wkt' ? 'prj' : 'file', bbox: bboxText(rawBbox) } },
        candidates: candidatesOf(detect()),
      };
    }
    return { ok: true, crs: declared.crs, source: 'declared', warnings };
  }
  if (declared && !declared.ok) {
    return { ok: false, error: declared.error, candidates: candidatesOf(detect()) };
  }
  const d = detect();
  switch (d.kind) {
    case 'lonlat': {
      const wgs = resolveCrsSpec('EPSG:4326');
      if (!wgs.ok) return { ok: false, error: wgs.error };
      const implied = raw.impliesLonLat === true;
      return {
        ok: true,
        crs: wgs.crs,
        source: implied ? 'format' : 'detected',
        ...(implied ? {} : { detected: { crs: 'EPSG:4326', label: wgs.crs.label, reason: 'lonlat-range' as const } }),
        warnings,
      };
    }
    case 'zone-prefix': {
      const resolved = resolveCrsSpec(d.guess.crs);
      if (!resolved.ok) return { ok: false, error: resolved.error };
      warnings.push({ code: 'crs-assumed-cgcs2000', params: { crs: d.guess.crs } });
      return { ok: true, crs: resolved.crs, source: 'detected', detected: d.guess, warnings };
    }
    case 'ambiguous':
      return {
        ok: false,
        error: { code: 'crs-needs-confirmation', params: { layer: raw.name, candidates: d.candidates.slice(0, 4).map((c) => c.crs).join(', '), bbox: bboxText(rawBbox) } },
        candidates: d.candidates,
      };
    default: {
      // [lat, lon] instead of [lon, lat] (a common hand-written GeoJSON/CSV mistake) is not a CRS.
      const [x0, y0, x1, y1] = rawBbox;
      if (isLonLatBbox([y0, x0, y1, x1]) && Math.max(Math.abs(y0), Math.abs(y1)) > 90) {
        return { ok: false, error: { code: 'coordinates-swapped', params: { layer: raw.name, bbox: bboxText(rawBbox) } } };
      }
      return { ok: false, error: { code: 'crs-undetectable', params: { layer: raw.name, bbox: bboxText(rawBbox) } } };
    }
  }
}

/** Validates, converts and describes one raw layer. Throws ImportFailure only for limits/cancel. */
export function finalizeLayer(raw: RawLayer, options: ImportOptions, ctx: ImportContext): LayerOutcome {
  const warnings: ImportMessage[] = [...raw.warnings];
  const stats = { flattened: 0, renamed: new Set<string>() };
  const features: Feature<Geometry | null>[] = [];
  let invalid = raw.invalidCount ?? 0;
  let withoutGeometry = 0;
  let closedRings = 0;
  let vertices = 0;
  const rawBbox = emptyBbox();
  for (let i = 0; i < raw.features.length; i++) {
    if ((i & 0x3fff) === 0) checkCancelled(ctx);
    const f = raw.features[i] as Feature & { id?: unknown };
    const s = sanitizeGeometry(f?.geometry);
    if (s.status === 'invalid') {
      invalid++;
      continue;
    }
    closedRings += s.closedRings;
    if (s.status === 'null') withoutGeometry++;
    else {
      reserveVertices(ctx, s.vertices);
      vertices += s.vertices;
      extendBbox(rawBbox, s.geometry!);
    }
    const feature: Feature<Geometry | null> = { type: 'Feature', properties: cleanProperties(f?.properties, stats, ctx.limits.maxColumns), geometry: s.geometry };
    if (typeof f?.id === 'string' || (typeof f?.id === 'number' && Number.isFinite(f.id))) feature.id = f.id;
    features.push(feature);
  }
  raw.features = []; // let the raw objects go

  if (features.length === 0 || isEmptyBbox(rawBbox)) {
    const reason = features.length === 0 && invalid === 0 ? 'empty' : invalid > 0 && withoutGeometry === 0 ? 'all-invalid' : 'no-geometry';
    return { ok: false, error: { code: 'no-features', params: { layer: raw.name, reason, invalid, withoutGeometry } }, layerName: raw.name };
  }
  if (invalid) warnings.push({ code: 'invalid-geometries-skipped', params: { count: invalid } });
  if (closedRings) warnings.push({ code: 'rings-closed', params: { count: closedRings } });
  if (withoutGeometry) warnings.push({ code: 'features-without-geometry', params: { count: withoutGeometry } });
  if (stats.renamed.size) warnings.push({ code: 'properties-renamed', params: { names: [...stats.renamed].join(', '), count: stats.renamed.size } });
  if (stats.flattened) warnings.push({ code: 'nested-properties-flattened', params: { count: stats.flattened } });

  const choice = chooseCrs(raw, rawBbox, options);
  if (!choice.ok) return { ok: false, error: choice.error, ...(choice.candidates ? { candidates: choice.candidates } : {}), layerName: raw.name, warnings };
  warnings.push(...choice.warnings);
  const crs = choice.crs;

  ctx.progress('reproject', 0.5);
  const bbox = emptyBbox();
  if (crs.toWgs84) {
    let failed = 0;
    for (let i = 0; i < features.length; i++) {
      if ((i & 0x3fff) === 0) checkCancelled(ctx);
      const g = features[i].geometry;
      if (g) failed += transformGeometry(g, crs.toWgs84);
    }
    if (failed) {
      return {
        ok: false,
        error: { code: 'reprojection-failed', params: { layer: raw.name, crs: crs.id, count: failed } },
        candidates: candidatesOf(detectCrs(rawBbox, options.regionHint)),
        layerName: raw.name,
        warnings,
      };
    }
  }
  const tally = crs.datumShiftTally;
  if (tally?.operations.size) warnings.push({ code: 'datum-transformation-applied', params: { operations: [...tally.operations].join(', ') } });
  if (crs.approximateDatum && crs.datum && (!tally || tally.ballpark > 0)) {
    warnings.push({ code: 'datum-approximate', params: { datum: datumLabel(crs.datum).en, datumZh: datumLabel(crs.datum).zh } });
  }
  for (const f of features) if (f.geometry) extendBbox(bbox, f.geometry);
  if (bbox[2] < 73 || bbox[0] > 135.5 || bbox[3] < 3.5 || bbox[1] > 54) {
    warnings.push({ code: 'outside-china', params: { bbox: bboxText(bbox) } });
  }

  const keys: string[] = [];
  const seen = new Set<string>();
  for (const f of features) {
    for (const k of Object.keys(f.properties ?? {})) {
      if (!seen.has(k) && keys.length < MAX_PROPERTY_KEYS) {
        seen.add(k);
        keys.push(k);
      }
    }
    if (keys.length >= MAX_PROPERTY_KEYS) break;
  }
  const suggestedNameKey = nameKey(keys, features as Feature[]);
  const suggestedKindKey = kindKey(keys, features as Feature[], suggestedNameKey);
  const layer: ImportedLayer = {
    name: raw.name,
    data: { type: 'FeatureCollection', features: features as ImportedLayer['data']['features'] },
    sourceCrs: crs.id,
    sourceCrsLabel: crs.label,
    crsSource: choice.source,
    ...(choice.detected ? { detected: choice.detected } : {}),
    format: raw.format,
    propertyKeys: keys,
    ...(suggestedNameKey ? { suggestedNameKey } : {}),
    ...(suggestedKindKey ? { suggestedKindKey } : {}),
    featureCount: features.length,
    vertexCount: vertices,
    bbox,
    warnings,
  };
  return { ok: true, layer };
}
