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
 * True when the document's DOCTYPE (in the prolog, before the root element) declares entities or
 * refers to an external DTD. A DOCTYPE inside a CDATA description (whole HTML pages pasted into
 * Google Earth) is text, not a declaration, and does not count.
 */
export function hasEntityDeclarations(text: string): boolean {
  const prolog = /^\uFEFF?(?:\s+|<\?[\s\S]*?\?>|<!--[\s\S]*?-->)*<!DOCTYPE/i.exec(text.slice(0, 65_536));
  if (!prolog) return false;
  const start = prolog[0].length;
  const bracket = text.indexOf('[', start);
  const close = text.indexOf('>', start);
  // With an internal subset the DOCTYPE runs to "]>"; without, to the first ">".
  const end = bracket >= 0 && (close < 0 || bracket < close) ? text.indexOf(']', bracket) : close;
  const doctype = text.slice(start, end < 0 ? text.length : end + 1);
  return /<!ENTITY/i.test(doctype) || /^[^[]*\b(SYSTEM|PUBLIC)\b/i.test(doctype);
}

/** Maximum element nesting depth, counted on the text without building a tree. */
export function xmlNestingDepth(text: string, stopAt: number): number {
  let depth = 0;
  let max = 0;
  const tag = /<(\/?)([A-Za-z_][^\s/>]*)[^>]*?(\/?)>|<!\[CDATA\[[\s\S]*?\]\]>|<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!DOCTYPE[^>]*>/g;
  let m: RegExpExecArray | null;
  while ((m = tag.exec(text))) {
    if (m[2] === undefined) continue; // CDATA, comment, PI, doctype
    if (m[1] === '/') depth--;
    else if (m[3] !== '/') {
      depth++;
      if (depth > max) {
        max = depth;
        if (max > stopAt) return max;
      }
    }
  }
  return max;
}

type AnyDocument = Document;

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
    if (error) fail('xml-invalid', { detail: (error.textContent ?? '').replace(/\s+/g, ' ').slice(0, 160) });
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
    fail('xml-invalid', { detail: detail.replace(/\s+/g, ' ').slice(0, 160) });
  }
  if (!doc.documentElement) fail('xml-invalid', { detail: firstError ?? 'no root element' });
  return doc;
}
