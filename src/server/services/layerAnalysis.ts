import { sql, type Kysely } from 'kysely';
import type { FeatureCollection, Geometry } from 'geojson';
import { createImportTileIndex, IMPORT_TILE_LAYER } from '../../import/index.ts';
import type { Database } from '../db/schema.ts';
import type { Actor } from './actor.ts';
import { getRecord } from './records.ts';

export interface RegionKindArea {
  code: string;
  name: string;
  kind: string;
  /** Area of the region covered by the layer's polygons of this kind (overlaps counted once), m². */
  area_m2: number;
}

/**
 * Per region and kind, in PostGIS: the union of the layer's polygons of the kind, cut by the region,
 * measured on the ellipsoid (geography). For layers too large to send to a browser; on samples it
 * agrees with `src/geo` zoneStatistics (see the test).
 */
export async function layerStatistics(db: Kysely<Database>, actor: Actor, layerId: string, kindKey: string): Promise<RegionKindArea[]> {
  await getRecord(db, actor, 'layer', layerId);
  const { rows } = await sql<RegionKindArea>`
    WITH zones AS (
      SELECT coalesce(data->>${kindKey}, '') AS kind, ST_Union(geom) AS geom
      FROM records
      WHERE kind = 'feature' AND layer_id = ${layerId}::uuid AND NOT deleted AND GeometryType(geom) IN ('POLYGON', 'MULTIPOLYGON')
      GROUP BY 1)
    SELECT r.code, r.name, z.kind, ST_Area(ST_Intersection(z.geom, r.geom)::geography) AS area_m2
    FROM regions r JOIN zones z ON ST_Intersects(z.geom, r.geom)
    ORDER BY r.code, z.kind`.execute(db);
  return rows.map((row) => ({ ...row, area_m2: Number(row.area_m2) }));
}

/**
 * One Mapbox vector tile of a layer (source layer IMPORT_TILE_LAYER, as the app's imported layers),
 * or null when the tile is empty. PostgreSQL cuts it with ST_AsMVT; PGlite's PostGIS is built
 * without protobuf, so there PostGIS selects the features touching the tile (index) and
 * `src/import`'s geojson-vt tiler cuts them.
 */
export async function layerTile(db: Kysely<Database>, actor: Actor, layerId: string, z: number, x: number, y: number, engine: 'pglite' | 'postgresql') {
  await getRecord(db, actor, 'layer', layerId);
  if (engine === 'pglite') return tileInNode(db, layerId, z, x, y);
  const { rows } = await sql<{ tile: Uint8Array | null }>`
    WITH bounds AS (SELECT ST_TileEnvelope(${z}::int, ${x}::int, ${y}::int) AS envelope),
    cut AS (
      SELECT r.id, r.data->>'name' AS name, r.data->>'precision' AS precision,
             ST_AsMVTGeom(ST_Transform(r.geom, 3857), bounds.envelope, 4096, 64, true) AS geom
      FROM records r, bounds
      WHERE r.kind = 'feature' AND r.layer_id = ${layerId}::uuid AND NOT r.deleted
        AND r.geom && ST_Transform(bounds.envelope, 4326))
    SELECT ST_AsMVT(cut, ${IMPORT_TILE_LAYER}, 4096, 'geom') AS tile FROM cut WHERE geom IS NOT NULL`.execute(db);
  const tile = rows[0]?.tile;
  return tile && tile.byteLength > 0 ? Buffer.from(tile) : null;
}

/** Changes whenever a feature of the layer is written (tile cache key). */
export async function layerRevision(db: Kysely<Database>, layerId: string): Promise<string> {
  const { rows } = await sql<{ revision: string }>`
    SELECT count(*)::text || ':' || coalesce(max(updated_at)::text, '') AS revision
    FROM records WHERE kind = 'feature' AND layer_id = ${layerId}::uuid`.execute(db);
  return rows[0].revision;
}

async function tileInNode(db: Kysely<Database>, layerId: string, z: number, x: number, y: number): Promise<Buffer | null> {
  const { rows } = await sql<{ id: string; name: string | null; precision: string | null; geometry: Geometry | string }>`
    WITH bounds AS (SELECT ST_Transform(ST_TileEnvelope(${z}::int, ${x}::int, ${y}::int, margin => 64.0 / 4096), 4326) AS envelope)
    SELECT r.id, r.data->>'name' AS name, r.data->>'precision' AS precision, ST_AsGeoJSON(r.geom)::json AS geometry
    FROM records r, bounds
    WHERE r.kind = 'feature' AND r.layer_id = ${layerId}::uuid AND NOT r.deleted AND r.geom && bounds.envelope`.execute(db);
  if (rows.length === 0) return null;
  const collection: FeatureCollection = {
    type: 'FeatureCollection',
    features: rows.map((row) => ({
      type: 'Feature',
      properties: { id: row.id, name: row.name, precision: row.precision },
      geometry: typeof row.geometry === 'string' ? (JSON.parse(row.geometry) as Geometry) : row.geometry,
    })),
  };
  const pbf = createImportTileIndex(collection, { maxZoom: Math.max(z, 0) }).getTilePbf(z, x, y);
  return pbf ? Buffer.from(pbf) : null;
}
