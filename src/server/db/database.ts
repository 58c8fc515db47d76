import { mkdirSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { lockDataDir } from './lockDataDir.ts';
import { join } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, sql } from 'kysely';
import type { Database } from './schema.ts';
import { storageFault } from '../services/storageFault.ts';
import { bothLanguages } from '../../i18n/bothLanguages.ts';
import { pgliteDialect } from './pgliteDialect.ts';

export type Engine = 'pglite' | 'postgresql';

/** An open server database: one Kysely query layer over either engine. Always `close()` it. */
export interface ServerDatabase {
  db: Kysely<Database>;
  engine: Engine;
  /** Where the data lives: the PGlite folder, or the PostgreSQL URL without its password. */
  location: string;
  /** The embedded engine itself (backups dump its data folder). */
  pglite?: PGlite;
  /**
   * Rejects (EROFS, ENOSPC…) when the data folder cannot be written now. PGlite does not fail a
   * write on a folder that turned read-only under it: it hangs, and a transaction's COMMIT blocks
   * the process for good. So the server asks the folder itself before every write it lets through.
   */
  checkWritable?: () => Promise<void>;
  close(): Promise<void>;
}

interface DatabaseOptions {
  /** PostgreSQL connection URL; when set, the data folder is not used. */
  url?: string;
  /** Data folder of the embedded engine (PGlite keeps its files in DIR/pglite). */
  dataDir?: string;
  /** Pool size for PostgreSQL. */
  maxConnections?: number;
}

/** A small file in the data folder, written before each write (`checkWritable`). */
const WRITE_PROBE = '.shanshui-write-probe';

/**
 * Opens PostgreSQL when a URL is given, else the embedded PGlite (with PostGIS) in the data folder.
 * PGlite's first start unpacks PostGIS (~10–30 s); later starts take a few seconds.
 */
export async function openDatabase(options: DatabaseOptions): Promise<ServerDatabase> {
  if (options.url) {
    const { default: pg } = await import('pg');
    const pool = new pg.Pool({ connectionString: options.url, max: options.maxConnections ?? 10 });
    // An idle client losing its server (PostgreSQL restarted) must not crash the process.
    pool.on('error', () => {});
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    const url = new URL(options.url);
    url.password = '';
    return { db, engine: 'postgresql', location: url.toString(), close: () => db.destroy() };
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const { postgis } = await import('@electric-sql/pglite-postgis');
  const dataDir = options.dataDir ? join(options.dataDir, 'pglite') : undefined;
  let unlock = () => {};
  let pglite: PGlite;
  try {
    if (dataDir) {
      mkdirSync(dataDir, { recursive: true });
      unlock = lockDataDir(dataDir);
    }
    pglite = await PGlite.create({ ...(dataDir ? { dataDir } : {}), extensions: { postgis } });
  } catch (error) {
    unlock();
    const fault = dataDir ? storageFault(error as { code?: string; message?: string }) : null;
    if (!fault || !dataDir) throw error;
    const key = fault === 'full' ? 'server.openFull' : 'server.openReadOnly';
    throw new Error(bothLanguages(key, { dir: dataDir }), { cause: error });
  }
  const db = new Kysely<Database>({ dialect: pgliteDialect(pglite) });
  return {
    db,
    pglite,
    engine: 'pglite',
    location: dataDir ?? 'memory://',
    ...(dataDir ? { checkWritable: () => writeFile(join(dataDir, WRITE_PROBE), String(Date.now())) } : {}),
    close: async () => {
      await db.destroy();
      if (!pglite.closed) await pglite.close();
      unlock();
    },
  };
}

/** PostGIS version string of the database, e.g. "3.6.2". */
export async function postgisVersion(db: Kysely<Database>): Promise<string> {
  const { rows } = await sql<{ version: string }>`SELECT postgis_lib_version() AS version`.execute(db);
  return rows[0].version;
}
