import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { FeatureCollection, Geometry } from 'geojson';
import { createImportTileIndex, IMPORT_TILE_LAYER } from '../../import/index.ts';
import type { Database } from '../db/schema.ts';
import type { Actor } from './actor.ts';
import { CELL_MAX_ZOOM, CELLS_PER_TILE, cellSquareSql, finestCellSql } from './layerCells.ts';
import { getRecord } from './records.ts';

interface RegionKindArea {
  code: string;
  name: string;
  kind: string;
  /** Area of the region covered by the layer's polygons of this kind (overlaps counted once), m². */
  area_m2: number;
}

/**
 * Per region and kind, in PostGIS: the area of the region covered by the layer's polygons of the
 * kind (overlapping polygons of one kind counted once, as src/geo zoneStatistics counts them),
 * measured on the ellipsoid (geography). For layers too large to send to a browser: the work is
 * per polygon through the GiST index, so it grows with the layer, not with the size of a union.
 * A polygon covered by a county counts whole (`ST_Covers`, prepared once per county); only one
 * crossing a border is cut (`ST_Intersection`); and only polygons whose interior meets another of
 * the same kind are merged, by `ST_Union` per county and kind of just those. On samples it agrees
 * with `src/geo` zoneStatistics to 1e-6 (see the test and scripts/bench/server-tiles.ts).
 *
 * PostGIS cuts along straight lon/lat lines, src/geo along geodesics: a 3 km county edge strays
 * ~1 cm from its chord, 1.5e-6 of a county's wetland in the test. So the counties' edges are first
 * split every 250 m along the great circle (`ST_Segmentize` on geography), where the chord is
 * within 0.1 mm of it, as src/geo splits its own long edges.
 */
export async function layerStatistics(db: Kysely<Database>, actor: Actor, layerId: string, kindKey: string): Promise<RegionKindArea[]> {
  await getRecord(db, actor, 'layer', layerId);
  // Rows per polygon and county, small (a polygon's geometry only when it is to be merged), so the
  // grouping never sorts county outlines; the overlap probe is one index lookup per polygon.
  const { rows } = await sql<RegionKindArea>`
    WITH counties AS MATERIALIZED (
      SELECT code, name, ST_Segmentize(geom::geography, 250)::geometry AS geom FROM regions),
    pieces AS MATERIALIZED (
      SELECT r.code, coalesce(p.data->>${kindKey}, '') AS kind,
             CASE WHEN o.overlapping THEN p.geom END AS geom,
             CASE WHEN o.overlapping THEN 0
                  WHEN ST_Covers(r.geom, p.geom) THEN ST_Area(p.geom::geography)
                  ELSE ST_Area(ST_Intersection(p.geom, r.geom)::geography) END AS area_m2
      FROM counties r
      JOIN records p ON p.geom && r.geom AND ST_Intersects(r.geom, p.geom)
      LEFT JOIN LATERAL (
        -- Interiors meet (DE-9IM interior/interior): sharing an edge or a corner is no overlap.
        SELECT true AS overlapping FROM records o
        WHERE o.kind = 'feature' AND o.layer_id = ${layerId}::uuid AND NOT o.deleted AND o.id <> p.id AND o.geom && p.geom
          AND coalesce(o.data->>${kindKey}, '') = coalesce(p.data->>${kindKey}, '') AND ST_Relate(o.geom, p.geom, 'T********')
        LIMIT 1) o ON true
      WHERE p.kind = 'feature' AND p.layer_id = ${layerId}::uuid AND NOT p.deleted AND GeometryType(p.geom) IN ('POLYGON', 'MULTIPOLYGON')),
    sums AS (
      SELECT code, kind, sum(area_m2) AS single_m2, ST_Union(geom) AS overlapping FROM pieces GROUP BY code, kind)
    SELECT s.code, r.name, s.kind,
           s.single_m2 + coalesce(ST_Area(ST_Intersection(s.overlapping, r.geom)::geography), 0) AS area_m2
    FROM sums s JOIN counties r USING (code)
    ORDER BY s.code, s.kind`.execute(db);
  return rows.map((row) => ({ ...row, area_m2: Number(row.area_m2) }));
}

