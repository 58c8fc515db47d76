import { translate, type MessageKey, type MessageParams } from './index.ts';

/** A message of src/i18n as the CLI and the server print it when no language is chosen: "中文 / English". */
export function bothLanguages(key: MessageKey, params?: MessageParams): string {
  return `${translate('zh', key, params)} / ${translate('en', key, params)}`;
}

/** A table heading or label in both languages, side by side: "名称 Name". */
export function headingInBothLanguages(key: MessageKey): string {
  return `${translate('zh', key)} ${translate('en', key)}`;
}
