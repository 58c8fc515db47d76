import type { Role } from '../server/db/schema.ts';
import { ROLES } from '../server/db/schema.ts';
import { ServiceError } from '../server/services/ServiceError.ts';
import { addUser, createSignInToken } from '../server/services/users.ts';
import { bothLanguages } from '../i18n/bothLanguages.ts';
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
    throw CliError.of(null, 'cli.user.badRole', { roles: ROLES.join('|') });
  }
  const password = await readPassword();
  if (password !== null && password.length < 10) throw CliError.of('stdin', 'cli.user.shortPassword');
  const database = await openCliDatabase(values.data);
  try {
    const user = await addUser(database.db, { username: name, role: values.role as Role, regions: values.region ?? [], ...(password ? { password } : {}) });
    process.stdout.write(`${bothLanguages('cli.user.added', { user: user.username })} (${user.role}${user.regions.length ? `: ${user.regions.join(', ')}` : ''})\n`);
    if (!password) {
      const token = await createSignInToken(database.db, user.id);
      process.stdout.write(`${bothLanguages('cli.user.signInLink')}\n  SERVER_URL/api/session/link?token=${token}\n`);
    }
    return 0;
  } catch (error) {
    if (error instanceof ServiceError) throw new CliError(null, error.zh, error.en);
    throw error;
  } finally {
    await database.close();
  }
}
