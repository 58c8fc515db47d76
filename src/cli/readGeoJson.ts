import { readFileSync } from 'node:fs';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { CliError } from './CliError.ts';

const GEOMETRY_TYPES = new Set(['Point', 'MultiPoint', 'LineString', 'MultiLineString', 'Polygon', 'MultiPolygon', 'GeometryCollection']);

/**
 * Reads a GeoJSON file (FeatureCollection, Feature or bare Geometry) as a FeatureCollection.
 * Unreadable files, invalid JSON and JSON that is not GeoJSON become a CliError naming the file.
 */
export function readGeoJson(file: string): FeatureCollection {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw CliError.of(file, 'cli.file.notFound');
    if (code === 'EISDIR') throw CliError.of(file, 'cli.file.directory');
    if (code === 'EACCES') throw CliError.of(file, 'cli.file.permission');
    throw CliError.of(file, 'cli.file.unreadable', { code: code ?? (error as Error).message });
  }
  let data: unknown;
  try {
    data = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    const detail = (error as Error).message.split('\n')[0];
    throw CliError.of(file, 'cli.file.notJson', { detail });
  }
  const type = (data as { type?: unknown } | null)?.type;
  if (type === 'FeatureCollection') {
    if (!Array.isArray((data as FeatureCollection).features)) {
      throw CliError.of(file, 'cli.file.noFeatures');
    }
    return data as FeatureCollection;
  }
  if (type === 'Feature') return { type: 'FeatureCollection', features: [data as Feature] };
  if (typeof type === 'string' && GEOMETRY_TYPES.has(type)) {
    return { type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: data as Geometry }] };
  }
  throw CliError.of(file, 'cli.file.notGeoJson');
}
