/**
 * GeoJSON (RFC 7946 and the 2008 dialect with a `crs` member, as ogr2ogr writes for projected
 * data) and GeoJSON text sequences (one feature per line).
 */
import type { Feature } from 'geojson';
import { reserveFeatures, type ImportContext, type RawLayer } from '../context.ts';
import { fail } from '../failure.ts';

/** Deepest bracket nesting accepted: GeoJSON needs ~10; properties may nest a little. */
export const MAX_JSON_DEPTH = 64;

/** Maximum nesting of [ and { outside strings, stopping early past `stopAt`. */
export function jsonNestingDepth(text: string, stopAt: number): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) {
        max = depth;
        if (max > stopAt) return max;
      }
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return max;
}

function jsonErrorDetail(error: unknown, text: string): Record<string, string | number> {
  const message = error instanceof Error ? error.message : String(error);
  const position = /position (\d+)/.exec(message);
  if (position) {
    const pos = Number(position[1]);
    const before = text.slice(0, pos);
    const line = before.split('\n').length;
    const column = pos - before.lastIndexOf('\n');
    return { line, column };
  }
  if (/Unexpected end/i.test(message)) return { line: text.split('\n').length, column: 0, detail: 'unexpected end (file truncated?)', detailZh: '文件在中途结束，可能不完整' };
  return { detail: message.slice(0, 100) };
}

function parseJson(text: string): unknown {
  if (jsonNestingDepth(text, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) fail('json-too-deep', { limit: MAX_JSON_DEPTH });
  try {
    return JSON.parse(text);
  } catch (error) {
    fail('json-invalid', jsonErrorDetail(error, text));
  }
}

/** The CRS named by a GeoJSON 2008 `crs` member ("name" or the older "EPSG" type). */
function declaredCrsOf(root: Record<string, unknown>): string | undefined {
  const crs = root.crs as { type?: unknown; properties?: Record<string, unknown> } | undefined;
  if (!crs || typeof crs !== 'object' || !crs.properties) return undefined;
  if (crs.type === 'name' && typeof crs.properties.name === 'string') return crs.properties.name;
  if (crs.type === 'EPSG' && (typeof crs.properties.code === 'number' || typeof crs.properties.code === 'string')) {
    return `EPSG:${crs.properties.code}`;
  }
  return undefined;
}

const GEOMETRY_TYPES = new Set(['Point', 'MultiPoint', 'LineString', 'MultiLineString', 'Polygon', 'MultiPolygon', 'GeometryCollection']);

function asFeature(value: unknown): Feature | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const v = value as Record<string, unknown>;
  if (v.type === 'Feature') return v as unknown as Feature;
  if (typeof v.type === 'string' && GEOMETRY_TYPES.has(v.type)) {
    return { type: 'Feature', properties: {}, geometry: v as unknown as Feature['geometry'] };
  }
  return undefined;
}

/** Parses GeoJSON text into one raw layer. Throws ImportFailure for non-GeoJSON. */
export function parseGeoJson(text: string, name: string, ctx: ImportContext): RawLayer {
  const root = parseJson(text);
  let features: Feature[];
  let declared: string | undefined;
  let invalid = 0;
  if (Array.isArray(root)) {
    // Some tools write a bare array of features.
    features = root.map(asFeature).filter((f): f is Feature => !!f);
    if (features.length === 0 && root.length > 0) fail('json-not-geojson', { found: 'array' });
  } else if (root && typeof root === 'object') {
    const r = root as Record<string, unknown>;
    declared = declaredCrsOf(r);
    if (r.type === 'FeatureCollection') {
      if (!Array.isArray(r.features)) fail('json-not-geojson', { found: 'FeatureCollection without "features" array' });
      features = [];
      let skipped = 0;
      for (const f of r.features as unknown[]) {
        const feature = asFeature(f);
        if (feature) features.push(feature);
        else skipped++;
      }
      invalid = skipped;
    } else if (r.type === 'Topology') {
      fail('format-unsupported', { format: 'TopoJSON' });
    } else if (Array.isArray(r.features) && (r.geometryType !== undefined || r.spatialReference !== undefined)) {
      fail('format-unsupported', { format: 'Esri JSON' });
    } else {
      const feature = asFeature(r);
      if (!feature) fail('json-not-geojson', { found: typeof r.type === 'string' ? `type "${String(r.type).slice(0, 40)}"` : 'no "type"' });
      features = [feature];
    }
  } else {
    fail('json-not-geojson', { found: typeof root });
  }
  reserveFeatures(ctx, features.length);
  return {
    name,
    format: 'geojson',
    features,
    ...(declared ? { declaredCrs: { kind: 'spec' as const, text: declared } } : {}),
    impliesLonLat: true,
    invalidCount: invalid,
    warnings: [],
  };
}

/** GeoJSON text sequence (RFC 8142) or newline-delimited GeoJSON: one object per line. */
export function parseGeoJsonSeq(text: string, name: string, ctx: ImportContext): RawLayer {
  const features: Feature[] = [];
  let bad = 0;
  let firstBad = 0;
  let lineNumber = 0;
  // eslint-disable-next-line no-control-regex -- RFC 8142 GeoJSON text sequences separate records with RS (U+001E)
  for (const rawLine of text.split(/\r?\n|\u001e/)) {
    lineNumber++;
    const line = rawLine.trim();
    if (!line) continue;
    let value: unknown;
    try {
      if (jsonNestingDepth(line, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) throw new Error('too deep');
      value = JSON.parse(line);
    } catch {
      bad++;
      firstBad ||= lineNumber;
      continue;
    }
    const feature = asFeature(value);
    if (feature) {
      reserveFeatures(ctx, 1);
      features.push(feature);
    } else if (value && typeof value === 'object' && (value as { type?: unknown }).type === 'FeatureCollection') {
      const fc = value as { features?: unknown };
      for (const f of Array.isArray(fc.features) ? fc.features : []) {
        const ff = asFeature(f);
        if (ff) {
          reserveFeatures(ctx, 1);
          features.push(ff);
        }
      }
    } else {
      bad++;
      firstBad ||= lineNumber;
    }
  }
  if (features.length === 0 && bad > 0) fail('json-invalid', { line: firstBad, column: 1 });
  const warnings = bad ? [{ code: 'rows-skipped' as const, params: { count: bad, firstRow: firstBad } }] : [];
  return { name, format: 'geojsonseq', features, impliesLonLat: true, warnings };
}
