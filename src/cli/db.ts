import { resolve } from 'node:path';
import { backupDatabase, restoreDatabase } from '../server/db/backup.ts';
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
    process.stdout.write(`数据库已是最新结构 / database schema is up to date (${database.engine}: ${database.location})\n`);
    return 0;
  }
  if ((action === 'backup' || action === 'restore') && file) {
    const path = resolve(file);
    if (action === 'backup') {
      await backupDatabase(target, path);
      process.stdout.write(`已备份到 backed up to ${path}\n`);
      return 0;
    }
    if (!(await restoreDatabase(target, path))) {
      const where = target.url ?? target.dataDir;
      throw new CliError(where, '目标不是空的，恢复不会覆盖现有数据；请用新的 --data 文件夹或空数据库', 'the target is not empty; restore never overwrites data: use a new --data folder or an empty database');
    }
    process.stdout.write(`已从 ${path} 恢复 / restored from ${path}\n`);
    return 0;
  }
  throw CliError.of(null, 'cli.usage.wrong', { synopsis: DB_HELP.synopsis });
}
