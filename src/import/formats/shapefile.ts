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
const POLY_TYPES = new Set([3, 5, 13, 15, 23, 25]);
const MULTIPOINT_TYPES = new Set([8, 18, 28]);
const POINT_TYPES = new Set([1, 11, 21]);

/**
 * Walks the .shp records and checks that every length, part count and point count fits the
 * record. Returns the number of records and vertices. Throws ImportFailure 'shp-corrupt'.
 */
export function checkShpStructure(shp: Uint8Array, maxParts: number): { records: number; vertices: number; shapeType: number } {
  if (shp.length < 100) fail('shp-corrupt', { detail: 'file shorter than its 100-byte header' });
  const view = new DataView(shp.buffer, shp.byteOffset, shp.byteLength);
  if (view.getInt32(0, false) !== 9994) fail('shp-corrupt', { detail: 'not a .shp file (bad file code)' });
  const shapeType = view.getInt32(32, true);
  if (shapeType === 31) fail('shp-unsupported-type', { type: 'MultiPatch' });
  if (!SUPPORTED_TYPES.has(shapeType)) fail('shp-corrupt', { detail: `unknown shape type ${shapeType}` });
  let offset = 100;
  let records = 0;
  let vertices = 0;
  while (offset + 8 <= shp.length) {
    records++;
    const contentBytes = view.getInt32(offset + 4, false) * 2;
    if (contentBytes < 0 || offset + 8 + contentBytes > shp.length) {
      fail('shp-corrupt', { detail: `record ${records} runs past the end of the file (file truncated?)` });
    }
    const c = offset + 8;
    if (contentBytes >= 4) {
      const type = view.getInt32(c, true);
      if (type !== 0 && type !== shapeType) fail('shp-corrupt', { detail: `record ${records} has shape type ${type} in a type ${shapeType} file` });
      if (type !== 0) {
        if (POINT_TYPES.has(type)) {
          if (contentBytes < 20) fail('shp-corrupt', { detail: `record ${records} too short` });
          vertices += 1;
        } else if (MULTIPOINT_TYPES.has(type)) {
          if (contentBytes < 40) fail('shp-corrupt', { detail: `record ${records} too short` });
          const points = view.getInt32(c + 36, true);
          if (points < 0 || 40 + points * 16 > contentBytes) fail('shp-corrupt', { detail: `record ${records}: point count does not fit` });
          vertices += points;
        } else if (POLY_TYPES.has(type)) {
          if (contentBytes < 44) fail('shp-corrupt', { detail: `record ${records} too short` });
          const parts = view.getInt32(c + 36, true);
          const points = view.getInt32(c + 40, true);
          if (parts < 0 || points < 0 || 44 + parts * 4 + points * 16 > contentBytes) {
            fail('shp-corrupt', { detail: `record ${records}: part or point count does not fit` });
          }
          if (parts > maxParts) fail('shp-corrupt', { detail: `record ${records} has ${parts} parts (limit ${maxParts})` });
          let previous = 0;
          for (let i = 0; i < parts; i++) {
            const start = view.getInt32(c + 44 + i * 4, true);
            if (start < previous || start >= Math.max(points, 1) || (i === 0 && start !== 0)) {
              fail('shp-corrupt', { detail: `record ${records}: part index out of order` });
            }
            previous = start;
          }
          if (parts > 0 && points === 0) fail('shp-corrupt', { detail: `record ${records}: parts without points` });
          vertices += points;
        }
      }
    } else if (contentBytes !== 0) {
      fail('shp-corrupt', { detail: `record ${records} too short` });
    }
    offset += 8 + contentBytes;
  }
  return { records, vertices, shapeType };
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
    if (c < 0x80) (code = c), (i += 1);
    else if (c < 0xe0) (code = ((c & 0x1f) << 6) | (b[i + 1] & 0x3f)), (i += 2);
    else if (c < 0xf0) (code = ((c & 0x0f) << 12) | ((b[i + 1] & 0x3f) << 6) | (b[i + 2] & 0x3f)), (i += 3);
    else (code = ((c & 0x07) << 18) | ((b[i + 1] & 0x3f) << 12) | ((b[i + 2] & 0x3f) << 6) | (b[i + 3] & 0x3f)), (i += 4);
    out += String.fromCodePoint(code);
  }
  return out;
}

