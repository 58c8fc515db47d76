/**
 * The part of the text system the map, the packs and the news widget need: the app's map strings,
 * the widget's and the pack loader's messages, with the same `translate` as `index.ts` over just
 * those. The widget imports this instead of `index.ts`, so a reader's browser is not sent the
 * workspace's, measuring and import messages (~7 KB gzip of its 480 KB budget). The message files
 * are the same ones: one text system, two dictionaries.
 */
import type { Lang } from '../geo/lang.ts';
import { PackLoadError } from '../pack/loadPack.ts';
import * as app from './messages/app.ts';
import * as embed from './messages/embed.ts';
import * as pack from './messages/pack.ts';

export type { Lang };

const zh = { ...app.zh, ...embed.zh, ...pack.zh };
const en: Record<keyof typeof zh, string> = { ...app.en, ...embed.en, ...pack.en };

type CoreMessageKey = keyof typeof zh;
export type MessageParams = Record<string, string | number>;

/** Fills `{name}` placeholders; unknown placeholders stay visible, never blank. */
export function fillPlaceholders(text: string, params?: MessageParams): string {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** Translate a key of the core messages, filling `{name}` placeholders. */
export function translate(lang: Lang, key: CoreMessageKey, params?: MessageParams): string {
  return fillPlaceholders((lang === 'en' ? en : zh)[key] ?? zh[key] ?? key, params);
}

export function isLang(value: unknown): value is Lang {
  return value === 'zh' || value === 'en';
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