// A tile with more features than this shows them as square cells of 32 px (coarser when there are
// more than MAX_TILE_CELLS) with `count` and `area_m2` (layerCells.ts): a county-wide view of a
// land-survey layer stays under 500 KB.
export const MAX_TILE_FEATURES = 5_000;

const tileBounds = (z: number, x: number, y: number, margin: number) =>
  sql`ST_Transform(ST_TileEnvelope(${z}::int, ${x}::int, ${y}::int, margin => ${margin}::float8), 4326)`;

/** The features touching a tile (with a 64 px margin, index lookup), in EPSG:4326. */
function tileFeaturesSql(layerId: string, z: number, x: number, y: number) {
  return sql`
    SELECT r.id::text AS id, r.data->>'name' AS name, r.data->>'kind' AS kind, r.data->>'precision' AS precision, r.geom
    FROM records r
    WHERE r.kind = 'feature' AND r.layer_id = ${layerId}::uuid AND NOT r.deleted AND r.geom && ${tileBounds(z, x, y, 64 / 4096)}`;
}

// A tile of cells holds at most this many (cell, kind) features: ~25 bytes each in the tile, so
// ≤ 8,192 keeps a tile near 250 KB. Above it the tile shows cells of 2, 4 or 8 times the side.
const MAX_TILE_CELLS = 8_192;
const MAX_COARSENING = 3;

/**
 * The cells of a tile (kind, ix, iy, count, area_m2) at zoom z − coarsen, so (128 >> coarsen)² per
 * tile: from `layer_cells` when they are built for the revision, else computed from the features
 * touching the tile (the same cells).
 */
function tileCellsSql(layerId: string, z: number, x: number, y: number, cellsRevision: number | null, coarsen = 0) {
  const perTile = CELLS_PER_TILE >> coarsen;
  const [x0, y0, x1, y1] = [x * perTile, y * perTile, (x + 1) * perTile - 1, (y + 1) * perTile - 1];
  if (cellsRevision !== null) {
    return sql`
      SELECT kind, ix, iy, count, area_m2 FROM layer_cells
      WHERE layer_id = ${layerId}::uuid AND revision = ${cellsRevision}::bigint AND z = ${z - coarsen}::int
        AND ix BETWEEN ${x0}::int AND ${x1}::int AND iy BETWEEN ${y0}::int AND ${y1}::int`;
  }
  const { ix, iy } = finestCellSql(sql.ref('geom'));
  const shift = CELL_MAX_ZOOM - z + coarsen;
  return sql`
    SELECT kind, ix, iy, count(*)::int AS count, sum(area) AS area_m2 FROM (
      SELECT coalesce(data->>'kind', '') AS kind, ${ix} >> ${shift}::int AS ix, ${iy} >> ${shift}::int AS iy, ST_Area(geom::geography) AS area
      FROM records
      WHERE kind = 'feature' AND layer_id = ${layerId}::uuid AND NOT deleted AND NOT ST_IsEmpty(geom) AND geom && ${tileBounds(z, x, y, 0)}) f
    WHERE ix BETWEEN ${x0}::int AND ${x1}::int AND iy BETWEEN ${y0}::int AND ${y1}::int
    GROUP BY kind, ix, iy`;
}

