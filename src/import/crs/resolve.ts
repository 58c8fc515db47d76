/**
 * Turns a CRS given by a file or the user (EPSG code, URN, 'gcj02', proj4 string, .prj WKT) into a
 * function that moves a position to WGS84 in place.
 */
import proj4 from 'proj4';
import { gcj02ToWgs84 } from '../../geo/gcj02.ts';
import type { ImportMessage } from '../types.ts';
import { crsDefinitionByEpsg, type CrsDefinition, type Datum } from './definitions.ts';
import { describeWktCrs, type WktCrsInfo } from './wkt.ts';

/** Moves [x, y, …] to [lon, lat, …] in place; false when the result is not a finite position. */
export type PositionTransform = (position: number[]) => boolean;

export interface ResolvedCrs {
  /** 'EPSG:4547', 'EPSG:4326', 'gcj02', or 'custom' for a proj4/WKT definition we do not bundle. */
  id: string;
  label: { zh: string; en: string };
  kind: 'geographic' | 'projected' | 'gcj02';
  datum?: Datum;
  /** Undefined for WGS84/CGCS2000 longitude/latitude (nothing to do). */
  toWgs84?: PositionTransform;
  /** Xi'an 1980 / Beijing 1954 without local parameters: a ballpark datum change (see definitions.ts). */
  approximateDatum?: boolean;
  /** Beijing 1954: which EPSG transformations / how many ballpark points the conversion used. */
  datumShiftTally?: DatumShiftTally;
  definition?: CrsDefinition;
}

export type CrsResolution = { ok: true; crs: ResolvedCrs } | { ok: false; error: ImportMessage };

const WGS84 = '+proj=longlat +datum=WGS84 +no_defs';

function proj4Transform(definition: string): PositionTransform {
  const converter = proj4(definition, WGS84);
  return (position) => {
    let out: number[];
    try {
      out = converter.forward([position[0], position[1]]);
    } catch {
      return false;
    }
    const [lon, lat] = out;
    if (!Number.isFinite(lon) || !Number.isFinite(lat) || Math.abs(lat) > 90 || Math.abs(lon) > 180) return false;
    position[0] = lon;
    position[1] = lat;
    return true;
  };
}

const gcj02Transform: PositionTransform = (position) => {
  const [x, y] = position;
  if (!Number.isFinite(x) || !Number.isFinite(y) || Math.abs(x) > 180 || Math.abs(y) > 90) return false;
  const [lon, lat] = gcj02ToWgs84([x, y]);
  position[0] = lon;
  position[1] = lat;
  return true;
};

/**
 * EPSG's Beijing 1954 → WGS 84 transformations, in the order PROJ 9 ranks them, with their areas
 * of use ([west, south, east, north], Beijing 1954 degrees). PROJ — and so ogr2ogr — applies per
 * point the first whose area contains it, else the ballpark (no shift); we do the same, so results
 * equal ogr2ogr's everywhere. None covers Shanxi: Changzhi data get the ballpark.
 */
export const BEIJING_1954_TRANSFORMATIONS: { code: string; area: [number, number, number, number]; towgs84: string }[] = [
  { code: 'EPSG:15921', area: [77.45, 37, 88, 41.99], towgs84: '15.8,-154.4,-82.3' }, // Tarim basin
  { code: 'EPSG:15919', area: [119.23, 31.23, 125.06, 37.4], towgs84: '15.53,-113.82,-41.38,0,0,0.814,0' }, // Yellow Sea
  { code: 'EPSG:15920', area: [110.13, 18.31, 116.76, 22.89], towgs84: '31.4,-144.3,-74.8,0,0,0.814,-0.38' }, // Pearl River basin
  { code: 'EPSG:15935', area: [107.15, 17.81, 110.17, 21.69], towgs84: '18,-136.8,-73.7,0,0,0.814,-0.38' }, // Gulf of Tonkin
  { code: 'EPSG:15936', area: [107, 35, 110.01, 39], towgs84: '11.911,-154.833,-80.079' }, // Ordos basin
  { code: 'EPSG:15918', area: [107, 35, 110.01, 39], towgs84: '12.646,-155.176,-80.863' }, // Ordos basin
];

