/**
 * Shapefiles: geometry through shpjs's `parseShp` (MIT), after a structural check of every record
 * here — shpjs trusts record lengths and part counts, so a damaged file could make it loop or
 * allocate without bound. Attributes come from our own small dBASE reader instead of shpjs's
 * `parsedbf`: parsedbf ignores the header length stored in the file (records of FoxPro-style
 * headers come out shifted) and cannot tell us which encoding it decoded with; we need that to
 * pick UTF-8 or GBK (.cpg, then validity, then the language-driver byte) and to say when we
 * guessed. Reprojection is not left to shpjs either: the .prj goes through ../crs.
 */
import type { Feature, Geometry } from 'geojson';
import { parseShp } from 'shpjs';
import { checkCancelled, reserveFeatures, type ImportContext, type RawLayer } from '../context.ts';
import { fail } from '../failure.ts';
import type { ImportMessage } from '../types.ts';
import { dbfLanguageDriverEncoding, isValidUtf8, normalizeEncodingLabel } from '../text.ts';

export interface ShapefileParts {
  name: string;
  shp?: Uint8Array;
  dbf?: Uint8Array;
  prj?: Uint8Array;
  cpg?: Uint8Array;
}

const SUPPORTED_TYPES = new Set([0, 1, 3, 5, 8, 11, 13, 15, 18, 21, 23, 25, 28]);
const MULTIPOINT_TYPES = new Set([8, 18, 28]);
const POINT_TYPES = new Set([1, 11, 21]);

/** Why a record could not be read (its attributes are kept, its geometry is null). */
type ShpRecordProblem = 'truncated' | 'too-short' | 'counts' | 'part-order' | 'too-many-parts' | 'unknown-type';

interface ShpScan {
  shapeType: number;
  /** Records found, readable or not; zero padding after the last one is not a record. */
  records: number;
  vertices: number;
  /** Readable records whose shape type differs from the file's (GDAL reads them as they are). */
  foreign: number[];
  unreadable: { index: number; problem: ShpRecordProblem }[];
  /** Byte offset of each record's header. */
  offsets: number[];
}

function zeroFrom(bytes: Uint8Array, start: number): boolean {
  for (let i = start; i < bytes.length; i++) if (bytes[i] !== 0) return false;
  return true;
}

/** The problem with one record's content, or its vertex count. */
function checkRecord(view: DataView, c: number, contentBytes: number, type: number, maxParts: number): ShpRecordProblem | number {
  if (type === 0) return 0;
  if (!SUPPORTED_TYPES.has(type)) return 'unknown-type';
  if (POINT_TYPES.has(type)) return contentBytes < 20 ? 'too-short' : 1;
  if (MULTIPOINT_TYPES.has(type)) {
    if (contentBytes < 40) return 'too-short';
    const points = view.getInt32(c + 36, true);
    return points < 0 || 40 + points * 16 > contentBytes ? 'counts' : points;
  }
  if (contentBytes < 44) return 'too-short';
  const parts = view.getInt32(c + 36, true);
  const points = view.getInt32(c + 40, true);
  if (parts < 0 || points < 0 || 44 + parts * 4 + points * 16 > contentBytes) return 'counts';
  if (parts > maxParts) return 'too-many-parts';
  let previous = 0;
  for (let i = 0; i < parts; i++) {
    const start = view.getInt32(c + 44 + i * 4, true);
    if (start < previous || start >= Math.max(points, 1) || (i === 0 && start !== 0)) return 'part-order';
    previous = start;
  }
  if (parts > 0 && points === 0) return 'counts';
  return points;
}

/**
 * Walks the .shp records and checks that every length, part count and point count fits its
 * record — shpjs trusts them. A damaged record is noted (GDAL reads it as a null geometry), a
 * record of another shape type is noted (GDAL reads it as it is), zero bytes after the last record
 * are padding, and a record cut off by the end of the file ends the scan. Only a damaged header
 * throws ImportFailure 'shp-corrupt'.
 */
