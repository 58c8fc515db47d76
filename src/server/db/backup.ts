import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sql } from 'kysely';
import { openDatabase } from './database.ts';

/** Where a backup comes from or goes to: PostgreSQL by URL, or the embedded data folder. */
interface BackupTarget {
  url?: string;
  dataDir: string;
}

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', (error) => reject(new Error(`${command}: ${error.message}`)));
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${command} exit ${code}: ${stderr.trim().split('\n')[0]}`))));
  });
}

/**
 * Writes a backup: the embedded engine's data folder as a gzipped tarball (PGlite dumpDataDir), or
 * PostgreSQL's `pg_dump --format=custom`. Written to FILE.partial first, so a failure never
 * leaves a half backup under the real name.
 */
export async function backupDatabase(target: BackupTarget, file: string): Promise<void> {
  const partial = `${file}.partial`;
  try {
    if (target.url) {
      await run('pg_dump', ['--format=custom', '--no-owner', `--file=${partial}`, target.url]);
    } else {
      const database = await openDatabase({ dataDir: target.dataDir });
      try {
        const dump = await database.pglite!.dumpDataDir('gzip');
        await writeFile(partial, Buffer.from(await dump.arrayBuffer()));
      } finally {
        await database.close();
      }
    }
    await rename(partial, file);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
}

/**
 * Restores a backup into an EMPTY target (a new data folder, or a database without Shanshui
 * tables): restoring never overwrites what is there. Returns false when the target is not empty.
 */
export async function restoreDatabase(target: BackupTarget, file: string): Promise<boolean> {
  if (target.url) {
    const database = await openDatabase({ url: target.url });
    try {
      const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_name = 'users'`.execute(database.db);
      if (rows[0].n > 0) return false;
    } finally {
      await database.close();
    }
    await run('pg_restore', ['--no-owner', `--dbname=${target.url}`, file]);
    return true;
  }
  const dir = join(target.dataDir, 'pglite');
  if (existsSync(dir) && readdirSync(dir).length > 0) return false;
  mkdirSync(dir, { recursive: true });
  const { PGlite } = await import('@electric-sql/pglite');
  const { postgis } = await import('@electric-sql/pglite-postgis');
  const pglite = await PGlite.create({ dataDir: dir, loadDataDir: new Blob([await readFile(file)]), extensions: { postgis } });
  await pglite.close();
  return true;
}
