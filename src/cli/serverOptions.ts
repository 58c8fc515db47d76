import { resolve } from 'node:path';
import { openDatabase, type ServerDatabase } from '../server/db/database.ts';
import { migrateToLatest } from '../server/db/migrate.ts';
import { seedRegions } from '../server/db/seedRegions.ts';
import { DataFolderBusyError } from '../server/db/lockDataDir.ts';
import { CliError } from './CliError.ts';

/** `--data DIR` of the server commands; DATABASE_URL (PostgreSQL) takes precedence. */
export const DATA_OPTION = { data: { type: 'string' } } as const;

const DEFAULT_DATA_DIR = '.shanshui';

/** Where the server commands keep their data: PostgreSQL if DATABASE_URL is set, else the data folder. */
export function databaseTarget(data: string | undefined): { url?: string; dataDir: string } {
  const url = process.env.DATABASE_URL || undefined;
  return { ...(url ? { url } : {}), dataDir: resolve(data ?? DEFAULT_DATA_DIR) };
}

/** Opens the server database for a CLI command, migrated and with the default pack's regions loaded. */
export async function openCliDatabase(data: string | undefined): Promise<ServerDatabase> {
  const target = databaseTarget(data);
  let database: ServerDatabase;
  try {
    database = await openDatabase(target);
  } catch (error) {
    if (error instanceof DataFolderBusyError) {
      throw CliError.of(target.dataDir, 'server.startup.dataBusy', { pid: error.pid });
    }
    throw error;
  }
  try {
    await migrateToLatest(database.db);
    await seedRegions(database.db, resolve('data'), 'changzhi');
    return database;
  } catch (error) {
    await database.close();
    throw error;
  }
}
