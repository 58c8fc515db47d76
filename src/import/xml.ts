/**
 * Safe XML parsing for KML and GPX.
 *
 * Web Workers in Chromium have no DOMParser and Node has none, so `@xmldom/xmldom` (MIT) is used
 * there; on a page with a native DOMParser that one is used. Both are guarded the same way:
 * - any DOCTYPE that declares entities (billion laughs, external entities) is refused before
 *   parsing; xmldom would not expand them anyway, but a native parser might;
 * - element nesting deeper than `maxDepth` is refused before togeojson walks the tree recursively.
 */
import { DOMParser as XmldomParser } from '@xmldom/xmldom';
import { fail } from './failure.ts';

/**
 * Index just past the XML prolog's whitespace, declarations and comments (where the DOCTYPE or the
 * root element starts). A plain scan with indexOf: linear in the text whatever it holds (the regex
 * it replaces, `(?:\s+|…)*`, backtracked exponentially on 30–40 blanks).
 */
function prologEnd(text: string): number {
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (;;) {
    while (i < text.length && /\s/.test(text[i])) i++;
    const close = text.startsWith('<?', i) ? '?>' : text.startsWith('<!--', i) ? '-->' : undefined;
    if (!close) return i;
    const end = text.indexOf(close, i + 2);
    if (end < 0) return text.length;
    i = end + close.length;
  }
}

/**
 * True when the document's DOCTYPE (in the prolog, before the root element) declares entities or
 * refers to an external DTD. A DOCTYPE inside a CDATA description (whole HTML pages pasted into
 * Google Earth) is text, not a declaration, and does not count.
 */
export function hasEntityDeclarations(text: string): boolean {
  const at = prologEnd(text);
  if (text.slice(at, at + 9).toUpperCase() !== '<!DOCTYPE') return false;
  const start = at + 9;
  const bracket = text.indexOf('[', start);
  const close = text.indexOf('>', start);
  // With an internal subset the DOCTYPE runs to "]>"; without, to the first ">".
  const end = bracket >= 0 && (close < 0 || bracket < close) ? text.indexOf(']', bracket) : close;
  const doctype = text.slice(start, end < 0 ? text.length : end + 1);
  return /<!ENTITY/i.test(doctype) || /^[^[]*\b(SYSTEM|PUBLIC)\b/i.test(doctype);
}

/** Markup whose content is not elements: skipped to its end marker. */
const SKIPPED: [string, string][] = [
  ['<![CDATA[', ']]>'],
  ['<!--', '-->'],
  ['<?', '?>'],
  ['<!', '>'],
];

/**
 * Maximum element nesting depth, counted on the text without building a tree. Each `<` is looked
 * at once and each end marker found with one indexOf, so the scan is linear: an unterminated tag
 * means no later tag can close either, and the scan stops there (the parser then reports it).
 */
export function xmlNestingDepth(text: string, stopAt: number): number {
  let depth = 0;
  let max = 0;
  let i = text.indexOf('<');
  while (i >= 0) {
    const skipped = SKIPPED.find(([open]) => text.startsWith(open, i));
    if (skipped) {
      const end = text.indexOf(skipped[1], i + skipped[0].length);
      if (end < 0) break;
      i = text.indexOf('<', end + skipped[1].length);
      continue;
    }
    const end = text.indexOf('>', i + 1);
    if (end < 0) break;
    const closing = text.charCodeAt(i + 1) === 0x2f;
    const nameStart = closing ? i + 2 : i + 1;
    if (/[A-Za-z_]/.test(text[nameStart] ?? '')) {
      if (closing) depth--;
      else if (text.charCodeAt(end - 1) !== 0x2f) {
        depth++;
        if (depth > max) {
          max = depth;
          if (max > stopAt) return max;
        }
      }
      i = text.indexOf('<', end + 1);
    } else i = text.indexOf('<', i + 1);
  }
  return max;
}

type AnyDocument = Document;

/** The parser's (English) error text, with the line and column it names when it does. */
function xmlErrorParams(message: string): { detail: string; line?: number; column?: number } {
  const at = /line[:\s]*(\d+)[^\d]{1,12}col(?:umn)?[:\s]*(\d+)/i.exec(message);
  const detail = message.replace(/\s+/g, ' ').slice(0, 160);
  return at ? { detail, line: Number(at[1]), column: Number(at[2]) } : { detail };
}

function nativeDomParser(): { parseFromString(text: string, type: string): Document } | undefined {
  const candidate = (globalThis as { DOMParser?: new () => { parseFromString(text: string, type: string): Document } }).DOMParser;
  return candidate ? new candidate() : undefined;
}

/**
 * Parses XML text into a DOM Document. Throws ImportFailure 'xml-entities', 'xml-too-deep' or
 * 'xml-invalid' (with line and column when known).
 */
export function parseXmlSafely(text: string, maxDepth: number, parser: 'auto' | 'xmldom' = 'auto'): AnyDocument {
  if (hasEntityDeclarations(text)) fail('xml-entities');
  const depth = xmlNestingDepth(text, maxDepth);
  if (depth > maxDepth) fail('xml-too-deep', { limit: maxDepth });

  const native = parser === 'auto' ? nativeDomParser() : undefined;
  if (native) {
    const doc = native.parseFromString(text, 'application/xml');
    const error = doc.getElementsByTagName('parsererror')[0];
    if (error) fail('xml-invalid', xmlErrorParams(error.textContent ?? ''));
    return doc;
  }

  let firstError: string | undefined;
  const xmldom = new XmldomParser({
    onError: (level, message) => {
      // Warnings (e.g. an unknown HTML entity like &nbsp;) leave the text as it is; errors stop.
      if (level === 'warning') return;
      firstError ??= message;
      if (level === 'fatalError') throw new Error(message);
    },
  });
  let doc: AnyDocument;
  try {
    doc = xmldom.parseFromString(text, 'text/xml') as unknown as AnyDocument;
  } catch (error) {
    const detail = firstError ?? (error instanceof Error ? error.message : String(error));
    fail('xml-invalid', xmlErrorParams(detail));
  }
  if (!doc.documentElement) fail('xml-invalid', firstError ? xmlErrorParams(firstError) : { detail: 'no root element', detailZh: '没有根元素' });
  return doc;
}
