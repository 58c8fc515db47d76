import { Migrator, type Kysely, type Migration, type MigrationResultSet } from 'kysely';
import type { Database } from './schema.ts';
import { bothLanguages } from '../../i18n/bothLanguages.ts';
import * as initial from './migrations/0001_initial.ts';
import * as layerCells from './migrations/0002_layer_cells.ts';
import * as incrementalLayerCells from './migrations/0003_incremental_layer_cells.ts';

/**
 * The versioned migrations, in order. Listed here rather than read from a folder so the bundled
 * CLI carries them; Kysely's Migrator records what ran in `kysely_migration` and locks concurrent runs.
 */
const MIGRATIONS: Record<string, Migration> = {
  '0001_initial': initial,
  '0002_layer_cells': layerCells,
  '0003_incremental_layer_cells': incrementalLayerCells,
};

/** Brings the schema to the newest version; returns the names of the migrations that ran. */
export async function migrateToLatest(db: Kysely<Database>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: { getMigrations: () => Promise.resolve(MIGRATIONS) } });
  const result: MigrationResultSet = await migrator.migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName ?? '?';
    throw new Error(bothLanguages('server.startup.migrationFailed', { name: failed, detail: messageOf(result.error) }));
  }
  return (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** A migration may throw anything; an Error says its message. */
function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
