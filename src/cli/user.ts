import type { Role } from '../server/db/schema.ts';
import { ROLES } from '../server/db/schema.ts';
import { ServiceError } from '../server/services/ServiceError.ts';
import { addUser, createSignInToken } from '../server/services/users.ts';
import { CliError } from './CliError.ts';
import { parseOptions } from './parseOptions.ts';
import { readPassword } from './readPassword.ts';
import { DATA_OPTION, openCliDatabase } from './serverOptions.ts';
import { USER_HELP } from './commandHelp.ts';
import { helpText } from './helpText.ts';


export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseOptions(args, {
    ...DATA_OPTION,
    role: { type: 'string' },
    region: { type: 'string', multiple: true },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    process.stdout.write(`${helpText(USER_HELP)}\n`);
    return 0;
  }
  const [action, name] = positionals;
  if (action !== 'add' || !name) throw CliError.of(null, 'cli.usage.wrong', { synopsis: USER_HELP.synopsis });
  if (!values.role || !ROLES.includes(values.role as Role)) {
    throw new CliError(null, `--role 须为 ${ROLES.join('|')}`, `--role must be one of ${ROLES.join('|')}`);
  }
  const password = await readPassword();
  if (password !== null && password.length < 10) throw new CliError('stdin', '密码至少 10 个字符', 'a password needs at least 10 characters');
  const database = await openCliDatabase(values.data);
  try {
    const user = await addUser(database.db, { username: name, role: values.role as Role, regions: values.region ?? [], ...(password ? { password } : {}) });
    process.stdout.write(`已添加 added ${user.username} (${user.role}${user.regions.length ? `: ${user.regions.join(', ')}` : ''})\n`);
    if (!password) {
      const token = await createSignInToken(database.db, user.id);
      process.stdout.write(`一次性登录链接（24 小时内有效）/ one-time sign-in link (valid 24 h):\n  SERVER_URL/api/session/link?token=${token}\n`);
    }
    return 0;
  } catch (error) {
    if (error instanceof ServiceError) throw new CliError(null, error.zh, error.en);
    throw error;
  } finally {
    await database.close();
  }
}
