import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CliError } from './CliError.ts';

/** node:util parseArgs, with its errors turned into a one-line CliError. */
export function parseOptions<T extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: T) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    const message = (error as Error).message;
    throw CliError.of(null, 'cli.badArguments', { message });
  }
}
