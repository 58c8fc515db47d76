/**
 * CSV tables with coordinates: a longitude/latitude pair (经度/纬度, lon/lat/lng, longitude/
 * latitude), an x/y pair (x/y, X坐标/Y坐标, easting/northing) or a WKT column (WKT, geometry,
 * the_geom …, or any column whose values are WKT; EWKT `SRID=n;` is honoured). GBK files from
 * Excel are recognised. Degrees may be decimal or degrees-minutes-seconds (113°07′30″).
 *
 * Chinese surveyors label the northing X and the easting Y; when columns named x/y hold a
 * 7-digit northing in X and a 6- or 8-digit easting in Y, they are swapped and we say so.
 */
import { wktToGeoJSON } from 'betterknown';
import type { Feature, Geometry } from 'geojson';
import { checkCancelled, reserveFeatures, type ImportContext, type RawLayer } from '../context.ts';
import { fail } from '../failure.ts';
import type { ImportMessage } from '../types.ts';
import { decodeText } from '../text.ts';
import { linearizeCurveWkt } from './wktCurves.ts';

/** Splits CSV text into rows (RFC 4180 quoting); stops after `maxRows`. */
export function parseCsvRows(text: string, delimiter: string, maxRows: number): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  const n = text.length;
  const d = delimiter.charCodeAt(0);
  const special = new RegExp(`[\\r\\n"${delimiter === '\t' ? '\\t' : delimiter === '|' ? '\\|' : delimiter}]`, 'g');
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 0x22 && field === '') {
      // Quoted field.
      i++;
      let start = i;
      let value = '';
      for (;;) {
        const q = text.indexOf('"', i);
        if (q < 0) {
          value += text.slice(start);
          i = n;
          break;
        }
        if (text.charCodeAt(q + 1) === 0x22) {
          value += text.slice(start, q + 1);
          i = q + 2;
          start = i;
          continue;
        }
        value += text.slice(start, q);
        i = q + 1;
        break;
      }
      field = value;
      // Text between the closing quote and the delimiter is kept (lenient, like Excel).
      while (i < n && text.charCodeAt(i) !== d && text.charCodeAt(i) !== 0x0a && text.charCodeAt(i) !== 0x0d) field += text[i++];
      continue;
    }
    if (c === d) {
      row.push(field);
      field = '';
      i++;
    } else if (c === 0x0a || c === 0x0d) {
      row.push(field);
      field = '';
      if (row.length > 1 || row[0] !== '') rows.push(row);
      if (rows.length >= maxRows) return rows;
      row = [];
      i += c === 0x0d && text.charCodeAt(i + 1) === 0x0a ? 2 : 1;
    } else {
      special.lastIndex = i;
      const next = special.exec(text);
      const stop = next ? next.index : n;
      field += text.slice(i, stop);
      i = stop;
      // A quote inside an unquoted field is literal.
      if (i < n && text.charCodeAt(i) === 0x22) {
        field += '"';
        i++;
      }
    }
  }
  if (field !== '' || row.length) {
    row.push(field);
    if (row.length > 1 || row[0] !== '') rows.push(row);
  }
  return rows;
}

function countOutsideQuotes(line: string, ch: string): number {
  let inQuotes = false;
  let count = 0;
  for (const c of line) {
    if (c === '"') inQuotes = !inQuotes;
    else if (c === ch && !inQuotes) count++;
  }
  return count;
}

export function detectDelimiter(text: string): string {
  const firstLine = text.slice(0, 4096).split(/\r?\n/)[0] ?? '';
  let best = ',';
  let bestCount = 0;
  for (const candidate of [',', ';', '\t', '|']) {
    const count = countOutsideQuotes(firstLine, candidate);
    if (count > bestCount) {
      best = candidate;
      bestCount = count;
    }
  }
  return best;
}

function normalizeHeader(h: string): string {
  return h
    .replace(/^\uFEFF/, '')
    .trim()
    .toLowerCase()
    .replace(/[（([【][^）)\]】]*[）)\]】]$/, '')
    .replace(/[\s_\-.]/g, '');
}

