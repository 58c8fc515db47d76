import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../db/schema.ts';

/**
 * Low-zoom tiles of large layers are drawn as square cells of 32 px (128 × 128 per tile) with the
 * number and area of the features whose centroid lies in each. Cells are indexed from the top-left
 * of the Web Mercator world, so the cells of zoom z are exactly 2 × 2 cells of zoom z + 1 and each
 * tile holds whole cells (x·128 … x·128 + 127): cells of every zoom up to CELL_MAX_ZOOM are rolled
 * up from one pass over the features and kept per layer revision (`layer_cells`).
 */
export const CELL_MAX_ZOOM = 11;
export const CELLS_PER_TILE = 128;
const WORLD_M = 40_075_016.685578488;

/**
 * Cell column and row at CELL_MAX_ZOOM of a feature's centroid (`geom`: an EPSG:4326 column), by
 * the SQL functions of migration 0003 — the one definition the build, the tiles aggregated from
 * features and the write trigger share. They write Web Mercator out (x = R·λ,
 * y = R·ln tan(π/4 + φ/2), R = 6378137: EPSG:3857 exactly) rather than call ST_Transform, which
 * costs ~27 µs a point through PROJ (1.5 s per 50,000 parcels).
 */
export function finestCellSql(geom: RawBuilder<unknown>) {
  return { ix: sql`layer_cell_x(${geom})`, iy: sql`layer_cell_y(${geom})` };
}

/** A cell's square in EPSG:3857. */
export function cellSquareSql(z: number, ix: RawBuilder<unknown>, iy: RawBuilder<unknown>) {
  const size = WORLD_M / (CELLS_PER_TILE * 2 ** z);
  return sql`ST_MakeEnvelope(
    ${ix} * ${size}::float8 - ${WORLD_M / 2}::float8, ${WORLD_M / 2}::float8 - (${iy} + 1) * ${size}::float8,
    (${ix} + 1) * ${size}::float8 - ${WORLD_M / 2}::float8, ${WORLD_M / 2}::float8 - ${iy} * ${size}::float8, 3857)`;
}

/**
 * Writes the cells of every zoom 0…CELL_MAX_ZOOM for the layer's current revision, and marks that
 * revision built in the same statement (one snapshot: the cells are exactly that revision's
 * features), then drops the cells of older builds. Returns the revision built. From then on each
 * write keeps them current in its own transaction (the trigger of migration 0003), so a layer is
 * built again only after a bulk write of more than 50,000 features.
 */
export async function buildLayerCells(db: Kysely<Database>, layerId: string): Promise<number> {
  const { ix, iy } = finestCellSql(sql.ref('geom'));
  const { rows } = await sql<{ revision: string }>`
    WITH rev AS (SELECT coalesce((SELECT revision FROM layer_revisions WHERE layer_id = ${layerId}::uuid), 0) AS revision),
    marked AS (
      INSERT INTO layer_cell_builds (layer_id, revision, cells_revision) SELECT ${layerId}::uuid, revision, revision FROM rev
      ON CONFLICT (layer_id) DO UPDATE SET revision = excluded.revision, cells_revision = excluded.revision, built_at = now()
      WHERE layer_cell_builds.revision <= excluded.revision
      RETURNING revision),
    finest AS (
      SELECT kind, ix, iy, count(*) AS n, sum(area) AS area FROM (
        SELECT coalesce(data->>'kind', '') AS kind, ${ix} AS ix, ${iy} AS iy, ST_Area(geom::geography) AS area
        FROM records
        WHERE kind = 'feature' AND layer_id = ${layerId}::uuid AND NOT deleted AND geom IS NOT NULL AND NOT ST_IsEmpty(geom)) f
      GROUP BY 1, 2, 3),
    cells AS (
      INSERT INTO layer_cells (layer_id, revision, z, ix, iy, kind, count, area_m2)
      SELECT ${layerId}::uuid, marked.revision, z, ix >> (${sql.lit(CELL_MAX_ZOOM)} - z), iy >> (${sql.lit(CELL_MAX_ZOOM)} - z), kind, sum(n), sum(area)
      FROM finest, marked, generate_series(0, ${sql.lit(CELL_MAX_ZOOM)}) z
      GROUP BY marked.revision, z, ix >> (${sql.lit(CELL_MAX_ZOOM)} - z), iy >> (${sql.lit(CELL_MAX_ZOOM)} - z), kind
      ON CONFLICT DO NOTHING)
    SELECT revision::text FROM marked`.execute(db);
  // A newer revision was built meanwhile (another server process): nothing to do.
  if (rows.length === 0) return -1;
  const revision = rows[0].revision;
  await sql`DELETE FROM layer_cells WHERE layer_id = ${layerId}::uuid AND revision <> ${revision}::bigint`.execute(db);
  // Fresh statistics, so that the write trigger's per-cell statements are planned as index lookups:
  // planned on a table believed empty they scanned whole zooms (1.1 s a write at 100,000 parcels).
  await sql`ANALYZE layer_cells`.execute(db);
  return Number(revision);
}

/**
 * Builds cells in the background, one build per layer at a time; a request that finds them
 * missing or stale is answered from the features meanwhile.
 */
export class LayerCellBuilder {
  private readonly running = new Map<string, Promise<void>>();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly onError: (error: unknown, layerId: string) => void,
    /** The embedded database's folder check (ServerDatabase.checkWritable): a build is a write too. */
    private readonly checkWritable: () => Promise<void> = () => Promise.resolve(),
  ) {}

  schedule(layerId: string): void {
    if (this.running.has(layerId)) return;
    // A build started by a read (a tile) writes: not on a folder that cannot take it (PGlite would hang).
    const build = this.checkWritable().then(() => buildLayerCells(this.db, layerId)).then(
      () => {},
      (error: unknown) => this.onError(error, layerId),
    );
    this.running.set(
      layerId,
      build.finally(() => this.running.delete(layerId)),
    );
  }

  /** Resolves when no build is running (server shutdown, tests). */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all(this.running.values());
  }
}