function checkShpStructure(shp: Uint8Array, maxParts: number): ShpScan {
  if (shp.length < 100) fail('shp-corrupt', { detail: 'file shorter than its 100-byte header', detailZh: '文件不足 100 字节的文件头' });
  const view = new DataView(shp.buffer, shp.byteOffset, shp.byteLength);
  if (view.getInt32(0, false) !== 9994) fail('shp-corrupt', { detail: 'not a .shp file (bad file code)', detailZh: '文件代码不对，不是 .shp 文件' });
  const shapeType = view.getInt32(32, true);
  if (shapeType === 31) fail('shp-unsupported-type', { type: 'MultiPatch' });
  if (!SUPPORTED_TYPES.has(shapeType)) fail('shp-corrupt', { detail: `unknown shape type ${shapeType}`, detailZh: `未知的几何类型 ${shapeType}` });
  const scan: ShpScan = { shapeType, records: 0, vertices: 0, foreign: [], unreadable: [], offsets: [] };
  let offset = 100;
  while (offset + 8 <= shp.length) {
    const contentBytes = view.getInt32(offset + 4, false) * 2;
    if (view.getInt32(offset, false) === 0 && contentBytes === 0 && zeroFrom(shp, offset)) break;
    const index = scan.records++;
    scan.offsets.push(offset);
    if (contentBytes < 0 || offset + 8 + contentBytes > shp.length) {
      scan.unreadable.push({ index, problem: 'truncated' });
      break;
    }
    const c = offset + 8;
    if (contentBytes > 0 && contentBytes < 4) scan.unreadable.push({ index, problem: 'too-short' });
    else if (contentBytes >= 4) {
      const type = view.getInt32(c, true);
      const checked = checkRecord(view, c, contentBytes, type, maxParts);
      if (typeof checked === 'string') scan.unreadable.push({ index, problem: checked });
      else {
        if (type !== 0 && type !== shapeType) scan.foreign.push(index);
        scan.vertices += checked;
      }
    }
    offset += 8 + contentBytes;
  }
  return scan;
}

/** One record as a .shp of its own (file header with the record's type), for shpjs. */
function singleRecordShp(shp: Uint8Array, offset: number): DataView {
  const view = new DataView(shp.buffer, shp.byteOffset, shp.byteLength);
  const length = 8 + view.getInt32(offset + 4, false) * 2;
  const out = new Uint8Array(100 + length);
  out.set(shp.subarray(0, 100));
  out.set(shp.subarray(offset, offset + length), 100);
  const outView = new DataView(out.buffer);
  outView.setInt32(24, out.length / 2, false);
  outView.setInt32(32, view.getInt32(offset + 8, true), true);
  return outView;
}

/**
 * Geometries of every record: shpjs reads the file (damaged records replaced by null records
 * first), records of another shape type are read on their own, damaged ones stay null.
 */
function readGeometries(shp: Uint8Array, scan: ShpScan): (Geometry | null)[] {
  if (scan.records === 0) return [];
  const view = new DataView(shp.buffer, shp.byteOffset, shp.byteLength);
  const replaced = new Set([...scan.foreign, ...scan.unreadable.map((u) => u.index)]);
  let source = view;
  if (replaced.size || scan.offsets.length && scan.offsets[scan.offsets.length - 1] + 8 + view.getInt32(scan.offsets[scan.offsets.length - 1] + 4, false) * 2 !== shp.length) {
    // Rebuild the file: good records as they are, null records (type 0) in place of the others.
    const chunks: Uint8Array[] = [shp.subarray(0, 100)];
    const nullRecord = Uint8Array.of(0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0);
    scan.offsets.forEach((offset, i) => {
      chunks.push(replaced.has(i) ? nullRecord : shp.subarray(offset, offset + 8 + view.getInt32(offset + 4, false) * 2));
    });
    const total = chunks.reduce((n, c) => n + c.length, 0);
    const out = new Uint8Array(total);
    let at = 0;
    for (const c of chunks) {
      out.set(c, at);
      at += c.length;
    }
    source = new DataView(out.buffer);
    source.setInt32(24, total / 2, false);
  }
  const geometries = parseShp(source) as (Geometry | null)[];
  for (const index of scan.foreign) geometries[index] = (parseShp(singleRecordShp(shp, scan.offsets[index])) as (Geometry | null)[])[0] ?? null;
  return geometries;
}

