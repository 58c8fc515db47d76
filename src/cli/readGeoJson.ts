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
    if (code === 'ENOENT') throw new CliError(file, '文件不存在', 'file not found');
    if (code === 'EISDIR') throw new CliError(file, '这是一个目录，不是文件', 'is a directory, not a file');
    if (code === 'EACCES') throw new CliError(file, '没有读取权限', 'permission denied');
    throw new CliError(file, `无法读取文件（${code ?? 'error'}）`, `cannot read the file (${code ?? (error as Error).message})`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    const detail = (error as Error).message.split('\n')[0];
    throw new CliError(file, `不是有效的 JSON（${detail}）`, `not valid JSON (${detail})`);
  }
  const type = (data as { type?: unknown } | null)?.type;
  if (type === 'FeatureCollection') {
    if (!Array.isArray((data as FeatureCollection).features)) {
      throw new CliError(file, 'FeatureCollection 缺少 features 数组', 'FeatureCollection has no "features" array');
    }
    return data as FeatureCollection;
  }
  if (type === 'Feature') return { type: 'FeatureCollection', features: [data as Feature] };
  if (typeof type === 'string' && GEOMETRY_TYPES.has(type)) {
    return { type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: data as Geometry }] };
  }
  throw new CliError(
    file,
    '不是 GeoJSON（需要 FeatureCollection、Feature 或几何对象）',
    'not GeoJSON (expected a FeatureCollection, Feature or geometry)',
  );
}
