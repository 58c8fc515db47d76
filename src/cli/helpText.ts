import type { Lang } from '../geo/lang.ts';
import { translate, type MessageKey } from '../i18n/index.ts';

/** A command's help: the synopsis and option names are code (the same in every language); the rest is text from src/i18n. */
export interface CommandHelp {
  /** The command as typed, e.g. `shanshui area FILE [--json]`. */
  synopsis: string;
  summary: MessageKey;
  /** Options, actions or environment variables, each with what it means (and a code example, the same in every language). */
  options?: ReadonlyArray<readonly [name: string, meaning: MessageKey, example?: string]>;
  notes?: readonly MessageKey[];
}

const BOTH_LANGUAGES: readonly Lang[] = ['zh', 'en'];

const indent = (text: string, by: string): string => text.replace(/\n/g, `\n${by}`);

/** The `用法 Usage:` label in the languages asked for. */
export function usageLabel(langs: readonly Lang[] = BOTH_LANGUAGES): string {
  return langs.map((lang) => translate(lang, 'cli.help.usage')).join(' ');
}

/**
 * The help of one command in the languages asked for (both by default, Chinese first): each text
 * is given in every language, one under the other, so the options stay in one column.
 */
export function helpText(help: CommandHelp, langs: readonly Lang[] = BOTH_LANGUAGES): string {
  const block = (key: MessageKey, by: string) => langs.map((lang) => indent(translate(lang, key), by)).join(`\n${by}`);
  const parts = [`${usageLabel(langs)}: ${help.synopsis}`, `  ${block(help.summary, '  ')}`];
  if (help.options?.length) {
    const width = Math.max(...help.options.map(([name]) => name.length)) + 2;
    const column = ' '.repeat(width + 2);
    parts.push(
      help.options
        .map(([name, meaning, example]) => `  ${name.padEnd(width)}${block(meaning, column)}${example === undefined ? '' : `\n${column}${indent(example, column)}`}`)
        .join('\n'),
    );
  }
  if (help.notes?.length) parts.push(help.notes.map((note) => `  ${block(note, '  ')}`).join('\n'));
  return parts.join('\n\n');
}