// ---------------------------------------------------------------------------------------------
// dBASE
// ---------------------------------------------------------------------------------------------

interface DbfField {
  name: string;
  type: string;
  offset: number;
  length: number;
}

export interface DbfTable {
  records: Record<string, unknown>[];
  encoding: string;
  guessedEncoding: boolean;
}

function trimRight(s: string): string {
  // eslint-disable-next-line no-control-regex -- dBase pads text fields with NUL bytes
  return s.replace(/[\s\u0000]+$/, '');
}

/**
 * UTF-8 bytes already checked valid (isValidUtf8 on the whole table) to text. For the short strings
 * of a record this is several times faster than a TextDecoder call.
 */
function utf8(b: Uint8Array, start: number, end: number): string {
  let out = '';
  let i = start;
  while (i < end) {
    const c = b[i];
    let code: number;
    if (c < 0x80) {
      code = c;
      i += 1;
    } else if (c < 0xe0) {
      code = ((c & 0x1f) << 6) | (b[i + 1] & 0x3f);
      i += 2;
    } else if (c < 0xf0) {
      code = ((c & 0x0f) << 12) | ((b[i + 1] & 0x3f) << 6) | (b[i + 2] & 0x3f);
      i += 3;
    } else {
      code = ((c & 0x07) << 18) | ((b[i + 1] & 0x3f) << 12) | ((b[i + 2] & 0x3f) << 6) | (b[i + 3] & 0x3f);
      i += 4;
    }
    out += String.fromCodePoint(code);
  }
  return out;
}

/**
 * Text of dbf[start, start+length) without the padding blanks/NULs, trimmed on the bytes before
 * decoding (text fields are padded to their width, often 254 bytes). ASCII skips the decoder.
 */
function fieldText(dbf: Uint8Array, start: number, length: number, decoder: TextDecoder, validUtf8: boolean): string {
  let end = start + length;
  while (end > start && (dbf[end - 1] === 0x20 || dbf[end - 1] === 0)) end--;
  while (start < end && dbf[start] === 0x20) start++;
  let ascii = true;
  for (let i = start; i < end; i++) {
    if (dbf[i] >= 0x80) {
      ascii = false;
      break;
    }
  }
  // eslint-disable-next-line no-control-regex -- dBase pads text fields with NUL bytes
  if (!ascii) return (validUtf8 ? utf8(dbf, start, end) : decoder.decode(dbf.subarray(start, end))).replace(/\u0000+$/, '');
  let out = '';
  for (let i = start; i < end; i++) out += String.fromCharCode(dbf[i]);
  return out;
}

