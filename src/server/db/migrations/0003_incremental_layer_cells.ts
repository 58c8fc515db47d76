import { sql, type Kysely } from 'kysely';

// Fixed here, as a migration must be: the cells of zoom 11 (services/layerCells.ts CELL_MAX_ZOOM),
// 128 per tile side, so 128 · 2¹¹ = 262,144 per world side; Web Mercator's world is 2πR wide.
const CELLS = 262_144;
const WORLD_M = 40_075_016.685578488;

/**
 * Cells kept current by the write itself. Before, any write made a layer's cells stale and they
 * were rebuilt whole in the background (90 s for a million features, tiles aggregated from the
 * features meanwhile). Now the trigger that bumps the revision also recomputes, in the same
 * transaction, the cells of every zoom that hold the changed features' old and new centroids —
 * when the cells were current before the write and the statement's transition rows for the layer
 * number at most 50,000 (an update counts each feature twice, old and new: 25,000 features; a bulk
 * import still leaves them stale, for one background build).
 *
 * `layer_cells.revision` now names the build the rows belong to (their generation), kept in
 * `layer_cell_builds.cells_revision`; `layer_cell_builds.revision` is the layer revision the
 * cells are current for.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // One definition of a feature's cell at zoom 11 (its centroid, Web Mercator written out: see
  // layerCells.ts), for the build, the tiles aggregated from features, and the trigger below.
  const perMetre = `(${CELLS}::float8 / ${WORLD_M}::float8)`;
  const half = `(${WORLD_M}::float8 / 2)`;
  await sql
    .raw(
      `CREATE FUNCTION layer_cell_x(g geometry) RETURNS integer LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT least(greatest(floor((6378137 * radians(ST_X(ST_Centroid(g))) + ${half}) * ${perMetre}), 0), ${CELLS - 1})::int $$`,
    )
    .execute(db);
  await sql
    .raw(
      `CREATE FUNCTION layer_cell_y(g geometry) RETURNS integer LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT least(greatest(floor((${half} - 6378137 * ln(tan(pi() / 4 + radians(least(greatest(ST_Y(ST_Centroid(g)), -85.05112878), 85.05112878)) / 2))) * ${perMetre}), 0), ${CELLS - 1})::int $$`,
    )
    .execute(db);
  await sql`ALTER TABLE layer_cell_builds ADD COLUMN cells_revision bigint`.execute(db);
  await sql`UPDATE layer_cell_builds SET cells_revision = revision`.execute(db);
  await sql`ALTER TABLE layer_cell_builds ALTER COLUMN cells_revision SET NOT NULL`.execute(db);

  // The cells (every zoom) of a layer's build `gen` holding the zoom-11 cells `keys` (ix · 2¹⁸ + iy):
  // zoom 11 from the features whose box meets the cell, each coarser zoom from its four children.
  await sql
    .raw(
      `CREATE FUNCTION refresh_layer_cells(layer uuid, gen bigint, keys bigint[]) RETURNS void LANGUAGE plpgsql AS $$
      DECLARE
        lvl integer;
        xs integer[];
        ys integer[];
      BEGIN
        -- Columns and rows as arrays make them index conditions (a join with the keys was planned
        -- as a scan of the whole zoom: 1 s a write at 100,000 features); the keys then pick the pairs.
        xs := ARRAY(SELECT DISTINCT (k / ${CELLS})::int FROM unnest(keys) k);
        ys := ARRAY(SELECT DISTINCT (k % ${CELLS})::int FROM unnest(keys) k);
        DELETE FROM layer_cells c
        WHERE c.layer_id = layer AND c.revision = gen AND c.z = 11 AND c.ix = ANY (xs) AND c.iy = ANY (ys) AND c.ix::bigint * ${CELLS} + c.iy = ANY (keys);
        INSERT INTO layer_cells (layer_id, revision, z, ix, iy, kind, count, area_m2)
        SELECT layer, gen, 11, ix, iy, kind, count(*), sum(area) FROM (
          SELECT layer_cell_x(r.geom) AS ix, layer_cell_y(r.geom) AS iy, coalesce(r.data->>'kind', '') AS kind, ST_Area(r.geom::geography) AS area
          FROM records r
          WHERE r.id IN (
              SELECT n.id FROM unnest(keys) k
              CROSS JOIN LATERAL (
                SELECT n.id FROM records n
                WHERE n.layer_id = layer AND n.geom && ST_Expand(ST_MakeEnvelope(
                  (k / ${CELLS})::float8 / ${CELLS} * 360 - 180,
                  CASE WHEN k % ${CELLS} = ${CELLS - 1} THEN -90 ELSE degrees(atan(sinh(pi() * (1 - 2 * (k % ${CELLS} + 1)::float8 / ${CELLS})))) END,
                  (k / ${CELLS} + 1)::float8 / ${CELLS} * 360 - 180,
                  CASE WHEN k % ${CELLS} = 0 THEN 90 ELSE degrees(atan(sinh(pi() * (1 - 2 * (k % ${CELLS})::float8 / ${CELLS})))) END, 4326), 1e-9)) n)
            AND r.kind = 'feature' AND r.layer_id = layer AND NOT r.deleted AND r.geom IS NOT NULL AND NOT ST_IsEmpty(r.geom)) f
        WHERE ix::bigint * ${CELLS} + iy = ANY (keys)
        GROUP BY ix, iy, kind;
        FOR lvl IN REVERSE 10..0 LOOP
          keys := ARRAY(SELECT DISTINCT ((k / ${CELLS}) >> 1) * ${CELLS} + ((k % ${CELLS}) >> 1) FROM unnest(keys) k);
          xs := ARRAY(SELECT DISTINCT (k / ${CELLS})::int FROM unnest(keys) k);
          ys := ARRAY(SELECT DISTINCT (k % ${CELLS})::int FROM unnest(keys) k);
          DELETE FROM layer_cells c
          WHERE c.layer_id = layer AND c.revision = gen AND c.z = lvl AND c.ix = ANY (xs) AND c.iy = ANY (ys) AND c.ix::bigint * ${CELLS} + c.iy = ANY (keys);
          INSERT INTO layer_cells (layer_id, revision, z, ix, iy, kind, count, area_m2)
          SELECT layer, gen, lvl, c.ix >> 1, c.iy >> 1, c.kind, sum(c.count), sum(c.area_m2)
          FROM layer_cells c
          WHERE c.layer_id = layer AND c.revision = gen AND c.z = lvl + 1
            AND c.ix = ANY (ARRAY(SELECT x * 2 + d FROM unnest(xs) x, (VALUES (0), (1)) v(d)))
            AND c.iy = ANY (ARRAY(SELECT y * 2 + d FROM unnest(ys) y, (VALUES (0), (1)) v(d)))
            AND (c.ix >> 1)::bigint * ${CELLS} + (c.iy >> 1) = ANY (keys)
          GROUP BY c.ix >> 1, c.iy >> 1, c.kind;
        END LOOP;
      END $$`,
    )
    .execute(db);

  // Per layer written by a statement (rows: its changed rows, old and new; keys: their zoom-11
  // cells, null without a polygon): bump the revision, and keep the cells current if they were.
  await sql
    .raw(
      `CREATE FUNCTION apply_layer_changes(layer_ids uuid[], cell_keys bigint[]) RETURNS void LANGUAGE plpgsql AS $$
      DECLARE
        l record;
        rev bigint;
        gen bigint;
      BEGIN
        FOR l IN
          SELECT u.layer_id, count(*) AS n, array_agg(DISTINCT u.k) FILTER (WHERE u.k IS NOT NULL) AS keys
          FROM unnest(layer_ids, cell_keys) u(layer_id, k) WHERE u.layer_id IS NOT NULL GROUP BY u.layer_id
        LOOP
          INSERT INTO layer_revisions AS r (layer_id, revision) VALUES (l.layer_id, 1)
          ON CONFLICT (layer_id) DO UPDATE SET revision = r.revision + 1
          RETURNING revision INTO rev;
          IF l.n <= 50000 THEN
            UPDATE layer_cell_builds b SET revision = rev, built_at = now()
            WHERE b.layer_id = l.layer_id AND b.revision = rev - 1
            RETURNING b.cells_revision INTO gen;
            IF FOUND AND l.keys IS NOT NULL THEN
              PERFORM refresh_layer_cells(l.layer_id, gen, l.keys);
            END IF;
          END IF;
        END LOOP;
      END $$`,
    )
    .execute(db);
  const key = `CASE WHEN kind = 'feature' AND geom IS NOT NULL AND NOT ST_IsEmpty(geom) THEN layer_cell_x(geom)::bigint * ${CELLS} + layer_cell_y(geom) END`;
  // The cells' keys only where some written layer has current cells: a bulk import into a layer
  // without them (the usual first load) pays nothing for it.
  const anyCurrent = (table: string) => `EXISTS (
    SELECT 1 FROM layer_cell_builds b JOIN layer_revisions r USING (layer_id)
    WHERE b.revision = r.revision AND b.layer_id IN (SELECT layer_id FROM ${table}))`;
  // Insert and delete name their one transition table "changed"; update has both, and a feature's
  // cells before and after the change both need recomputing: one body, read from either.
  const revisionFunction = (create: string, name: string, keyedRows: string) => `${create} FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE ids uuid[]; keys bigint[];
      BEGIN
        IF ${anyCurrent('changed')} THEN
          SELECT array_agg(layer_id), array_agg(${key}) INTO ids, keys FROM ${keyedRows};
        ELSE
          SELECT array_agg(layer_id) INTO ids FROM changed;
        END IF;
        PERFORM apply_layer_changes(ids, keys);
        RETURN NULL;
      END $$`;
  await sql.raw(revisionFunction('CREATE OR REPLACE', 'bump_layer_revision', 'changed')).execute(db);
  await sql.raw(revisionFunction('CREATE', 'bump_layer_revision_update', '(SELECT * FROM changed UNION ALL SELECT * FROM old_rows) c')).execute(db);
  await sql`DROP TRIGGER records_update_revision ON records`.execute(db);
  await sql`
    CREATE TRIGGER records_update_revision AFTER UPDATE ON records REFERENCING OLD TABLE AS old_rows NEW TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION bump_layer_revision_update()`.execute(db);
}