/**
 * Text of dbf[start, start+length) without the padding blanks/NULs, trimmed on the bytes before
 * decoding (text fields are padded to their width, often 254 bytes). ASCII skips the decoder.
 */
function fieldText(dbf: Uint8Array, start: number, length: number, decoder: TextDecoder): string {
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
  if (!ascii) return (decoder.encoding === 'utf-8' ? utf8(dbf, start, end) : decoder.decode(dbf.subarray(start, end))).replace(/\u0000+$/, '');
  let out = '';
  for (let i = start; i < end; i++) out += String.fromCharCode(dbf[i]);
  return out;
}

/** Reads a .dbf. `cpg` is the text of the .cpg file. Throws ImportFailure 'dbf-corrupt'. */
export function readDbf(dbf: Uint8Array, cpg: string | undefined, ctx: ImportContext): DbfTable {
  if (dbf.length < 33) fail('dbf-corrupt', { detail: 'file shorter than its header' });
  const view = new DataView(dbf.buffer, dbf.byteOffset, dbf.byteLength);
  const count = view.getUint32(4, true);
  const headerLength = view.getUint16(8, true);
  const recordLength = view.getUint16(10, true);
  if (headerLength < 33 || headerLength > dbf.length) fail('dbf-corrupt', { detail: 'bad header length' });
  if (recordLength < 1) fail('dbf-corrupt', { detail: 'bad record length' });
  if (count > ctx.limits.maxFeatures) fail('too-many-features', { limit: ctx.limits.maxFeatures });
  // A missing final 0x1A byte is common; a missing record is not.
  if (headerLength + count * recordLength > dbf.length) fail('dbf-corrupt', { detail: 'records run past the end of the file (file truncated?)' });

  const rawFields: { name: Uint8Array; type: string; offset: number; length: number; decimals: number }[] = [];
  let fieldOffset = 1; // byte 0 of a record is the deletion flag
  for (let p = 32; p + 32 <= headerLength && dbf[p] !== 0x0d; p += 32) {
    const nameBytes = dbf.subarray(p, p + 11);
    const end = nameBytes.indexOf(0);
    const length = dbf[p + 16];
    rawFields.push({ name: end >= 0 ? nameBytes.subarray(0, end) : nameBytes, type: String.fromCharCode(dbf[p + 11]), offset: fieldOffset, length, decimals: dbf[p + 17] });
    fieldOffset += length;
  }
  if (fieldOffset > recordLength) fail('dbf-corrupt', { detail: 'fields longer than the record' });

  // Encoding: .cpg, else UTF-8 if every text byte is valid UTF-8, else the language driver, else GBK.
  const declared = normalizeEncodingLabel(cpg);
  const textArea = dbf.subarray(32, Math.min(dbf.length, headerLength + count * recordLength));
  let encoding: string;
  let guessed = false;
  if (declared && (declared !== 'utf-8' || isValidUtf8(textArea))) encoding = declared;
  else if (isValidUtf8(textArea)) encoding = 'utf-8';
  else {
    encoding = dbfLanguageDriverEncoding(dbf[29]) ?? 'gb18030';
    guessed = !dbfLanguageDriverEncoding(dbf[29]) || !!declared;
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

  const records: Record<string, unknown>[] = new Array(count);
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
          const t = fieldText(dbf, start, f.length, decoder).trim();
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
          const c = fieldText(dbf, start, f.length, decoder).trim().toUpperCase();
          value = c === 'T' || c === 'Y' ? true : c === 'F' || c === 'N' ? false : null;
          break;
        }
        case 'D': {
          const t = fieldText(dbf, start, f.length, decoder).trim();
          value = /^\d{8}$/.test(t) ? `${t.slice(0, 4)}-${t.slice(4, 6)}-${t.slice(6, 8)}` : null;
          break;
        }
        case 'M':
        case 'G':
        case 'P':
          value = null; // memo blocks live in a .dbt/.fpt we do not read
          break;
        default: {
          value = fieldText(dbf, start, f.length, decoder);
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
  if (structure.records === 0) geometries = [];
  else {
    try {
      const view = new DataView(parts.shp.buffer, parts.shp.byteOffset, parts.shp.byteLength);
      geometries = parseShp(view) as (Geometry | null)[];
    } catch (error) {
      fail('shp-corrupt', { detail: error instanceof Error ? error.message.slice(0, 100) : 'unreadable' });
    }
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