/** Reads a .dbf. `cpg` is the text of the .cpg file. Throws ImportFailure 'dbf-corrupt'. */
export function readDbf(dbf: Uint8Array, cpg: string | undefined, ctx: ImportContext): DbfTable {
  if (dbf.length < 33) fail('dbf-corrupt', { detail: 'file shorter than its header', detailZh: '文件比文件头还短' });
  const view = new DataView(dbf.buffer, dbf.byteOffset, dbf.byteLength);
  const count = view.getUint32(4, true);
  const headerLength = view.getUint16(8, true);
  const recordLength = view.getUint16(10, true);
  if (headerLength < 33 || headerLength > dbf.length) fail('dbf-corrupt', { detail: 'bad header length', detailZh: '文件头长度错误' });
  if (recordLength < 1) fail('dbf-corrupt', { detail: 'bad record length', detailZh: '记录长度错误' });
  if (count > ctx.limits.maxFeatures) fail('too-many-features', { limit: ctx.limits.maxFeatures });
  // A missing final 0x1A byte is common; a missing record is not.
  if (headerLength + count * recordLength > dbf.length) fail('dbf-corrupt', { detail: 'records run past the end of the file (file truncated?)', detailZh: '记录超出文件末尾，文件可能不完整' });

  const rawFields: { name: Uint8Array; type: string; offset: number; length: number; decimals: number }[] = [];
  let fieldOffset = 1; // byte 0 of a record is the deletion flag
  for (let p = 32; p + 32 <= headerLength && dbf[p] !== 0x0d; p += 32) {
    const nameBytes = dbf.subarray(p, p + 11);
    const end = nameBytes.indexOf(0);
    const length = dbf[p + 16];
    rawFields.push({ name: end >= 0 ? nameBytes.subarray(0, end) : nameBytes, type: String.fromCharCode(dbf[p + 11]), offset: fieldOffset, length, decimals: dbf[p + 17] });
    fieldOffset += length;
  }
  if (rawFields.length > ctx.limits.maxColumns) fail('too-many-columns', { count: rawFields.length, limit: ctx.limits.maxColumns });
  if (fieldOffset > recordLength) fail('dbf-corrupt', { detail: 'fields longer than the record', detailZh: '字段总长超过记录长度' });

  // Encoding, in GDAL's order: the .cpg, else the language driver byte, else detection (UTF-8 when
  // every text byte is valid UTF-8, else GBK) — and only detection is a guess worth a warning.
  // Validity is checked on the field names and records only: the field descriptors hold binary
  // widths (254 = 0xFE) that are never valid UTF-8.
  const declared = normalizeEncodingLabel(cpg) ?? dbfLanguageDriverEncoding(dbf[29]);
  const recordBytes = dbf.subarray(headerLength, Math.min(dbf.length, headerLength + count * recordLength));
  // The fast UTF-8 path below needs valid bytes; a .cpg saying UTF-8 over other bytes goes through TextDecoder.
  const validUtf8 = (!declared || declared === 'utf-8') && rawFields.every((f) => isValidUtf8(f.name)) && isValidUtf8(recordBytes);
  let encoding: string;
  let guessed = false;
  if (declared) encoding = declared;
  else if (validUtf8) encoding = 'utf-8';
  else {
    encoding = 'gb18030';
    guessed = true;
  }
  const decoder = new TextDecoder(encoding);
  const fields: DbfField[] = rawFields.map((f, i) => ({
    name: trimRight(decoder.decode(f.name)).trim() || `field_${i + 1}`,
    type: f.type,
    offset: f.offset,
    length: f.length,
  }));
  // Same name twice (possible after truncation to 10 bytes): keep both.
  const seen = new Map<string, number>();
  for (const f of fields) {
    const n = seen.get(f.name) ?? 0;
    seen.set(f.name, n + 1);
    if (n) f.name = `${f.name}_${n + 1}`;
  }

  const records = new Array<Record<string, unknown>>(count);
  // Plain assignment is fast; a field called "__proto__" needs defineProperty to stay a field.
  const unsafeName = fields.some((f) => f.name === '__proto__');
  for (let r = 0; r < count; r++) {
    if ((r & 0x3fff) === 0) checkCancelled(ctx);
    const base = headerLength + r * recordLength;
    const record: Record<string, unknown> = {};
    for (const f of fields) {
      const start = base + f.offset;
      let value: unknown;
      switch (f.type) {
        case 'N':
        case 'F': {
          const t = fieldText(dbf, start, f.length, decoder, validUtf8).trim();
          const n = t === '' || /^\*+$/.test(t) ? NaN : Number(t.replace(',', '.'));
          value = Number.isFinite(n) ? n : null;
          break;
        }
        case 'I':
          value = f.length === 4 ? view.getInt32(start, true) : null;
          break;
        case 'O':
        case 'B':
          value = f.length === 8 ? view.getFloat64(start, true) : null;
          if (typeof value === 'number' && !Number.isFinite(value)) value = null;
          break;
        case 'L': {
          const c = fieldText(dbf, start, f.length, decoder, validUtf8).trim().toUpperCase();
          value = c === 'T' || c === 'Y' ? true : c === 'F' || c === 'N' ? false : null;
          break;
        }
        case 'D': {
          const t = fieldText(dbf, start, f.length, decoder, validUtf8).trim();
          value = /^\d{8}$/.test(t) ? `${t.slice(0, 4)}-${t.slice(4, 6)}-${t.slice(6, 8)}` : null;
          break;
        }
        case 'M':
        case 'G':
        case 'P':
          value = null; // memo blocks live in a .dbt/.fpt we do not read
          break;
        default: {
          value = fieldText(dbf, start, f.length, decoder, validUtf8);
        }
      }
      if (unsafeName) Object.defineProperty(record, f.name, { value, enumerable: true, writable: true, configurable: true });
      else record[f.name] = value;
    }
    records[r] = record;
  }
  return { records, encoding, guessedEncoding: guessed };
}

