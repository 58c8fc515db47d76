/**
 * The coordinate systems bundled with the importer, generated from the EPSG numbering patterns
 * (no network, no 10 MB EPSG database). The proj4 strings equal `projinfo EPSG:n -o PROJ` of
 * PROJ 9 for every code; `tests/fixtures/import/crs-reference.json` (written by gdaltransform)
 * checks each one.
 *
 * Datum handling, matching what GDAL/PROJ do for Shanxi:
 * - CGCS2000 is treated as WGS84 (sub-metre difference; the rule and PROJ's ballpark).
 * - Xi'an 1980 and Beijing 1954: EPSG publishes no transformation to WGS84 valid in Shanxi (the
 *   Beijing 1954 → WGS 84 parameters in EPSG, e.g. EPSG:15921 +towgs84=15.8,-154.4,-82.3, are for
 *   the Tarim basin and offshore fields only). PROJ therefore uses a "ballpark" transformation:
 *   latitude/longitude on the old ellipsoid are taken as WGS84. We do the same — so results equal
 *   ogr2ogr's — and warn ('datum-approximate') that positions can be off by tens of metres to
 *   ~100 m until the user supplies local parameters (a proj4 string with +towgs84 as fromCrs).
 */

export type Datum = 'CGCS2000' | 'Xian1980' | 'Beijing1954' | 'WGS84';

export interface CrsDefinition {
  /** 'EPSG:4547' */
  code: string;
  epsg: number;
  name: { zh: string; en: string };
  proj4: string;
  datum: Datum;
  kind: 'geographic' | 'gauss-kruger' | 'web-mercator' | 'utm';
  zoneWidth?: 3 | 6;
  /** Zone number; set for every GK definition (also the "CM" ones, for display). */
  zone?: number;
  centralMeridian?: number;
  /** Easting carries the zone number (false easting zone × 1e6 + 500000). */
  zonePrefix?: boolean;
  deprecated?: boolean;
}

const ELLIPSOID: Record<Exclude<Datum, 'WGS84'>, string> = {
  CGCS2000: '+ellps=GRS80',
  Xian1980: '+a=6378140 +rf=298.257',
  Beijing1954: '+ellps=krass',
};

const DATUM_NAME: Record<Datum, { zh: string; en: string }> = {
  CGCS2000: { zh: 'CGCS2000', en: 'CGCS2000' },
  Xian1980: { zh: '西安1980', en: 'Xian 1980' },
  Beijing1954: { zh: '北京1954', en: 'Beijing 1954' },
  WGS84: { zh: 'WGS84', en: 'WGS 84' },
};

/** EPSG code blocks of Gauss-Krüger CRSs: first code, datum, zone width, prefix, first zone/CM. */
const GK_BLOCKS: { first: number; count: number; datum: Exclude<Datum, 'WGS84'>; width: 3 | 6; prefix: boolean; deprecated?: boolean }[] = [
  { first: 4491, count: 11, datum: 'CGCS2000', width: 6, prefix: true },
  { first: 4502, count: 11, datum: 'CGCS2000', width: 6, prefix: false },
  { first: 4513, count: 21, datum: 'CGCS2000', width: 3, prefix: true },
  { first: 4534, count: 21, datum: 'CGCS2000', width: 3, prefix: false },
  { first: 2327, count: 11, datum: 'Xian1980', width: 6, prefix: true },
  { first: 2338, count: 11, datum: 'Xian1980', width: 6, prefix: false },
  { first: 2349, count: 21, datum: 'Xian1980', width: 3, prefix: true },
  { first: 2370, count: 21, datum: 'Xian1980', width: 3, prefix: false },
  { first: 2401, count: 21, datum: 'Beijing1954', width: 3, prefix: true },
  { first: 2422, count: 21, datum: 'Beijing1954', width: 3, prefix: false },
  { first: 21413, count: 11, datum: 'Beijing1954', width: 6, prefix: true },
  { first: 21453, count: 11, datum: 'Beijing1954', width: 6, prefix: false },
  { first: 21473, count: 11, datum: 'Beijing1954', width: 6, prefix: false, deprecated: true },
];

/** First zone number of each zone width in the EPSG blocks (CM 75°E). */
const FIRST_ZONE: Record<3 | 6, number> = { 3: 25, 6: 13 };

function gaussKruger(epsg: number): CrsDefinition | undefined {
  for (const block of GK_BLOCKS) {
    const i = epsg - block.first;
    if (i < 0 || i >= block.count) continue;
    const zone = FIRST_ZONE[block.width] + i;
    const cm = 75 + block.width * i;
    const falseEasting = block.prefix ? zone * 1_000_000 + 500_000 : 500_000;
    const d = DATUM_NAME[block.datum];
    const widthZh = block.width === 3 ? '3度带' : '6度带';
    const widthEn = block.width === 3 ? '3-degree ' : '';
    return {
      code: `EPSG:${epsg}`,
      epsg,
      name: block.prefix
        ? { zh: `${d.zh} 高斯-克吕格 ${widthZh} 第${zone}带（坐标含带号）`, en: `${d.en} / ${widthEn}Gauss-Kruger zone ${zone}` }
        : { zh: `${d.zh} 高斯-克吕格 ${widthZh} 中央经线 ${cm}°E`, en: `${d.en} / ${widthEn}Gauss-Kruger CM ${cm}E` },
      proj4: `+proj=tmerc +lat_0=0 +lon_0=${cm} +k=1 +x_0=${falseEasting} +y_0=0 ${ELLIPSOID[block.datum]} +units=m +no_defs`,
      datum: block.datum,
      kind: 'gauss-kruger',
      zoneWidth: block.width,
      zone,
      centralMeridian: cm,
      zonePrefix: block.prefix,
      ...(block.deprecated ? { deprecated: true } : {}),
    };
  }
  return undefined;
}

