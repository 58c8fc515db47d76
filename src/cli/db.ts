import { resolve } from 'node:path';
import { backupDatabase, restoreDatabase } from '../server/db/backup.ts';
import { bothLanguages } from '../i18n/bothLanguages.ts';
import { CliError } from './CliError.ts';
import { parseOptions } from './parseOptions.ts';
import { DATA_OPTION, databaseTarget, openCliDatabase } from './serverOptions.ts';
import { DB_HELP } from './commandHelp.ts';
import { helpText } from './helpText.ts';


export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseOptions(args, { ...DATA_OPTION, help: { type: 'boolean', short: 'h' } });
  if (values.help) {
    process.stdout.write(`${helpText(DB_HELP)}\n`);
    return 0;
  }
  const [action, file] = positionals;
  const target = databaseTarget(values.data);
  if (action === 'migrate') {
    const database = await openCliDatabase(values.data);
    await database.close();
    process.stdout.write(`${bothLanguages('cli.db.upToDate', { engine: database.engine, location: database.location })}\n`);
    return 0;
  }
  if ((action === 'backup' || action === 'restore') && file) {
    const path = resolve(file);
    if (action === 'backup') {
      await backupDatabase(target, path);
      process.stdout.write(`${bothLanguages('cli.db.backedUp', { path })}\n`);
      return 0;
    }
    if (!(await restoreDatabase(target, path))) {
      const where = target.url ?? target.dataDir;
      throw CliError.of(where, 'cli.db.restoreTargetNotEmpty');
    }
    process.stdout.write(`${bothLanguages('cli.db.restored', { path })}\n`);
    return 0;
  }
  throw CliError.of(null, 'cli.usage.wrong', { synopsis: DB_HELP.synopsis });
}
