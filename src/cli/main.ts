import { translate } from '../i18n/index.ts';
import { bothLanguages } from '../i18n/bothLanguages.ts';
import { CliError } from './CliError.ts';
import { ALL_COMMAND_HELP, AREA_HELP, STATS_HELP } from './commandHelp.ts';
import { helpText, usageLabel } from './helpText.ts';
import { terminalText } from './terminalText.ts';

/** `shanshui --help`: every command's synopsis, then the full help of the two that only compute. */
function mainHelp(): string {
  return [
    `${translate('zh', 'cli.help.title')}\n${translate('en', 'cli.help.title')}`,
    `${usageLabel()}:\n${ALL_COMMAND_HELP.map((help) => `  ${help.synopsis}`).join('\n')}\n\n  shanshui COMMAND --help   ${bothLanguages('cli.help.commandHelp')}`,
    helpText(AREA_HELP),
    helpText(STATS_HELP),
  ].join('\n\n');
}

// area and stats only compute, so they answer at once; the others wait on files or the database.
type Command = (args: string[]) => number | Promise<number>;

// Each command loads only what it needs (import pulls in the file converters).
const COMMANDS = new Map<string, () => Promise<Command>>([
  ['area', async () => (await import('./area.ts')).run],
  ['stats', async () => (await import('./stats.ts')).run],
  ['import', async () => (await import('./import.ts')).run],
  ['serve', async () => (await import('./serve.ts')).run],
  ['user', async () => (await import('./user.ts')).run],
  ['db', async () => (await import('./db.ts')).run],
  ['publish', async () => (await import('./publish.ts')).run],
]);

/**
 * Runs the CLI and returns the exit code: 0 done, 2 bad input (one line on stderr naming the file
 * and the problem, in Chinese and English), 1 unexpected failure.
 */
export async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  if (command === undefined) {
    process.stderr.write(`${CliError.of(null, 'cli.missingCommand').line()}\n`);
    return 2;
  }
  if (command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(`${mainHelp()}\n`);
    return 0;
  }
  const load = COMMANDS.get(command);
  if (!load) {
    process.stderr.write(`${CliError.of(null, 'cli.unknownCommand', { command }).line()}\n`);
    return 2;
  }
  try {
    return await (await load())(args);
  } catch (error) {
    if (error instanceof CliError) {
      process.stderr.write(`${error.line()}\n`);
      return error.exitCode;
    }
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`${terminalText(`shanshui: ${translate('zh', 'cli.internalError')} ${translate('en', 'cli.internalError')}: ${message}`)}\n`);
    if (process.env.SHANSHUI_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
    return 1;
  }
}
