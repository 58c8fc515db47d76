/**
 * Import messages in Chinese and English: what is wrong, then what to do. The text lives in
 * src/i18n (`messages/importErrors.ts`, keys `importError.<code>`, the same `{name}` templates and
 * Lang as every other text a person reads; kept out of the shared dictionary so the widget, which
 * never imports, does not ship it); this module picks the pieces a message is built from (the advice differs between the UI,
 * which offers a coordinate-system dialog, and the CLI, which offers `--from-crs`) and fills in the
 * parameters. The UI shows the result as text: parameters come from files and are never markup.
 */
import type { Lang } from '../geo/lang.ts';
import * as importErrors from '../i18n/messages/importErrors.ts';
import type { ImportMessage, ImportMessageCode } from './types.ts';
import { valueText } from './valueText.ts';

export type MessageLanguage = Lang;
export type MessageContext = 'ui' | 'cli';

type Params = Record<string, string | number>;
type ImportErrorKey = keyof typeof importErrors.zh;

const texts: Record<Lang, Record<ImportErrorKey, string>> = { zh: importErrors.zh, en: importErrors.en };

/** The template of a key, or the key itself when there is none. */
function translate(language: Lang, key: string): string {
  return texts[language][key as ImportErrorKey] ?? texts.zh[key as ImportErrorKey] ?? key;
}

const present = (v: unknown): boolean => v !== undefined && v !== null && v !== '';

/**
 * Fills `{name}` placeholders: pieces from `chosen` as they are (possibly empty), parameters from
 * `params`, a missing parameter as "?" (never a blank that hides it).
 */
function fill(template: string, params: Params, chosen: Params = {}): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => (name in chosen ? String(chosen[name]) : present(params[name]) ? String(params[name]) : '?'));
}

function piece(language: Lang, key: string, values: Params = {}): string {
  return fill(translate(language, key), values);
}

function cap(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The key of a code's text: TypeScript checks that every code has one. */
function keyOf(code: ImportMessageCode): ImportErrorKey {
  return `importError.${code}`;
}

/** The values a code's text may use beyond its parameters: pieces chosen by parameter and context. */
function derived(code: ImportMessageCode, p: Params, language: Lang, context: MessageContext): Params {
  const zh = language === 'zh';
  const advice = piece(language, `importError.advice.chooseCrs.${context}`);
  const theFile = piece(language, 'importError.piece.theFile');
  const lookup = (prefix: string, value: unknown) => {
    const key = `${prefix}.${String(value)}`;
    const text = translate(language, key);
    return text === key ? valueText(value ?? '?') : text;
  };
  const values: Params = {
    advice,
    Advice: cap(advice),
    otherCrsAdvice: piece(language, `importError.advice.otherCrs.${context}`),
    datumAdvice: piece(language, `importError.advice.datum.${context}`),
    nameOrFile: present(p.name) ? String(p.name) : theFile,
    NameOrFile: present(p.name) ? String(p.name) : cap(theFile),
    excelHint: /Excel/.test(String(p.format ?? '')) ? piece(language, 'importError.piece.excelHint') : '',
    namePrefix: present(p.name) ? piece(language, 'importError.piece.namePrefix', p) : '',
    layerPrefix: present(p.layer) ? piece(language, 'importError.piece.layerPrefix', p) : '',
    layerSubject: present(p.layer) ? piece(language, 'importError.piece.layerSubject', p) : piece(language, 'importError.piece.dataSubject'),
    ofLayer: present(p.layer) ? ` of layer ${String(p.layer)}` : '',
    crsSource: piece(language, `importError.piece.declaredBy.${p.source === 'user' ? 'user' : 'file'}`),
    prjHint: p.source === 'prj' ? piece(language, 'importError.piece.prjHint') : '',
    reasonText: lookup('importError.reason', p.reason),
    problemText: lookup('importError.recordProblem', p.problem),
  };
  if (code === 'file-empty') values.name = present(p.name) ? String(p.name) : '';
  if (code === 'json-invalid') {
    values.lineColumn = present(p.line) ? piece(language, 'importError.piece.lineColumn', p) : '';
    // Library text (JSON.parse) stays out of Chinese messages; the English one carries it.
    values.detailPart = zh ? (present(p.detailZh) ? piece(language, 'importError.piece.jsonDetail', p) : '') : present(p.detail) ? piece(language, 'importError.piece.jsonDetail', p) : '';
  } else if (zh) {
    // The Chinese detail of a damage report, or the line it is on; never fflate's or xmldom's English.
    values.detailPart = present(p.detailZh)
      ? piece(language, 'importError.piece.detail', p)
      : present(p.line)
        ? piece(language, present(p.column) ? 'importError.piece.lineColumn' : 'importError.piece.line', p)
        : '';
  }
  return values;
}

const CODE_KEY = /^importError\.([a-z0-9-]+)$/;

/** One sentence (or two) in the given language: what is wrong and what to do. */
export function formatImportMessage(message: ImportMessage, language: MessageLanguage, context: MessageContext = 'ui'): string {
  const code = message.code;
  if (!KNOWN_MESSAGE_CODES.includes(code)) return piece(language, 'importError.unknown', { code: String(message.code) });
  const p = message.params ?? {};
  const text = fill(translate(language, keyOf(code)), p, derived(code, p, language, context))
    .replace(/\s+/g, ' ')
    .trim();
  return withFileName(text, p.file, language);
}

/** Prefixes the file's name unless the text names it already (with or without its extension). */
function withFileName(text: string, file: string | number | undefined, language: MessageLanguage): string {
  if (file === undefined || file === '') return text;
  const name = String(file).split(/[\\/]/).pop() ?? String(file);
  const base = name.replace(/\.[^.]+$/, '');
  if (text.includes(base)) return text;
  return piece(language, 'importError.withFile', { file: name, text });
}

/** Both languages at once, Chinese first. */
export function importMessageText(message: ImportMessage, context: MessageContext = 'ui'): { zh: string; en: string } {
  return { zh: formatImportMessage(message, 'zh', context), en: formatImportMessage(message, 'en', context) };
}

/** Every code with a text (for tests). */
export const KNOWN_MESSAGE_CODES: ImportMessageCode[] = Object.keys(importErrors.zh).flatMap((k): ImportMessageCode[] => {
  const m = CODE_KEY.exec(k);
  return m && m[1] !== 'unknown' && m[1] !== 'withFile' ? [m[1] as ImportMessageCode] : [];
});
