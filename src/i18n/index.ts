/**
 * All UI text goes through here. Chinese is the first language, English the second. Each feature
 * area keeps its messages in `messages/<area>.ts` (zh is the source of truth; en must have the same
 * keys, which TypeScript checks with `satisfies`).
 */
import type { Lang } from '../geo/lang.ts';
import { PackLoadError } from '../pack/loadPack.ts';
import * as app from './messages/app.ts';
import * as embed from './messages/embed.ts';
import * as importMessages from './messages/import.ts';
import * as indicators from './messages/indicators.ts';
import * as measure from './messages/measure.ts';
import * as pack from './messages/pack.ts';
import * as stats from './messages/stats.ts';
import * as workspace from './messages/workspace.ts';

export type { Lang };
export const LANGS: readonly Lang[] = ['zh', 'en'];

const zh = { ...app.zh, ...workspace.zh, ...stats.zh, ...measure.zh, ...importMessages.zh, ...embed.zh, ...pack.zh, ...indicators.zh };
const en: Record<keyof typeof zh, string> = { ...app.en, ...workspace.en, ...stats.en, ...measure.en, ...importMessages.en, ...embed.en, ...pack.en, ...indicators.en };

export type MessageKey = keyof typeof zh;
export type MessageParams = Record<string, string | number>;

const dictionaries: Record<Lang, Record<MessageKey, string>> = { zh, en };

/** Translate a key, filling `{name}` placeholders. Unknown placeholders stay visible, never blank. */
export function translate(lang: Lang, key: MessageKey, params?: MessageParams): string {
  const text = dictionaries[lang][key] ?? dictionaries.zh[key] ?? key;
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export function isLang(value: unknown): value is Lang {
  return value === 'zh' || value === 'en';
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

/** Pick the text of a `{zh, en}` pair (pack titles, legends). */
export function localText(text: { zh: string; en: string } | undefined, lang: Lang): string {
  if (!text) return '';
  return text[lang] || text.zh;
}

/** Why a pack failed to load, in `lang`: the error's code in words, its detail as is. */
export function packErrorText(err: unknown, lang: Lang): string {
  if (!(err instanceof PackLoadError)) return String(err);
  const text = translate(lang, `pack.error.${err.code}`);
  if (!err.detail) return text;
  return lang === 'zh' ? `${text}（${err.detail}）` : `${text} (${err.detail})`;
}