const LON_NAMES = ['经度', '东经', 'lon', 'lng', 'long', 'longitude', 'lonwgs84', 'wgs84lon', 'wgslon', 'gcjlng', 'gcjlon', 'gcj02lng', 'gcj02lon', 'lnggcj'];
const LAT_NAMES = ['纬度', '北纬', 'lat', 'latitude', 'latwgs84', 'wgs84lat', 'wgslat', 'gcjlat', 'gcj02lat', 'latgcj'];
const X_NAMES = ['x', 'x坐标', '坐标x', 'xcoord', 'pointx', 'east', 'easting', '东坐标', 'e'];
const Y_NAMES = ['y', 'y坐标', '坐标y', 'ycoord', 'pointy', 'north', 'northing', '北坐标', 'n'];
const WKT_NAMES = ['wkt', 'ewkt', 'geometry', 'geom', 'thegeom', 'shape', 'wktgeom', 'geometrywkt', '几何', '空间信息', '坐标串'];
const WKT_VALUE = /^\s*(SRID=\d+;\s*)?(POINT|LINESTRING|POLYGON|MULTIPOINT|MULTILINESTRING|MULTIPOLYGON|GEOMETRYCOLLECTION|CIRCULARSTRING|COMPOUNDCURVE|CURVEPOLYGON|MULTICURVE|MULTISURFACE|TRIANGLE|TIN|POLYHEDRALSURFACE)\b/i;
/**
 * WKT types GeoJSON has no equivalent for. Curves are linearised as GDAL does (./wktCurves.ts);
 * rows that cannot be (TIN, a curve inside a GEOMETRYCOLLECTION …) are skipped, the types named.
 */
const WKT_CURVE = /^\s*(?:SRID=\d+;\s*)?(CIRCULARSTRING|COMPOUNDCURVE|CURVEPOLYGON|MULTICURVE|MULTISURFACE|TRIANGLE|TIN|POLYHEDRALSURFACE)\b/i;
/** A curve nested in a collection (GEOMETRYCOLLECTION(CIRCULARSTRING(…))). */
const WKT_NESTED_CURVE = /\b(CIRCULARSTRING|COMPOUNDCURVE|CURVEPOLYGON|MULTICURVE|MULTISURFACE)\b/i;

