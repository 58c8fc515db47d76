import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startServer } from '../server/serve.ts';
import { bothLanguages } from '../i18n/bothLanguages.ts';
import { CliError } from './CliError.ts';
import { parseOptions } from './parseOptions.ts';
import { DATA_OPTION, databaseTarget } from './serverOptions.ts';
import { SERVE_HELP } from './commandHelp.ts';
import { helpText } from './helpText.ts';


export async function run(args: string[]): Promise<number> {
  const { values } = parseOptions(args, {
    ...DATA_OPTION,
    port: { type: 'string', default: '8080' },
    host: { type: 'string', default: '127.0.0.1' },
    dev: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    process.stdout.write(`${helpText(SERVE_HELP)}\n`);
    return 0;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw CliError.of(null, 'cli.serve.badPort', { port: values.port });
  const root = resolve('.');
  if (!values.dev && !existsSync(join(root, 'dist', 'index.html'))) {
    throw CliError.of(join(root, 'dist'), 'cli.serve.noBuild');
  }
  const target = databaseTarget(values.data);
  process.stderr.write(`${target.url ? bothLanguages('cli.serve.connecting') : bothLanguages('cli.serve.opening', { dir: target.dataDir })}\n`);
  const server = await startServer({
    port,
    host: values.host,
    databaseUrl: target.url,
    dataDir: target.dataDir,
    root,
    dev: values.dev,
    regionsPack: 'changzhi',
  });
  process.stdout.write(`山水 Shanshui: ${server.url}  (${server.database.engine}: ${server.database.location})\n`);
  if (server.firstAdminLink) {
    process.stdout.write(`${bothLanguages('cli.serve.firstAdminLink')}\n  ${server.url}${server.firstAdminLink}\n`);
  }
  // Serve until Ctrl-C or a stop signal; always close the database (PGlite flushes its files).
  await new Promise<void>((done) => {
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
  });
  await server.close();
  return 0;
}
