/**
 * Recognises a file's format from its content (the extension only breaks ties), so a GeoJSON
 * saved as .txt or a KML renamed .xml imports, and a file in a format we cannot read gets a
 * message naming that format.
 */

export type DetectedFormat =
  | { kind: 'zip' }
  | { kind: 'geojson' }
  | { kind: 'geojsonseq' }
  | { kind: 'xml' }
  | { kind: 'csv' }
  | { kind: 'parcels' }
  | { kind: 'dxf' }
  | { kind: 'shp' }
  | { kind: 'shapefile-sidecar'; part: 'dbf' | 'prj' | 'cpg' | 'shx' }
  | { kind: 'unsupported'; format: string }
  | { kind: 'unknown' };

function startsWith(bytes: Uint8Array, ...sig: number[]): boolean {
  if (bytes.length < sig.length) return false;
  for (let i = 0; i < sig.length; i++) if (bytes[i] !== sig[i]) return false;
  return true;
}

function ascii(bytes: Uint8Array, start: number, length: number): string {
  let s = '';
  for (let i = start; i < Math.min(bytes.length, start + length); i++) s += String.fromCharCode(bytes[i]);
  return s;
}

export function extensionOf(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? name;
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
}

/** Index of the first byte that is not whitespace or a BOM. */
function firstContentByte(bytes: Uint8Array): number {
  let i = 0;
  if (startsWith(bytes, 0xef, 0xbb, 0xbf)) i = 3;
  while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === 0x09 || bytes[i] === 0x0a || bytes[i] === 0x0d || bytes[i] === 0x1e)) i++;
  return i;
}

function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 4096);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i];
    if (b === 0) return true;
    if (b < 0x09 || (b > 0x0d && b < 0x20 && b !== 0x1b && b !== 0x1e)) control++;
  }
  return control > n * 0.02;
}

export function detectFormat(bytes: Uint8Array, name: string): DetectedFormat {
  const ext = extensionOf(name);
  if (startsWith(bytes, 0x50, 0x4b, 0x03, 0x04) || startsWith(bytes, 0x50, 0x4b, 0x05, 0x06)) return { kind: 'zip' };
  // Shapefile main file: big-endian file code 9994.
  if (startsWith(bytes, 0x00, 0x00, 0x27, 0x0a) && bytes.length >= 100) return ext === 'shx' ? { kind: 'shapefile-sidecar', part: 'shx' } : { kind: 'shp' };
  if (ext === 'dbf' || ext === 'prj' || ext === 'cpg' || ext === 'shx') return { kind: 'shapefile-sidecar', part: ext };

  if (startsWith(bytes, 0x25, 0x50, 0x44, 0x46)) return { kind: 'unsupported', format: 'PDF' };
  if (startsWith(bytes, 0x89, 0x50, 0x4e, 0x47) || startsWith(bytes, 0xff, 0xd8, 0xff) || startsWith(bytes, 0x47, 0x49, 0x46, 0x38)) {
    return { kind: 'unsupported', format: 'image' };
  }
  if (startsWith(bytes, 0x49, 0x49, 0x2a, 0x00) || startsWith(bytes, 0x4d, 0x4d, 0x00, 0x2a)) return { kind: 'unsupported', format: 'TIFF / GeoTIFF (raster)' };
  if (startsWith(bytes, 0xd0, 0xcf, 0x11, 0xe0)) return { kind: 'unsupported', format: 'Excel 97-2003 (.xls)' };
  if (ascii(bytes, 0, 16) === 'SQLite format 3\u0000') return { kind: 'unsupported', format: 'GeoPackage / SQLite' };
  if (ascii(bytes, 0, 4) === 'AC10') return { kind: 'unsupported', format: 'DWG (AutoCAD)' };
  if (startsWith(bytes, 0x52, 0x61, 0x72, 0x21)) return { kind: 'unsupported', format: 'RAR' };
  if (startsWith(bytes, 0x37, 0x7a, 0xbc, 0xaf)) return { kind: 'unsupported', format: '7z' };
  if (startsWith(bytes, 0x1f, 0x8b)) return { kind: 'unsupported', format: 'gzip' };
  if (startsWith(bytes, 0xff, 0xfe) || startsWith(bytes, 0xfe, 0xff)) {
    // UTF-16 text (some Windows tools): decoded later; guess by extension.
    if (ext === 'csv' || ext === 'txt') return { kind: 'csv' };
    if (ext === 'kml' || ext === 'gpx' || ext === 'xml') return { kind: 'xml' };
    return { kind: 'geojson' };
  }

  const i = firstContentByte(bytes);
  if (i >= bytes.length) return { kind: 'unknown' };
  const c = bytes[i];
  if (bytes[i - 1] === 0x1e || (c === 0x7b && (ext === 'geojsonl' || ext === 'geojsons' || ext === 'ndjson' || ext === 'jsonl'))) {
    return { kind: 'geojsonseq' };
  }
  // 界址点坐标文件: "[属性描述]" — a bracket followed by Chinese (UTF-8 or GBK), never JSON.
  if (c === 0x5b && bytes[i + 1] >= 0x80) return { kind: 'parcels' };
  if (c === 0x7b || c === 0x5b) return { kind: 'geojson' };
  if (c === 0x3c) {
    const head = ascii(bytes, i, 512).toLowerCase();
    if (head.startsWith('<!doctype html') || head.startsWith('<html')) return { kind: 'unsupported', format: 'HTML' };
    return { kind: 'xml' };
  }
  if (ext === 'dxf' || /^\s*0\r?\nSECTION/.test(ascii(bytes, i, 20))) return { kind: 'dxf' };
  if (looksBinary(bytes)) return { kind: 'unknown' };
  return { kind: 'csv' };
}

/** Names a zip that is not a geodata archive (Office documents are zips too). */
export function describeForeignZip(names: string[]): string | undefined {
  if (names.some((n) => n.startsWith('xl/'))) return 'Excel (.xlsx)';
  if (names.some((n) => n.startsWith('word/'))) return 'Word (.docx)';
  if (names.some((n) => n.startsWith('ppt/'))) return 'PowerPoint (.pptx)';
  if (names.some((n) => /\.gdb\/[^/]*$/i.test(n) || /\.gdbtable$/i.test(n))) return 'File Geodatabase (.gdb)';
  if (names.some((n) => /\.(tab|mif)$/i.test(n))) return 'MapInfo (.tab/.mif)';
  if (names.some((n) => /\.dwg$/i.test(n))) return 'DWG (AutoCAD)';
  return undefined;
}