/** Parses a decimal or degrees-minutes-seconds coordinate; undefined when not a number. */
export function parseCoordinate(raw: string, decimalComma: boolean): number | undefined {
  let s = raw.trim();
  if (s === '') return undefined;
  let sign = 1;
  const hemisphere = /^(东经|北纬|西经|南纬|[NSEW])\s*|\s*([NSEW]|东经|北纬|西经|南纬)$/i.exec(s);
  if (hemisphere) {
    const h = (hemisphere[1] ?? hemisphere[2]).toUpperCase();
    if (h === 'S' || h === 'W' || h === '西经' || h === '南纬') sign = -1;
    s = s.replace(hemisphere[0], '').trim();
  }
  if (decimalComma) s = s.replace(',', '.');
  if (/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(s)) return sign * Number(s);
  const dms = /^([-+]?\d+(?:\.\d+)?)\s*[°度]\s*(?:(\d+(?:\.\d+)?)\s*['′’分]\s*)?(?:(\d+(?:\.\d+)?)\s*(?:["″”秒]|'')?)?$/.exec(s);
  if (dms) {
    const deg = Number(dms[1]);
    const min = dms[2] ? Number(dms[2]) : 0;
    const sec = dms[3] ? Number(dms[3]) : 0;
    if (min >= 60 || sec >= 60) return undefined;
    const value = Math.abs(deg) + min / 60 + sec / 3600;
    return sign * (deg < 0 || dms[1].startsWith('-') ? -value : value);
  }
  return undefined;
}

const NUMBER_VALUE = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

/** Columns whose every non-empty value is a plain number (without leading zeros) become numbers. */
function numericColumns(rows: string[][], width: number): boolean[] {
  const numeric = Array.from({ length: width }, () => true);
  const seenValue = Array.from({ length: width }, () => false);
  for (const row of rows) {
    for (let c = 0; c < width; c++) {
      if (!numeric[c]) continue;
      const v = (row[c] ?? '').trim();
      if (v === '') continue;
      seenValue[c] = true;
      if (!NUMBER_VALUE.test(v) || /^[-+]?0\d/.test(v) || !Number.isFinite(Number(v))) numeric[c] = false;
    }
  }
  return numeric.map((n, c) => n && seenValue[c]);
}

function findColumn(headers: string[], names: string[]): number {
  const normalized = headers.map(normalizeHeader);
  for (const name of names) {
    const i = normalized.indexOf(name);
    if (i >= 0) return i;
  }
  return -1;
}

/** Parses CSV bytes into a raw layer. */
/**
 * A text cell as written before a spreadsheet formula guard: CSV writers (ours included) put an
 * apostrophe before text starting with = + - @ so Excel does not run it; the text itself has none.
 */
function withoutFormulaGuard(cell: string): string {
  return /^'[=+\-@]/.test(cell) ? cell.slice(1) : cell;
}

export function parseCsv(bytes: Uint8Array, name: string, ctx: ImportContext): RawLayer {
  const decoded = decodeText(bytes);
  const warnings: ImportMessage[] = [];
  if (decoded.guessed) warnings.push({ code: 'encoding-guessed', params: { encoding: 'GBK' } });
  const delimiter = detectDelimiter(decoded.text);
  const rows = parseCsvRows(decoded.text, delimiter, ctx.limits.maxFeatures + 2);
  return parseTable(rows, name, ctx, { decimalComma: delimiter !== ',', format: 'csv', warnings });
}

/**
 * A table of text cells (CSV rows, a spreadsheet's sheet) with a header row into a raw layer:
 * coordinate columns found by name or by value, surveyors' X/Y order, WKT.
 */
export function parseTable(
  rows: string[][],
  name: string,
  ctx: ImportContext,
  options: { decimalComma: boolean; format: 'csv' | 'xlsx'; warnings: ImportMessage[] },
): RawLayer {
  const { warnings } = options;
  if (rows.length === 0) fail('file-empty');
  if (rows[0].length > ctx.limits.maxColumns) fail('too-many-columns', { name, count: rows[0].length, limit: ctx.limits.maxColumns });
  const headers = rows[0].map((h) => h.replace(/^\uFEFF/, '').trim());
  if (headers.every((h) => parseCoordinate(h, false) !== undefined || h === '')) fail('csv-no-header');
  const body = rows.slice(1);
  if (body.length > ctx.limits.maxFeatures) fail('too-many-features', { limit: ctx.limits.maxFeatures });
  checkCancelled(ctx);

  let wktColumn = findColumn(headers, WKT_NAMES);
  if (wktColumn < 0) {
    const firstRow = body.find((r) => r.some((v) => v.trim() !== ''));
    wktColumn = firstRow ? firstRow.findIndex((v) => WKT_VALUE.test(v)) : -1;
  }
  if (wktColumn >= 0 && !body.some((r) => WKT_VALUE.test(r[wktColumn] ?? ''))) wktColumn = -1;
  let xColumn = findColumn(headers, LON_NAMES);
  let yColumn = findColumn(headers, LAT_NAMES);
  const namedLonLat = xColumn >= 0 && yColumn >= 0;
  if (!namedLonLat) {
    xColumn = findColumn(headers, X_NAMES);
    yColumn = findColumn(headers, Y_NAMES);
  }
  if (wktColumn < 0 && (xColumn < 0 || yColumn < 0)) {
    fail('csv-no-coordinates', { columns: headers.slice(0, 12).join(', ').slice(0, 200) });
  }
  const decimalComma = options.decimalComma;

  // Surveyors' order: X = northing (7 digits), Y = easting (6 digits, or 8 with zone prefix).
  if (wktColumn < 0 && !namedLonLat) {
    const xHeader = normalizeHeader(headers[xColumn]);
    const ambiguousNames = !['east', 'easting', '东坐标', 'e'].includes(xHeader);
    if (ambiguousNames) {
      let xLooksNorthing = 0;
      let yLooksEasting = 0;
      let checked = 0;
      for (const row of body.slice(0, 200)) {
        const x = parseCoordinate(row[xColumn] ?? '', decimalComma);
        const y = parseCoordinate(row[yColumn] ?? '', decimalComma);
        if (x === undefined || y === undefined) continue;
        checked++;
        if (x >= 1_000_000 && x < 10_000_000) xLooksNorthing++;
        if ((y >= 100_000 && y < 1_000_000) || (y >= 13_000_000 && y < 46_000_000)) yLooksEasting++;
      }
      if (checked > 0 && xLooksNorthing === checked && yLooksEasting === checked) {
        [xColumn, yColumn] = [yColumn, xColumn];
        warnings.push({ code: 'csv-xy-surveying-order', params: { x: headers[yColumn], y: headers[xColumn] } });
      }
    }
  }

  const coordinateColumns = new Set(wktColumn >= 0 ? [wktColumn] : [xColumn, yColumn]);
  const numeric = numericColumns(body, headers.length);
  const features: Feature[] = [];
  let bad = 0;
  let firstBad = 0;
  const curveTypes = new Set<string>();
  const linearisedTypes = new Set<string>();
  let linearisedRows = 0;
  let curveRows = 0;
  let firstCurveRow = 0;
  let srid: string | undefined;
  let mixedSrid = false;
  for (let r = 0; r < body.length; r++) {
    if ((r & 0x3fff) === 0) checkCancelled(ctx);
    const row = body[r];
    let geometry: Geometry | null = null;
    if (wktColumn >= 0) {
      const text = (row[wktColumn] ?? '').trim();
      if (text !== '') {
        const m = /^SRID=(\d+);/i.exec(text);
        if (m) {
          if (srid !== undefined && srid !== m[1]) mixedSrid = true;
          srid = m[1];
        }
        const curve = WKT_CURVE.exec(text) ?? WKT_NESTED_CURVE.exec(text);
        let linear: Geometry | undefined;
        if (curve && WKT_CURVE.test(text)) {
          try {
            linear = linearizeCurveWkt(text);
          } catch {
            linear = undefined;
          }
        }
        if (curve && linear) {
          geometry = linear;
          linearisedTypes.add(curve[1].toUpperCase());
          linearisedRows++;
        } else if (curve) {
          curveTypes.add(curve[1].toUpperCase());
          curveRows++;
          firstCurveRow ||= r + 2;
          continue;
        } else {
          try {
            geometry = wktToGeoJSON(m ? text.slice(m[0].length) : text);
          } catch {
            geometry = null;
          }
        }
        if (!geometry && !/\bEMPTY\s*$/i.test(text)) {
          bad++;
          firstBad ||= r + 2;
          continue;
        }
      }
    } else {
      const xs = (row[xColumn] ?? '').trim();
      const ys = (row[yColumn] ?? '').trim();
      if (xs === '' && ys === '') {
        if (row.every((v) => v.trim() === '')) continue;
        // A row without coordinates keeps its attributes (reported as "without geometry").
      } else {
        const x = parseCoordinate(xs, decimalComma);
        const y = parseCoordinate(ys, decimalComma);
        if (x === undefined || y === undefined) {
          bad++;
          firstBad ||= r + 2;
          continue;
        }
        geometry = { type: 'Point', coordinates: [x, y] };
      }
    }
    const entries: [string, unknown][] = [];
    for (let c = 0; c < headers.length; c++) {
      if (coordinateColumns.has(c)) continue;
      const key = headers[c] || `column_${c + 1}`;
      const raw = row[c] ?? '';
      entries.push([key, numeric[c] ? (raw.trim() === '' ? null : Number(raw.trim())) : withoutFormulaGuard(raw)]);
    }
    features.push({ type: 'Feature', properties: Object.fromEntries(entries), geometry: geometry as Geometry });
  }
  reserveFeatures(ctx, features.length);
  if (bad) warnings.push({ code: 'rows-skipped', params: { count: bad, firstRow: firstBad } });
  const curves = { count: curveRows, types: [...curveTypes].join(', '), firstRow: firstCurveRow };
  if (features.length === 0 && curveRows > 0) fail('csv-wkt-curves', { ...curves, name });
  if (curveRows) warnings.push({ code: 'csv-wkt-curves', params: curves });
  if (linearisedRows) warnings.push({ code: 'csv-wkt-curves-linearised', params: { count: linearisedRows, types: [...linearisedTypes].join(', ') } });
  if (features.length === 0 && bad > 0) fail('no-features', { reason: 'csv-rows-unreadable', firstRow: firstBad });
  return {
    name,
    format: options.format,
    features,
    ...(srid && !mixedSrid ? { declaredCrs: { kind: 'spec' as const, text: `EPSG:${srid}` } } : {}),
    impliesLonLat: namedLonLat,
    warnings,
  };
}
