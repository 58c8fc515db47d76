/**
 * All UI text goes through here. Chinese is the first language, English the second. Each feature
 * area keeps its messages in `messages/<area>.ts` (zh is the source of truth; en must have the same
 * keys, which TypeScript checks with `satisfies`).
 */
import type { Lang } from '../geo/lang.ts';
import { fillPlaceholders, isLang, type MessageParams } from './coreText.ts';
import * as app from './messages/app.ts';
import * as cli from './messages/cli.ts';
import * as embed from './messages/embed.ts';
import * as geometry from './messages/geometry.ts';
import * as importMessages from './messages/import.ts';
import * as indicators from './messages/indicators.ts';
import * as measure from './messages/measure.ts';
import * as pack from './messages/pack.ts';
import * as server from './messages/server.ts';
import * as progress from './messages/progress.ts';
import * as stats from './messages/stats.ts';
import * as team from './messages/team.ts';
import * as workspace from './messages/workspace.ts';

export type { Lang };

const zh = { ...app.zh, ...workspace.zh, ...stats.zh, ...measure.zh, ...importMessages.zh, ...embed.zh, ...pack.zh, ...geometry.zh, ...indicators.zh, ...team.zh, ...cli.zh, ...server.zh, ...progress.zh };
const en: Record<keyof typeof zh, string> = { ...app.en, ...workspace.en, ...stats.en, ...measure.en, ...importMessages.en, ...embed.en, ...pack.en, ...geometry.en, ...indicators.en, ...team.en, ...cli.en, ...server.en, ...progress.en };

export type MessageKey = keyof typeof zh;
export type { MessageParams };
// The map, pack and widget part lives in coreText.ts (the widget loads only that).
export { localText, packErrorText } from './coreText.ts';

const dictionaries: Record<Lang, Record<MessageKey, string>> = { zh, en };

/** Translate a key, filling `{name}` placeholders. Unknown placeholders stay visible, never blank. */
export function translate(lang: Lang, key: MessageKey, params?: MessageParams): string {
  return fillPlaceholders(dictionaries[lang][key] ?? dictionaries.zh[key] ?? key, params);
}

/** The language to start in: an explicit choice wins, then the browser's, then Chinese. */
export function pickLang(explicit: string | null | undefined, browserLanguages: readonly string[] = []): Lang {
  if (isLang(explicit)) return explicit;
  for (const l of browserLanguages) {
    const base = l.toLowerCase().split('-')[0];
    if (base === 'zh') return 'zh';
    if (base === 'en') return 'en';
  }
  return 'zh';
}