const GEOGRAPHIC: Record<number, CrsDefinition> = {
  4326: { code: 'EPSG:4326', epsg: 4326, name: { zh: 'WGS84 经纬度', en: 'WGS 84 (longitude/latitude)' }, proj4: '+proj=longlat +datum=WGS84 +no_defs', datum: 'WGS84', kind: 'geographic' },
  4490: { code: 'EPSG:4490', epsg: 4490, name: { zh: 'CGCS2000 经纬度', en: 'CGCS2000 (longitude/latitude)' }, proj4: '+proj=longlat +ellps=GRS80 +no_defs', datum: 'CGCS2000', kind: 'geographic' },
  4610: { code: 'EPSG:4610', epsg: 4610, name: { zh: '西安1980 经纬度', en: 'Xian 1980 (longitude/latitude)' }, proj4: '+proj=longlat +a=6378140 +rf=298.257 +no_defs', datum: 'Xian1980', kind: 'geographic' },
  4214: { code: 'EPSG:4214', epsg: 4214, name: { zh: '北京1954 经纬度', en: 'Beijing 1954 (longitude/latitude)' }, proj4: '+proj=longlat +ellps=krass +no_defs', datum: 'Beijing1954', kind: 'geographic' },
};

const WEB_MERCATOR: CrsDefinition = {
  code: 'EPSG:3857',
  epsg: 3857,
  name: { zh: 'Web 墨卡托（网络地图投影）', en: 'WGS 84 / Pseudo-Mercator (web maps)' },
  proj4: '+proj=merc +a=6378137 +b=6378137 +lat_ts=0 +lon_0=0 +x_0=0 +y_0=0 +k=1 +units=m +nadgrids=@null +no_defs',
  datum: 'WGS84',
  kind: 'web-mercator',
};
/** Old and ESRI codes for web mercator. */
const WEB_MERCATOR_ALIASES = new Set([3857, 900913, 3785, 102100, 102113]);

function utm(epsg: number): CrsDefinition | undefined {
  const north = epsg >= 32601 && epsg <= 32660;
  const south = epsg >= 32701 && epsg <= 32760;
  if (!north && !south) return undefined;
  const zone = epsg % 100;
  return {
    code: `EPSG:${epsg}`,
    epsg,
    name: { zh: `WGS84 UTM ${zone}${north ? 'N' : 'S'} 带`, en: `WGS 84 / UTM zone ${zone}${north ? 'N' : 'S'}` },
    proj4: `+proj=utm +zone=${zone}${south ? ' +south' : ''} +datum=WGS84 +units=m +no_defs`,
    datum: 'WGS84',
    kind: 'utm',
    zone,
    centralMeridian: zone * 6 - 183,
  };
}

/** The bundled definition of an EPSG code, or undefined when the code is not bundled. */
export function crsDefinitionByEpsg(epsg: number): CrsDefinition | undefined {
  if (!Number.isInteger(epsg)) return undefined;
  if (GEOGRAPHIC[epsg]) return GEOGRAPHIC[epsg];
  if (WEB_MERCATOR_ALIASES.has(epsg)) return WEB_MERCATOR;
  return gaussKruger(epsg) ?? utm(epsg);
}

/** Every bundled Gauss-Krüger definition (CGCS2000, Xi'an 1980, Beijing 1954; 3° and 6°). */
export function gaussKrugerDefinitions(): CrsDefinition[] {
  const out: CrsDefinition[] = [];
  for (const block of GK_BLOCKS) {
    for (let i = 0; i < block.count; i++) {
      const def = gaussKruger(block.first + i);
      if (def) out.push(def);
    }
  }
  return out;
}

/** CGCS2000 GK definition for a zone width and zone number / central meridian. */
export function cgcs2000GaussKruger(width: 3 | 6, centralMeridian: number, prefix: boolean): CrsDefinition | undefined {
  const block = GK_BLOCKS.find((b) => b.datum === 'CGCS2000' && b.width === width && b.prefix === prefix);
  if (!block) return undefined;
  const i = (centralMeridian - 75) / width;
  if (!Number.isInteger(i) || i < 0 || i >= block.count) return undefined;
  return gaussKruger(block.first + i);
}

export function datumLabel(datum: Datum): { zh: string; en: string } {
  return DATUM_NAME[datum];
}