async function crowded(db: Kysely<Database>, layerId: string, z: number, x: number, y: number, max: number): Promise<boolean> {
  const { rows } = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM (
      SELECT 1 FROM records r
      WHERE r.kind = 'feature' AND r.layer_id = ${layerId}::uuid AND NOT r.deleted AND r.geom && ${tileBounds(z, x, y, 0)}
      LIMIT ${max + 1}) s`.execute(db);
  return rows[0].n > max;
}

/**
 * The build whose cells are current for the layer's revision (their `layer_cells.revision`), or
 * null: none, or stale (a bulk write since; tiles are then aggregated from the features).
 */
async function cellState(db: Kysely<Database>, layerId: string): Promise<number | null> {
  const { rows } = await sql<{ current: boolean | null; cells: string | null }>`
    SELECT b.revision = coalesce((SELECT revision FROM layer_revisions WHERE layer_id = ${layerId}::uuid), 0) AS current, b.cells_revision::text AS cells
    FROM (SELECT 1) one LEFT JOIN layer_cell_builds b ON b.layer_id = ${layerId}::uuid`.execute(db);
  return rows[0].current ? Number(rows[0].cells) : null;
}

/**
 * The number of features in the tile's cells, and how many (cell, kind) rows the tile would have
 * at each coarsening 0…MAX_COARSENING. Built cells: index range counts per zoom (the total from the
 * coarsest, the fewest rows); cells aggregated from features: one pass over the finest.
 */
async function cellCounts(
  db: Kysely<Database>,
  layerId: string,
  z: number,
  x: number,
  y: number,
  cellsRevision: number | null,
): Promise<{ features: number; rows: number[] }> {
  const coarsenings = Array.from({ length: MAX_COARSENING + 1 }, (_, c) => c).filter((c) => c <= z);
  if (cellsRevision !== null) {
    const counts = coarsenings.map((c) => sql`(SELECT count(*) FROM (${tileCellsSql(layerId, z, x, y, cellsRevision, c)}) c)::int`);
    const { rows } = await sql<{ features: string | null; rows: number[] }>`
      SELECT (SELECT sum(count) FROM (${tileCellsSql(layerId, z, x, y, cellsRevision, coarsenings.length - 1)}) c)::text AS features,
             ARRAY[${sql.join(counts)}] AS rows`.execute(db);
    return { features: Number(rows[0].features ?? 0), rows: rows[0].rows.map(Number) };
  }
  const levels = coarsenings.map((c) => sql`count(DISTINCT (kind, ix >> ${sql.lit(c)}, iy >> ${sql.lit(c)}))::int`);
  const { rows } = await sql<{ features: string | null; rows: number[] }>`
    SELECT sum(count)::text AS features, ARRAY[${sql.join(levels)}] AS rows FROM (${tileCellsSql(layerId, z, x, y, null)}) c`.execute(db);
  return { features: Number(rows[0].features ?? 0), rows: rows[0].rows.map(Number) };
}

interface TileOptions {
  /** Above this many features a tile shows cells (default 5,000). */
  maxFeatures?: number;
  /** Above this many (cell, kind) features a tile shows coarser cells (default 8,192). */
  maxCells?: number;
  /** Asked to build the layer's cells when a crowded tile finds them missing or stale. */
  cells?: { schedule(layerId: string): void };
}

/**
 * One Mapbox vector tile of a layer (source layer IMPORT_TILE_LAYER, as the app's imported layers),
 * or null when the tile is empty. Up to CELL_MAX_ZOOM a tile with more than maxFeatures features
 * shows cells instead, read from `layer_cells` once they are built for the layer's revision.
 * PostgreSQL cuts with ST_AsMVT; PGlite's PostGIS is built without protobuf, so there PostGIS
 * selects the features or cells of the tile and `src/import`'s geojson-vt tiler cuts them.
 */
export async function layerTile(
  db: Kysely<Database>,
  actor: Actor,
  layerId: string,
  z: number,
  x: number,
  y: number,
  engine: 'pglite' | 'postgresql',
  options: TileOptions = {},
) {
  await getRecord(db, actor, 'layer', layerId);
  const max = options.maxFeatures ?? MAX_TILE_FEATURES;
  if (z <= CELL_MAX_ZOOM) {
    const built = await cellState(db, layerId);
    if (built !== null || (await crowded(db, layerId, z, x, y, max))) {
      const counts = await cellCounts(db, layerId, z, x, y, built);
      if (counts.features > max) {
        if (built === null) options.cells?.schedule(layerId);
        const maxCells = options.maxCells ?? MAX_TILE_CELLS;
        // Never coarser than zoom 0's cells.
        let coarsen = 0;
        while (coarsen + 1 < counts.rows.length && counts.rows[coarsen] > maxCells) coarsen++;
        const cells = tileCellsSql(layerId, z, x, y, built, coarsen);
        return engine === 'pglite' ? cellTileInNode(db, cells, z, coarsen, x, y) : cellTileInDatabase(db, cells, coarsen, x, y);
      }
    }
  }
  const features = tileFeaturesSql(layerId, z, x, y);
  if (engine === 'pglite') return tileInNode(db, sql`SELECT id, name, kind, precision, ST_AsGeoJSON(geom)::json AS geometry FROM (${features}) f`, z, x, y);
  const { rows } = await sql<{ tile: Uint8Array | null }>`
    WITH cut AS (
      SELECT id, name, kind, precision,
             ST_AsMVTGeom(ST_Transform(geom, 3857), ST_TileEnvelope(${z}::int, ${x}::int, ${y}::int), 4096, 64, true) AS geom
      FROM (${features}) f)
    SELECT ST_AsMVT(cut, ${IMPORT_TILE_LAYER}, 4096, 'geom') AS tile FROM cut WHERE geom IS NOT NULL`.execute(db);
  return nonEmpty(rows[0]?.tile);
}

const nonEmpty = (tile: Uint8Array | null | undefined) => (tile && tile.byteLength > 0 ? Buffer.from(tile) : null);

/**
 * Cells are whole squares of the tile (32 px, or 64–256 px coarsened): drawn directly in tile coordinates (4096 per side,
 * y down), exterior ring clockwise on screen as the MVT spec asks, with no clipping to do.
 */
async function cellTileInDatabase(db: Kysely<Database>, cells: ReturnType<typeof tileCellsSql>, coarsen: number, x: number, y: number): Promise<Buffer | null> {
  const perTile = CELLS_PER_TILE >> coarsen;
  const px = 4096 / perTile;
  const { rows } = await sql<{ tile: Uint8Array | null }>`
    SELECT ST_AsMVT(t, ${IMPORT_TILE_LAYER}, 4096, 'geom') AS tile FROM (
      SELECT kind, count, area_m2::float8 AS area_m2,
             ST_Reverse(ST_MakeEnvelope((ix - ${x * perTile}::int) * ${px}::int, (iy - ${y * perTile}::int) * ${px}::int,
                                        (ix - ${x * perTile}::int + 1) * ${px}::int, (iy - ${y * perTile}::int + 1) * ${px}::int)) AS geom
      FROM (${cells}) c) t`.execute(db);
  return nonEmpty(rows[0]?.tile);
}

async function cellTileInNode(db: Kysely<Database>, cells: ReturnType<typeof tileCellsSql>, z: number, coarsen: number, x: number, y: number): Promise<Buffer | null> {
  return tileInNode(
    db,
    sql`SELECT kind, count, area_m2::float8 AS area_m2, ST_AsGeoJSON(ST_Transform(${cellSquareSql(z - coarsen, sql.ref('ix'), sql.ref('iy'))}, 4326))::json AS geometry FROM (${cells}) c`,
    z,
    x,
    y,
  );
}

/** Changes whenever a feature of the layer is written (tile cache key; bumped by a trigger). */
export async function layerRevision(db: Kysely<Database>, layerId: string): Promise<string> {
  const { rows } = await sql<{ revision: string | null }>`SELECT revision::text FROM layer_revisions WHERE layer_id = ${layerId}::uuid`.execute(db);
  return rows[0]?.revision ?? '0';
}

async function tileInNode(db: Kysely<Database>, query: RawBuilder<unknown>, z: number, x: number, y: number): Promise<Buffer | null> {
  const { rows } = await sql<{ geometry: Geometry | string } & Record<string, unknown>>`${query}`.execute(db);
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
