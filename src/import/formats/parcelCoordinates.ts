/**
 * 界址点坐标文件: the land-survey coordinate exchange format used for 勘测定界, 土地整治 and 复垦
 * projects (a `.txt` in GBK). Sections:
 *   [属性描述]  key=value lines: 坐标系 (2000国家大地坐标系 / 1980西安坐标系 / 1954北京坐标系),
 *              几度分带 (3 or 6), 带号, 投影类型, 计量单位 …
 *   [地块坐标]  per parcel a header `界址点数,地块面积,地块号,地块名称,面|线|点,图幅号,地块用途,地类编码,@`
 *              then `J1,圈号,X,Y` lines: X = northing, Y = easting (with or without the zone
 *              prefix), rings numbered by 圈号.
 * No library reads it (GDAL neither); this is the whole format. The CRS comes from the header; the
 * area each parcel states (公顷) is checked against its rings (plane area, as the survey states it).
 */
import type { Feature, Geometry, Position } from 'geojson';
import { reserveFeatures, type ImportContext, type RawLayer } from '../context.ts';
import { gaussKrugerDefinitions, type Datum } from '../crs/definitions.ts';
import { fail } from '../failure.ts';
import { decodeText } from '../text.ts';
import type { ImportMessage } from '../types.ts';

interface Parcel {
  header: string[];
  line: number;
  rings: Map<string, Position[]>;
}

function datumOf(text: string | undefined): Exclude<Datum, 'WGS84'> | undefined {
  if (!text) return undefined;
  if (/2000|CGCS/i.test(text)) return 'CGCS2000';
  if (/西安|80/.test(text)) return 'Xian1980';
  if (/北京|54/.test(text)) return 'Beijing1954';
  return undefined;
}

/** The EPSG code the header names, when it names datum, zone width and zone. */
function declaredEpsg(attributes: Map<string, string>, prefixed: boolean): string | undefined {
  const datum = datumOf(attributes.get('坐标系'));
  const width = Number(attributes.get('几度分带'));
  const zone = Number(attributes.get('带号'));
  if (!datum || (width !== 3 && width !== 6) || !Number.isInteger(zone)) return undefined;
  const def = gaussKrugerDefinitions().find((d) => d.datum === datum && d.zoneWidth === width && d.zone === zone && d.zonePrefix === prefixed && !d.deprecated);
  return def?.code;
}

function planeArea(ring: Position[]): number {
  let sum = 0;
  for (let i = 1; i < ring.length; i++) sum += ring[i - 1][0] * ring[i][1] - ring[i][0] * ring[i - 1][1];
  return Math.abs(sum) / 2;
}

function inside(point: Position, ring: Position[]): boolean {
  let result = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > point[1] !== yj > point[1] && point[0] < ((xj - xi) * (point[1] - yi)) / (yj - yi) + xi) result = !result;
  }
  return result;
}

function closed(ring: Position[]): Position[] {
  const [first] = ring;
  const last = ring[ring.length - 1];
  return first[0] === last[0] && first[1] === last[1] ? ring : [...ring, first];
}

/** Rings by 圈号 in order: the first is an outer ring, a later one inside it a hole, else another part. */
function polygonOf(rings: Position[][]): { geometry: Geometry; area: number } {
  const polygons: Position[][][] = [];
  let area = 0;
  for (const ring of rings.map(closed)) {
    const host = polygons.find((p) => inside(ring[0], p[0]));
    if (host) {
      host.push(ring);
      area -= planeArea(ring);
    } else {
      polygons.push([ring]);
      area += planeArea(ring);
    }
  }
  return { geometry: polygons.length === 1 ? { type: 'Polygon', coordinates: polygons[0] } : { type: 'MultiPolygon', coordinates: polygons }, area };
}

const round = (v: number, digits: number) => Number(v.toFixed(digits));

