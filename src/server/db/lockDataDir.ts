import { openSync, readFileSync, rmSync, writeFileSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { bothLanguages } from '../../i18n/bothLanguages.ts';

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** The data folder is open in another process. */
export class DataFolderBusyError extends Error {
  constructor(readonly pid: number) {
    super(bothLanguages('server.startup.dataBusy', { pid }));
    this.name = 'DataFolderBusyError';
  }
}

/**
 * PGlite is one process's database: a second process opening the same folder would corrupt it.
 * Takes DIR/../pglite.lock (our pid) or throws naming the process that holds it; a lock left by a
 * dead process is taken over. Returns the release function.
 */
export function lockDataDir(dataDir: string): () => void {
  const file = join(dataDir, '..', 'pglite.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeFileSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(file, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(readFileSync(file, 'utf8'));
      if (holder && alive(holder)) {
        throw new DataFolderBusyError(holder);
      }
      rmSync(file, { force: true });
    }
  }
  throw new Error(`cannot lock ${file}`);
}
