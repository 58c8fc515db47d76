import { sql, type Kysely } from 'kysely';

/**
 * A revision per layer, bumped by the database itself on every statement that writes its features
 * (so no write path can forget it, and a tile cache key costs one primary-key read instead of a
 * count over the layer), and the per-revision cell aggregates that low-zoom tiles of large layers
 * are cut from (services/layerCells.ts).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE layer_revisions (
      layer_id uuid PRIMARY KEY REFERENCES records(id),
      revision bigint NOT NULL
    )`.execute(db);
  // Statement-level with transition tables: a bulk import of a million features bumps once.
  await sql`
    CREATE FUNCTION bump_layer_revision() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO layer_revisions AS l (layer_id, revision)
      SELECT DISTINCT layer_id, 1 FROM changed WHERE layer_id IS NOT NULL
      ON CONFLICT (layer_id) DO UPDATE SET revision = l.revision + 1;
      RETURN NULL;
    END $$`.execute(db);
  await sql`CREATE TRIGGER records_insert_revision AFTER INSERT ON records REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION bump_layer_revision()`.execute(db);
  await sql`CREATE TRIGGER records_update_revision AFTER UPDATE ON records REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION bump_layer_revision()`.execute(db);
  await sql`CREATE TRIGGER records_delete_revision AFTER DELETE ON records REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION bump_layer_revision()`.execute(db);
  await sql`
    CREATE TABLE layer_cells (
      layer_id uuid NOT NULL REFERENCES records(id),
      revision bigint NOT NULL,
      z smallint NOT NULL,
      ix integer NOT NULL,
      iy integer NOT NULL,
      kind text NOT NULL,
      count integer NOT NULL,
      area_m2 double precision NOT NULL,
      PRIMARY KEY (layer_id, revision, z, ix, iy, kind)
    )`.execute(db);
  // Which revision of a layer has its cells complete (written in the same statement as the cells).
  await sql`
    CREATE TABLE layer_cell_builds (
      layer_id uuid PRIMARY KEY REFERENCES records(id),
      revision bigint NOT NULL,
      built_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
}
