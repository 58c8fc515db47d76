/**
 * Text decoding for imported files. Chinese files are often GBK (Excel's CSV, ArcGIS shapefiles,
 * old KML exports), so when no encoding is declared and the bytes are not valid UTF-8 we decode as
 * GB18030 — the WHATWG superset of GBK that browsers and Node implement — and say so.
 */

export interface DecodedText {
  text: string;
  /** WHATWG encoding name actually used, e.g. 'utf-8', 'gb18030', 'gbk'. */
  encoding: string;
  /** True when the encoding was guessed (no BOM, no declaration, not valid UTF-8). */
  guessed: boolean;
}

/**
 * Maps the encoding names found in `.cpg` files, dBASE language-driver ids and XML declarations
 * to a label `TextDecoder` understands. Returns undefined for unknown names.
 */
export function normalizeEncodingLabel(label: string | undefined): string | undefined {
  if (!label) return undefined;
  const cleaned = label.trim().toLowerCase().replace(/^ansi[\s_-]*/, '').replace(/^(cp|windows-|ms)(?=\d)/, '');
  const aliases: Record<string, string> = {
    '936': 'gbk',
    gbk: 'gbk',
    gb2312: 'gbk',
    'gb_2312-80': 'gbk',
    'x-gbk': 'gbk',
    gb18030: 'gb18030',
    '54936': 'gb18030',
    '950': 'big5',
    big5: 'big5',
    '65001': 'utf-8',
    'utf-8': 'utf-8',
    utf8: 'utf-8',
    '1252': 'windows-1252',
    'iso-8859-1': 'windows-1252',
    'iso8859-1': 'windows-1252',
    'iso_8859_1': 'windows-1252',
    latin1: 'windows-1252',
    '28591': 'windows-1252',
    'utf-16': 'utf-16le',
    'utf-16le': 'utf-16le',
    'utf-16be': 'utf-16be',
  };
  const mapped = aliases[cleaned] ?? (/^\d+$/.test(cleaned) ? CODE_PAGES[Number(cleaned)] : undefined) ?? cleaned;
  try {
    return new TextDecoder(mapped).encoding;
  } catch {
    return undefined;
  }
}

/**
 * Windows code page numbers as written in `.cpg` files (ArcGIS writes "936", "65001", "1250"…),
 * mapped to WHATWG encoding labels. Code pages TextDecoder lacks (437, 850, 852) are absent: their
 * files are then decoded as UTF-8 or GBK by detection, with a warning.
 */
const CODE_PAGES: Record<number, string> = {
  866: 'ibm866',
  874: 'windows-874',
  932: 'shift_jis',
  936: 'gbk',
  949: 'euc-kr',
  950: 'big5',
  1250: 'windows-1250',
  1251: 'windows-1251',
  1252: 'windows-1252',
  1253: 'windows-1253',
  1254: 'windows-1254',
  1255: 'windows-1255',
  1256: 'windows-1256',
  1257: 'windows-1257',
  1258: 'windows-1258',
  20936: 'gb18030',
  54936: 'gb18030',
  65001: 'utf-8',
};

/**
 * Code page of a dBASE "language driver id" (byte 29 of a .dbf header), from the table GDAL's
 * shapefile driver uses (ogr/ogrsf_frmts/shape/ogrshapelayer.cpp). 0x57 ("ANSI", no code page)
 * and 0 (none) give undefined: the encoding is then detected from the bytes.
 */