/** Counts, per layer, which datum changes were applied (for the 'datum-approximate' warning). */
export interface DatumShiftTally {
  ballpark: number;
  operations: Set<string>;
}

function beijing1954Transform(def: CrsDefinition, tally: DatumShiftTally): PositionTransform {
  const krassovsky = '+proj=longlat +ellps=krass +no_defs';
  const toGeographic = def.kind === 'geographic' ? undefined : proj4(def.proj4, krassovsky);
  const shifts = BEIJING_1954_TRANSFORMATIONS.map((t) => ({ ...t, converter: proj4(`${krassovsky} +towgs84=${t.towgs84}`, WGS84) }));
  return (position) => {
    let lonLat: number[];
    try {
      lonLat = toGeographic ? toGeographic.forward([position[0], position[1]]) : [position[0], position[1]];
    } catch {
      return false;
    }
    let [lon, lat] = lonLat;
    if (!Number.isFinite(lon) || !Number.isFinite(lat) || Math.abs(lat) > 90) return false;
    const shift = shifts.find((t) => lon >= t.area[0] && lon <= t.area[2] && lat >= t.area[1] && lat <= t.area[3]);
    if (shift) {
      [lon, lat] = shift.converter.forward([lon, lat]);
      tally.operations.add(shift.code);
    } else tally.ballpark++;
    position[0] = lon;
    position[1] = lat;
    return true;
  };
}

function fromDefinition(def: CrsDefinition, towgs84?: number[]): ResolvedCrs {
  if (def.datum === 'Beijing1954' && !towgs84) {
    const tally: DatumShiftTally = { ballpark: 0, operations: new Set() };
    return {
      id: def.code,
      label: def.name,
      kind: def.kind === 'geographic' ? 'geographic' : 'projected',
      datum: def.datum,
      definition: def,
      approximateDatum: true,
      datumShiftTally: tally,
      toWgs84: beijing1954Transform(def, tally),
    };
  }
  const approximate = def.datum === 'Xian1980' && !towgs84;
  const base: ResolvedCrs = {
    id: def.code,
    label: def.name,
    kind: def.kind === 'geographic' ? 'geographic' : 'projected',
    datum: def.datum,
    definition: def,
    ...(approximate ? { approximateDatum: true } : {}),
  };
  if (def.kind === 'geographic' && !towgs84) return base; // ballpark: lon/lat unchanged
  const proj = towgs84 ? `${def.proj4} +towgs84=${towgs84.join(',')}` : def.proj4;
  return { ...base, toWgs84: proj4Transform(proj) };
}

/** EPSG number from 'EPSG:4547', '4547', OGC URNs and URLs; 4326 for CRS84. */
export function epsgFromIdentifier(spec: string): number | undefined {
  const s = spec.trim();
  if (/^(urn:ogc:def:crs:OGC:(1\.3)?:CRS84|OGC:CRS84|CRS84|https?:\/\/www\.opengis\.net\/def\/crs\/OGC\/1\.3\/CRS84)$/i.test(s)) return 4326;
  const m =
    /^(?:EPSG|ESRI)\s*:\s*(\d{4,6})$/i.exec(s) ??
    /^(\d{4,6})$/.exec(s) ??
    /^urn:ogc:def:crs:EPSG:[\d.]*:(\d{4,6})$/i.exec(s) ??
    /^https?:\/\/www\.opengis\.net\/def\/crs\/EPSG\/[\d.]+\/(\d{4,6})$/i.exec(s);
  return m ? Number(m[1]) : undefined;
}

function near(a: number, b: number, tolerance: number): boolean {
  return Math.abs(a - b) <= tolerance;
}

function datumOfEllipsoid(e: { a: number; rf: number } | undefined): Datum | undefined {
  if (!e) return undefined;
  if (near(e.a, 6378137, 0.5) && near(e.rf, 298.2572, 0.001)) return 'CGCS2000'; // also WGS84/GRS80
  if (near(e.a, 6378140, 0.5) && near(e.rf, 298.257, 0.001)) return 'Xian1980';
  if (near(e.a, 6378245, 0.5) && near(e.rf, 298.3, 0.001)) return 'Beijing1954';
  return undefined;
}

/**
 * Maps WKT facts to a bundled EPSG definition: by authority code, else by parameters for
 * Gauss-Krüger, geographic and web-mercator CRSs.
 */
