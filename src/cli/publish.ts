import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { latestVersion, PACK_ID, packFiles, publishPack } from '../server/services/packs.ts';
import { ServiceError } from '../server/services/ServiceError.ts';
import { bothLanguages } from '../i18n/bothLanguages.ts';
import { CliError } from './CliError.ts';
import { parseOptions } from './parseOptions.ts';
import { DATA_OPTION, openCliDatabase } from './serverOptions.ts';
import { PUBLISH_HELP } from './commandHelp.ts';
import { helpText } from './helpText.ts';


export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseOptions(args, {
    ...DATA_OPTION,
    out: { type: 'string' },
    version: { type: 'string' },
    new: { type: 'boolean', default: false },
    as: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    process.stdout.write(`${helpText(PUBLISH_HELP)}\n`);
    return 0;
  }
  const [pack] = positionals;
  if (!pack || !PACK_ID.test(pack)) throw CliError.of(pack ?? null, 'cli.publish.badPack');
  if (!values.out) throw CliError.of(null, 'cli.publish.noOut');
  const database = await openCliDatabase(values.data);
  try {
    let version = values.version ? Number(values.version) : null;
    if (values.new) {
      if (!values.as) throw CliError.of(null, 'cli.publish.newNeedsAs');
      const row = await database.db.selectFrom('users').select(['id', 'username', 'role', 'regions']).where('username', '=', values.as).executeTakeFirst();
      if (!row) throw CliError.of(null, 'cli.publish.noUser', { user: values.as });
      const regions = typeof row.regions === 'string' ? (JSON.parse(row.regions) as string[]) : row.regions;
      version = (await publishPack(database.db, { ...row, regions }, resolve('data'), pack)).version;
    }
    version ??= await latestVersion(database.db, pack);
    if (version === null) throw CliError.of(pack, 'cli.publish.notPublished');
    const files = await packFiles(database.db, pack, version);
    if (files.length === 0) throw CliError.of(pack, 'cli.publish.noVersion', { version });
    const out = resolve(values.out);
    for (const file of files) {
      const path = join(out, file.path);
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, file.body);
    }
    process.stdout.write(`${bothLanguages('cli.publish.wrote', { pack, version, count: files.length, out })}\n`);
    return 0;
  } catch (error) {
    if (error instanceof ServiceError) throw new CliError(pack, error.zh, error.en);
    throw error;
  } finally {
    await database.close();
  }
}
