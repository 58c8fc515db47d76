import { translate, type MessageKey, type MessageParams } from '../i18n/index.ts';
import { terminalText } from './terminalText.ts';

/**
 * A problem with the user's input, reported as one line on stderr with exit code 2 (no stack
 * trace). `file` names the input concerned; the text is given in Chinese and English.
 */
export class CliError extends Error {
  readonly exitCode = 2;

  constructor(
    readonly file: string | null,
    readonly zh: string,
    readonly en: string,
  ) {
    super(en);
    this.name = 'CliError';
  }

  /** The problem named by a message key of src/i18n, in both languages (Chinese first). */
  static of(file: string | null, key: MessageKey, params?: MessageParams): CliError {
    return new CliError(file, translate('zh', key, params), translate('en', key, params));
  }

  /** The stderr line: `shanshui: FILE: 中文 / English`. */
  line(): string {
    // File names and messages may quote the user's data: no raw control characters.
    return terminalText(`shanshui: ${this.file ? `${this.file}: ` : ''}${this.zh} / ${this.en}`);
  }
}