export function parseParcelCoordinates(bytes: Uint8Array, name: string, ctx: ImportContext): RawLayer {
  const { text } = decodeText(bytes);
  const attributes = new Map<string, string>();
  const parcels: Parcel[] = [];
  let section = '';
  let badLines = 0;
  let firstBadLine = 0;
  const lines = text.split(/\r?\n/);
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n].replace(/^\uFEFF/, '').trim();
    if (line === '') continue;
    const heading = /^\[(.+)\]$/.exec(line);
    if (heading) {
      section = heading[1].trim();
      continue;
    }
    if (section === '属性描述') {
      const at = line.search(/[=＝]/);
      if (at > 0) attributes.set(line.slice(0, at).trim(), line.slice(at + 1).trim());
      continue;
    }
    if (section !== '地块坐标') continue;
    const fields = line.split(/[,，]/).map((f) => f.trim());
    if (fields[fields.length - 1] === '@') {
      parcels.push({ header: fields, line: n + 1, rings: new Map() });
      continue;
    }
    const x = Number(fields[2]);
    const y = Number(fields[3]);
    const parcel = parcels[parcels.length - 1];
    if (!parcel || fields.length < 4 || fields[2] === '' || fields[3] === '' || !Number.isFinite(x) || !Number.isFinite(y)) {
      badLines++;
      firstBadLine ||= n + 1;
      continue;
    }
    const ring = fields[1] || '1';
    const positions = parcel.rings.get(ring) ?? [];
    positions.push([y, x]); // easting, northing
    parcel.rings.set(ring, positions);
  }
  if (parcels.length === 0) fail('no-features', { reason: 'empty' });
  reserveFeatures(ctx, parcels.length);

  const warnings: ImportMessage[] = [];
  const mismatches: string[] = [];
  let prefixed: boolean | undefined;
  const features: Feature[] = parcels.map((parcel) => {
    const [count, statedArea, id, parcelName, shape, sheet, use, landCode] = parcel.header;
    const rings = [...parcel.rings.values()];
    const properties: Record<string, string | number | null> = {
      地块号: id ?? null,
      地块名称: parcelName ?? null,
      地块面积: statedArea === undefined || statedArea === '' ? null : Number(statedArea),
      界址点数: count === undefined || count === '' ? null : Number(count),
      图幅号: sheet || null,
      地块用途: use || null,
      地类编码: landCode || null,
    };
    if (rings.length === 0) return { type: 'Feature', properties, geometry: null as unknown as Geometry };
    prefixed ??= rings[0][0][0] >= 1_000_000;
    if (shape === '点') return { type: 'Feature', properties, geometry: { type: 'MultiPoint', coordinates: rings.flat() } };
    if (shape === '线') {
      return { type: 'Feature', properties, geometry: rings.length === 1 ? { type: 'LineString', coordinates: rings[0] } : { type: 'MultiLineString', coordinates: rings } };
    }
    const { geometry, area } = polygonOf(rings);
    const stated = Number(statedArea);
    // Stated in 公顷 by the format; some tools write square metres.
    if (Number.isFinite(stated) && stated > 0) {
      const hectares = area / 10_000;
      const fits = (value: number) => Math.abs(value - stated) <= Math.max(0.0001, stated * 0.005);
      if (!fits(hectares) && !fits(area)) mismatches.push(`${id || parcelName || `#${parcels.indexOf(parcel) + 1}`}（${stated} / ${round(hectares, 4)}）`);
    }
    return { type: 'Feature', properties, geometry };
  });
  if (badLines) warnings.push({ code: 'rows-skipped', params: { count: badLines, firstRow: firstBadLine } });
  if (mismatches.length) warnings.push({ code: 'parcel-area-mismatch', params: { count: mismatches.length, parcels: mismatches.slice(0, 5).join('；') } });
  const epsg = declaredEpsg(attributes, prefixed ?? false);
  return { name, format: 'parcels', features, ...(epsg ? { declaredCrs: { kind: 'spec' as const, text: epsg } } : {}), warnings };
}