const LANGUAGE_DRIVERS: Record<number, number> = {
  0x01: 437, 0x02: 850, 0x03: 1252, 0x08: 865, 0x09: 437, 0x0a: 850, 0x0b: 437, 0x0d: 437, 0x0e: 850, 0x0f: 437,
  0x10: 850, 0x11: 437, 0x12: 850, 0x13: 932, 0x14: 850, 0x15: 437, 0x16: 850, 0x17: 865, 0x18: 437, 0x19: 437,
  0x1a: 850, 0x1b: 437, 0x1c: 863, 0x1d: 850, 0x1f: 852, 0x22: 852, 0x23: 852, 0x24: 860, 0x25: 850, 0x26: 866,
  0x37: 850, 0x40: 852, 0x4d: 936, 0x4e: 949, 0x4f: 950, 0x50: 874, 0x58: 1252, 0x59: 1252, 0x64: 852, 0x65: 866,
  0x66: 865, 0x67: 861, 0x6a: 737, 0x6b: 857, 0x78: 950, 0x79: 949, 0x7a: 936, 0x7b: 932, 0x7c: 874, 0x7d: 1255,
  0x7e: 1256, 0x96: 10007, 0x97: 10029, 0x98: 10006, 0xc8: 1250, 0xc9: 1251, 0xca: 1254, 0xcb: 1253, 0xcc: 1257,
};

export function dbfLanguageDriverEncoding(ldid: number): string | undefined {
  const codePage = LANGUAGE_DRIVERS[ldid];
  return codePage === undefined ? undefined : CODE_PAGES[codePage];
}

function bomEncoding(bytes: Uint8Array): { encoding: string; skip: number } | undefined {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', skip: 3 };
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', skip: 2 };
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', skip: 2 };
  return undefined;
}

/** True when the bytes are valid UTF-8 (ASCII included). */
export function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/**
 * Decodes bytes: BOM first, then the declared encoding (if `TextDecoder` knows it), then UTF-8 if
 * valid, else GB18030.
 */
export function decodeText(bytes: Uint8Array, declared?: string): DecodedText {
  const bom = bomEncoding(bytes);
  if (bom) {
    return { text: new TextDecoder(bom.encoding).decode(bytes.subarray(bom.skip)), encoding: bom.encoding, guessed: false };
  }
  const label = normalizeEncodingLabel(declared);
  if (label) return { text: new TextDecoder(label).decode(bytes), encoding: label, guessed: false };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8', guessed: false };
  } catch {
    return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030', guessed: true };
  }
}

/** Encoding named in an XML declaration (`<?xml version="1.0" encoding="GBK"?>`), if any. */
export function xmlDeclaredEncoding(bytes: Uint8Array): string | undefined {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 200));
  return /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head)?.[1];
}

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  ensp: ' ',
  emsp: ' ',
  middot: '·',
  hellip: '…',
  mdash: '—',
  ndash: '–',
  ldquo: '“',
  rdquo: '”',
  lsquo: '‘',
  rsquo: '’',
  copy: '©',
  reg: '®',
  deg: '°',
  times: '×',
};

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,8});/gi, (match, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : '';
    }
    return NAMED_ENTITIES[body.toLowerCase()] ?? match;
  });
}

/**
 * Plain text of an HTML fragment (KML descriptions), for the CLI and for search/labels. Drops
 * script/style content, turns block ends and <br> into line breaks, removes every tag and decodes
 * entities. The result is text, never markup; the UI must still render it as text.
 */
export function descriptionText(html: string): string {
  if (typeof html !== 'string' || html === '') return '';
  const withoutCode = html
    .replace(/<!--[\s\S]*?(-->|$)/g, '')
    .replace(/<(script|style|iframe|object|template)\b[\s\S]*?(<\/\1\s*>|$)/gi, '')
    .replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, '$1');
  const withBreaks = withoutCode.replace(/<br\s*\/?>|<\/?(p|div|li|tr|h[1-6]|table|ul|ol)\b[^>]*>/gi, '\n');
  // Tags, including unterminated ones at the end, are removed; what is left is text.
  const noTags = withBreaks.replace(/<\/?[a-z!?][^>]*(>|$)/gi, '');
  return decodeEntities(noTags)
    .replace(/[ \t\f\v\u00a0]+/g, ' ')
    .replace(/ *\n[\s]*/g, '\n')
    .trim();
}
