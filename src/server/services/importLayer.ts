import { sql, type Kysely } from 'kysely';
import type { Geometry } from 'geojson';
import { DEFAULT_IMPORT_LIMITS, formatImportMessage, importFiles } from '../../import/index.ts';
import type { Precision } from '../../pack/types.ts';
import type { Database } from '../db/schema.ts';
import type { Actor } from './actor.ts';
import { getRecord } from './records.ts';
import { ServiceError } from './ServiceError.ts';

interface UploadedFile {
  name: string;
  bytes: Uint8Array;
}

/**
 * Converts uploaded files with `src/import` (same formats, CRS handling and limits as the app) and
 * adds every feature with a geometry to a shared layer, each as version 1 with the uploader, in
 * one transaction: all or nothing. The uploader states the precision; the source names the file.
 */
export async function importIntoLayer(
  db: Kysely<Database>,
  actor: Actor,
  layerId: string,
  files: UploadedFile[],
  options: { precision: Precision; source?: string; fromCrs?: string; maxFileBytes: number },
): Promise<{ added: number; sourceCrs: string[] }> {
  if (actor.role === 'viewer') throw ServiceError.of(403, 'forbidden', 'server.import.viewer');
  await getRecord(db, actor, 'layer', layerId);
  const result = await importFiles(files, {
    ...(options.fromCrs ? { fromCrs: options.fromCrs } : {}),
    limits: { maxFileBytes: Math.min(options.maxFileBytes, DEFAULT_IMPORT_LIMITS.maxFileBytes) },
  });
  if (!result.ok) {
    const zh = formatImportMessage(result.error, 'zh');
    const en = formatImportMessage(result.error, 'en');
    throw new ServiceError(400, 'import_failed', zh, en);
  }
  const features: { properties: Record<string, unknown>; geometry: Geometry }[] = [];
  for (const layer of result.layers) {
    const source = options.source ?? `${layer.name} (${files.map((f) => f.name).join(', ')}; ${actor.username})`;
    for (const feature of layer.data.features) {
      if (!feature.geometry) continue;
      features.push({
        // eslint-disable-next-line @typescript-eslint/no-base-to-string -- any JSON value may be the name; String() is what the layer has always stored
        properties: { name: String(feature.properties?.[layer.suggestedNameKey ?? 'name'] ?? ''), ...feature.properties, source, precision: options.precision },
        geometry: feature.geometry,
      });
    }
  }
  const added = await db.transaction().execute(async (trx) => {
    const input = JSON.stringify(features);
    if (actor.role === 'county-editor') {
      const { rows } = await sql<{ outside: number }>`
        WITH area AS (SELECT ST_Union(geom) AS geom FROM regions WHERE code IN (SELECT jsonb_array_elements_text(${JSON.stringify(actor.regions)}::jsonb)))
        SELECT count(*)::int AS outside FROM jsonb_array_elements(${input}::jsonb) f, area
        WHERE NOT coalesce(ST_CoveredBy(ST_SetSRID(ST_GeomFromGeoJSON(f->>'geometry'), 4326), area.geom), false)`.execute(trx);
      if (rows[0].outside > 0) {
        throw ServiceError.of(403, 'forbidden', 'server.import.outside', { count: rows[0].outside });
      }
    }
    const { rows } = await sql<{ n: number }>`
      WITH inserted AS (
        INSERT INTO records (kind, layer_id, owner_id, shared, version, data, geom, updated_at, updated_by)
        SELECT 'feature', ${layerId}::uuid, ${actor.id}::uuid, true, 1, f->'properties', ST_SetSRID(ST_GeomFromGeoJSON(f->>'geometry'), 4326), now(), ${actor.id}::uuid
        FROM jsonb_array_elements(${input}::jsonb) f
        RETURNING id, version, deleted, shared, data, geom, updated_by, updated_at),
      versions AS (
        INSERT INTO record_versions (record_id, version, deleted, shared, data, geom, author_id, created_at)
        SELECT id, version, deleted, shared, data, geom, updated_by, updated_at FROM inserted RETURNING 1)
      SELECT count(*)::int AS n FROM versions`.execute(trx);
    return rows[0].n;
  });
  return { added, sourceCrs: result.layers.map((l) => l.sourceCrs) };
}
