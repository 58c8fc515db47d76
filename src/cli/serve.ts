import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startServer } from '../server/serve.ts';
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
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliError(null, `端口无效：${values.port}`, `bad port: ${values.port}`);
  const root = resolve('.');
  if (!values.dev && !existsSync(join(root, 'dist', 'index.html'))) {
    throw new CliError(join(root, 'dist'), '没有构建好的应用：先运行 npm run build，或加 --dev', 'no built app: run npm run build first, or add --dev');
  }
  const target = databaseTarget(values.data);
  process.stderr.write(target.url ? '连接 PostgreSQL… / connecting to PostgreSQL…\n' : `打开数据文件夹 ${target.dataDir}（首次约 30 秒）… / opening ${target.dataDir} (first start ~30 s)…\n`);
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
    process.stdout.write(`首位管理员的一次性登录链接 / one-time sign-in link for the first administrator (user "admin"):\n  ${server.url}${server.firstAdminLink}\n`);
  }
  // Serve until Ctrl-C or a stop signal; always close the database (PGlite flushes its files).
  await new Promise<void>((done) => {
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
  });
  await server.close();
  return 0;
}