function bundledDefinitionForWkt(info: WktCrsInfo): CrsDefinition | undefined {
  if (info.epsg !== undefined) {
    const def = crsDefinitionByEpsg(info.epsg);
    if (def) return def;
  }
  const datum = datumOfEllipsoid(info.ellipsoid);
  if (info.kind === 'geographic') {
    const isWgs84 = /wgs/i.test(info.datumName ?? '') || /wgs/i.test(info.name ?? '');
    if (datum === 'CGCS2000') return crsDefinitionByEpsg(isWgs84 ? 4326 : 4490);
    if (datum === 'Xian1980') return crsDefinitionByEpsg(4610);
    if (datum === 'Beijing1954') return crsDefinitionByEpsg(4214);
    return undefined;
  }
  if (info.kind !== 'projected' || !info.projection) return undefined;
  const p = info.params;
  if (
    info.projection === 'mercator_auxiliary_sphere' ||
    info.projection === 'popular_visualisation_pseudo_mercator' ||
    /pseudo_mercator|web_mercator/.test(normalize(info.name))
  ) {
    return crsDefinitionByEpsg(3857);
  }
  const isTransverseMercator = ['transverse_mercator', 'gauss_kruger', 'gauss_krueger', 'tmerc'].includes(info.projection);
  if (!isTransverseMercator || !datum || info.linearUnit !== 1) return undefined;
  const cm = p.central_meridian ?? 0;
  const k = p.scale_factor ?? 1;
  const fe = p.false_easting ?? 0;
  // WGS 84 / UTM (ESRI names them WGS_1984_UTM_Zone_49N without an authority code).
  if (datum === 'CGCS2000' && k === 0.9996 && fe === 500_000 && (p.latitude_of_origin ?? 0) === 0 && /wgs/i.test(info.datumName ?? '')) {
    const zone = (cm + 183) / 6;
    const fn = p.false_northing ?? 0;
    if (Number.isInteger(zone) && zone >= 1 && zone <= 60 && (fn === 0 || fn === 10_000_000)) return crsDefinitionByEpsg((fn === 0 ? 32600 : 32700) + zone);
  }
  if ((p.latitude_of_origin ?? 0) !== 0 || (p.false_northing ?? 0) !== 0 || k !== 1) return undefined;
  // A central meridian such as 111°E is both a 3° and a 6° zone's; without a zone prefix the two
  // are the same projection, so the name only decides which label to show.
  const says3Degree = /3_degree|3_deg/.test(normalize(info.name)) || /3度/.test(info.name ?? '');
  const widths: (3 | 6)[] = says3Degree ? [3, 6] : [6, 3];
  for (const width of widths) {
    const zone = width === 3 ? cm / 3 : (cm + 3) / 6;
    if (!Number.isInteger(zone)) continue;
    const prefixed = fe === zone * 1_000_000 + 500_000;
    if (!prefixed && fe !== 500_000) continue;
    const firstCode = blockFirstCode(datum, width, prefixed);
    const index = (cm - 75) / width;
    if (firstCode === undefined || index < 0 || index >= (width === 3 ? 21 : 11)) continue;
    return crsDefinitionByEpsg(firstCode + index);
  }
  return undefined;
}

function normalize(name: string | undefined): string {
  return (name ?? '').toLowerCase().replace(/[^a-z0-9]+/g, '_');
}

function blockFirstCode(datum: Datum, width: 3 | 6, prefix: boolean): number | undefined {
  const table: Partial<Record<Datum, Record<string, number>>> = {
    CGCS2000: { '6p': 4491, '6c': 4502, '3p': 4513, '3c': 4534 },
    Xian1980: { '6p': 2327, '6c': 2338, '3p': 2349, '3c': 2370 },
    Beijing1954: { '6p': 21413, '6c': 21453, '3p': 2401, '3c': 2422 },
  };
  return table[datum]?.[`${width}${prefix ? 'p' : 'c'}`];
}

