import { sql, type Kysely } from 'kysely';
import type { FeatureCollection, Geometry } from 'geojson';
import { createImportTileIndex, IMPORT_TILE_LAYER } from '../../import/index.ts';
import type { Database } from '../db/schema.ts';
import type { Actor } from './actor.ts';
import { getRecord } from './records.ts';

interface RegionKindArea {
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

// A tile with more features than this shows them as squares of 32 px per cell and kind, with
// `count`: a county-wide view of a land-survey layer stays a few hundred KB (see the bench).
const MAX_TILE_FEATURES = 5_000;
const CELL_PX = 32;
const WORLD_M = 40_075_016.685578488;

/**
 * The features touching a tile (index lookup), in EPSG:4326, or per-cell aggregates when there are
 * more than MAX_TILE_FEATURES of them.
 */
function tileFeaturesSql(layerId: string, z: number, x: number, y: number, aggregate: boolean) {
  const cell = (WORLD_M / 2 ** z / 4096) * CELL_PX;
  const selected = sql`
    SELECT r.id::text AS id, r.data->>'name' AS name, r.data->>'kind' AS kind, r.data->>'precision' AS precision, 1 AS count, r.geom
    FROM records r, bounds
    WHERE r.kind = 'feature' AND r.layer_id = ${layerId}::uuid AND NOT r.deleted AND r.geom && bounds.envelope`;
  const bounds = sql`bounds AS (SELECT ST_Transform(ST_TileEnvelope(${z}::int, ${x}::int, ${y}::int, margin => 64.0 / 4096), 4326) AS envelope)`;
  if (!aggregate) return sql`WITH ${bounds}, picked AS (${selected}) SELECT * FROM picked`;
  return sql`
    WITH ${bounds}, picked AS (${selected})
    SELECT NULL AS id, NULL AS name, kind, NULL AS precision, count(*)::int AS count,
           ST_Transform(ST_Expand(cell, ${cell / 2}::float8), 4326) AS geom
    FROM (SELECT kind, ST_SnapToGrid(ST_Transform(ST_Centroid(geom), 3857), ${cell}::float8) AS cell FROM picked) cells
    GROUP BY kind, cell`;
}

async function crowded(db: Kysely<Database>, layerId: string, z: number, x: number, y: number, max: number): Promise<boolean> {
  const { rows } = await sql<{ n: number }>`
    WITH bounds AS (SELECT ST_Transform(ST_TileEnvelope(${z}::int, ${x}::int, ${y}::int), 4326) AS envelope)
    SELECT count(*)::int AS n FROM (
      SELECT 1 FROM records r, bounds
      WHERE r.kind = 'feature' AND r.layer_id = ${layerId}::uuid AND NOT r.deleted AND r.geom && bounds.envelope
      LIMIT ${max + 1}) s`.execute(db);
  return rows[0].n > max;
}

/**
 * One Mapbox vector tile of a layer (source layer IMPORT_TILE_LAYER, as the app's imported layers),
 * or null when the tile is empty. PostgreSQL cuts it with ST_AsMVT; PGlite's PostGIS is built
 * without protobuf, so there PostGIS selects the features touching the tile (index) and
 * `src/import`'s geojson-vt tiler cuts them.
 */
export async function layerTile(
  db: Kysely<Database>,
  actor: Actor,
  layerId: string,
  z: number,
  x: number,
  y: number,
  engine: 'pglite' | 'postgresql',
  maxFeatures = MAX_TILE_FEATURES,
) {
  await getRecord(db, actor, 'layer', layerId);
  const features = tileFeaturesSql(layerId, z, x, y, await crowded(db, layerId, z, x, y, maxFeatures));
  if (engine === 'pglite') return tileInNode(db, features, z, x, y);
  const { rows } = await sql<{ tile: Uint8Array | null }>`
    WITH features AS (${features}),
    cut AS (
      SELECT id, name, kind, precision, count,
             ST_AsMVTGeom(ST_Transform(geom, 3857), ST_TileEnvelope(${z}::int, ${x}::int, ${y}::int), 4096, 64, true) AS geom
      FROM features)
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

async function tileInNode(db: Kysely<Database>, features: ReturnType<typeof tileFeaturesSql>, z: number, x: number, y: number): Promise<Buffer | null> {
  const { rows } = await sql<{ id: string | null; name: string | null; kind: string | null; precision: string | null; count: number; geometry: Geometry | string }>`
    SELECT id, name, kind, precision, count, ST_AsGeoJSON(geom)::json AS geometry FROM (${features}) f`.execute(db);
  if (rows.length === 0) return null;
  const collection: FeatureCollection = {
    type: 'FeatureCollection',
    features: rows.map(({ geometry, ...properties }) => ({
      type: 'Feature',
      properties,
      geometry: typeof geometry === 'string' ? (JSON.parse(geometry) as Geometry) : geometry,
    })),
  };
  const pbf = createImportTileIndex(collection, { maxZoom: Math.max(z, 0) }).getTilePbf(z, x, y);
  return pbf ? Buffer.from(pbf) : null;
}