function decodeSmallText(bytes: Uint8Array | undefined): string | undefined {
  if (!bytes) return undefined;
  const text = new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '').trim();
  return text || undefined;
}

/** Parses one shapefile (its .shp and optional sidecars) into a raw layer. */
export function parseShapefile(parts: ShapefileParts, ctx: ImportContext): RawLayer {
  const warnings: ImportMessage[] = [];
  if (!parts.shp) fail('shp-missing-part', { name: parts.name, part: '.shp' });
  const structure = checkShpStructure(parts.shp, ctx.limits.maxPartsPerRecord);
  reserveFeatures(ctx, structure.records);
  if (ctx.vertexCount + structure.vertices > ctx.limits.maxVertices) fail('too-many-vertices', { limit: ctx.limits.maxVertices });
  checkCancelled(ctx);

  let geometries: (Geometry | null)[];
  try {
    geometries = readGeometries(parts.shp, structure);
  } catch (error) {
    fail('shp-corrupt', { detail: error instanceof Error ? error.message.slice(0, 100) : 'unreadable', detailZh: '几何记录无法读取' });
  }
  if (structure.unreadable.length) {
    const problems = [...new Set(structure.unreadable.map((u) => u.problem))];
    warnings.push({
      code: 'shp-records-unreadable',
      params: {
        count: structure.unreadable.length,
        records: structure.unreadable.slice(0, 10).map((u) => u.index + 1).join(', ') + (structure.unreadable.length > 10 ? ' …' : ''),
        problem: problems.length === 1 ? problems[0] : 'counts',
      },
    });
  }
  ctx.progress('parse', 0.6);

  let records: Record<string, unknown>[] = [];
  if (parts.dbf) {
    const table = readDbf(parts.dbf, decodeSmallText(parts.cpg), ctx);
    records = table.records;
    if (table.guessedEncoding) warnings.push({ code: 'encoding-guessed', params: { encoding: table.encoding === 'gb18030' ? 'GBK' : table.encoding } });
    if (records.length !== geometries.length) {
      warnings.push({ code: 'dbf-count-mismatch', params: { shp: geometries.length, dbf: records.length } });
    }
  } else {
    warnings.push({ code: 'shp-no-dbf', params: { name: parts.name } });
  }
  const features: Feature[] = geometries.map((geometry, i) => {
    // shpjs adds a bbox to each geometry; the layer's bbox is computed later.
    if (geometry && 'bbox' in geometry) delete (geometry as { bbox?: unknown }).bbox;
    return { type: 'Feature', properties: records[i] ?? {}, geometry: geometry as Geometry };
  });
  const prj = decodeSmallText(parts.prj);
  return {
    name: parts.name,
    format: 'shapefile',
    features,
    ...(prj ? { declaredCrs: { kind: 'wkt' as const, text: prj } } : {}),
    warnings,
  };
}