/** Resolves the text of a .prj file (or any WKT CRS). */
export function resolveWktCrs(wkt: string): CrsResolution {
  const text = wkt.replace(/^\uFEFF/, '').trim();
  const info = describeWktCrs(text);
  if (!info) return { ok: false, error: { code: 'crs-unknown', params: { crs: text.slice(0, 80) } } };
  const towgs84 = info.towgs84 && info.towgs84.some((v) => v !== 0) ? info.towgs84 : undefined;
  const def = bundledDefinitionForWkt(info);
  if (def) return { ok: true, crs: fromDefinition(def, towgs84) };
  // Something else (UTM on another datum, Albers, Lambert …): let proj4js read the WKT itself.
  try {
    const transform = proj4Transform(text);
    const datum = datumOfEllipsoid(info.ellipsoid);
    const name = info.name ?? 'WKT';
    return {
      ok: true,
      crs: {
        id: info.epsg !== undefined ? `EPSG:${info.epsg}` : 'custom',
        label: { zh: name, en: name },
        kind: info.kind === 'geographic' ? 'geographic' : 'projected',
        ...(datum ? { datum } : {}),
        toWgs84: transform,
        ...((datum === 'Xian1980' || datum === 'Beijing1954') && !towgs84 ? { approximateDatum: true } : {}),
      },
    };
  } catch {
    return { ok: false, error: { code: 'crs-unknown', params: { crs: info.name ?? text.slice(0, 80) } } };
  }
}

/**
 * Resolves a CRS named by the user or a file: 'EPSG:4547', '4547', an OGC URN, 'CRS84',
 * 'gcj02', 'wgs84', 'cgcs2000', a proj4 string ('+proj=…') or WKT.
 */
export function resolveCrsSpec(spec: string): CrsResolution {
  const s = spec.trim();
  if (s === '') return { ok: false, error: { code: 'crs-unknown', params: { crs: spec } } };
  const lower = s.toLowerCase();
  if (lower === 'gcj02' || lower === 'gcj-02' || lower === 'gcj_02') {
    return { ok: true, crs: { id: 'gcj02', label: { zh: 'GCJ-02（高德/腾讯地图坐标）', en: 'GCJ-02 (Gaode/Tencent map coordinates)' }, kind: 'gcj02', toWgs84: gcj02Transform } };
  }
  if (lower === 'wgs84' || lower === 'wgs 84') return { ok: true, crs: fromDefinition(crsDefinitionByEpsg(4326)!) };
  if (lower === 'cgcs2000') return { ok: true, crs: fromDefinition(crsDefinitionByEpsg(4490)!) };
  const epsg = epsgFromIdentifier(s);
  if (epsg !== undefined) {
    const def = crsDefinitionByEpsg(epsg);
    if (!def) return { ok: false, error: { code: 'crs-unsupported', params: { crs: `EPSG:${epsg}` } } };
    return { ok: true, crs: fromDefinition(def) };
  }
  if (s.startsWith('+')) {
    try {
      const transform = proj4Transform(s);
      const geographic = /\+proj=(longlat|latlong|lonlat|latlon)\b/.test(s);
      const datum = datumOfEllipsoid(ellipsoidOfProj4(s));
      return {
        ok: true,
        crs: {
          id: 'custom',
          label: { zh: s.slice(0, 120), en: s.slice(0, 120) },
          kind: geographic ? 'geographic' : 'projected',
          toWgs84: transform,
          ...((datum === 'Xian1980' || datum === 'Beijing1954') && !/\+towgs84=/.test(s) ? { approximateDatum: true } : {}),
        },
      };
    } catch {
      return { ok: false, error: { code: 'crs-unknown', params: { crs: s.slice(0, 80) } } };
    }
  }
  if (/^(PROJCS|GEOGCS|PROJCRS|GEOGCRS|PROJECTEDCRS|GEOGRAPHICCRS|GEODCRS)\s*\[/i.test(s)) return resolveWktCrs(s);
  return { ok: false, error: { code: 'crs-unknown', params: { crs: s.slice(0, 80) } } };
}

function ellipsoidOfProj4(s: string): { a: number; rf: number } | undefined {
  if (/\+ellps=krass\b/.test(s)) return { a: 6378245, rf: 298.3 };
  if (/\+ellps=IAU76\b/.test(s)) return { a: 6378140, rf: 298.257 };
  const a = /\+a=([\d.]+)/.exec(s);
  const rf = /\+rf=([\d.]+)/.exec(s);
  return a && rf ? { a: Number(a[1]), rf: Number(rf[1]) } : undefined;
}

